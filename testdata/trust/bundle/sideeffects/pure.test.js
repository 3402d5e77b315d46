// A /* @__PURE__ */ comment must not let the bundler drop a test.
/* @__PURE__ */ test('annotated fails', () => {
  expect(1).toBe(2);
});
test('plain passes', () => {});
