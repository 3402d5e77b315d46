// A k6-style scenario that fails: the failure points into it like a test's would.
export default function () {
  expect(1 + 1).toBe(3);
}
