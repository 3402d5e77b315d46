// Snapshot fixture. The engine tests copy it into a temporary directory and run it several
// times, changing what it snapshots through process.env: VERSION changes a value, EXTRA adds
// a test (so that leaving it out makes that test's snapshot obsolete).
const version = process.env.VERSION || '1';

describe('messages', () => {
  test('welcome', () => {
    expect({ type: 'welcome', version, users: ['alice', 'bob'], motd: 'hi\nthere' }).toMatchSnapshot();
  });

  test('hints and counters', () => {
    for (let i = 1; i <= 10; i++) expect(i).toMatchSnapshot();
    expect({ a: 1 }).toMatchSnapshot('named');
    expect({ a: 2 }).toMatchSnapshot('named');
  });
});

test('property matchers', () => {
  const now = Date.now();
  const received = [
    { type: 'hello', id: `msg-${now}`, at: now },
    { type: 'bye', id: `msg-${now + 1}`, at: now + 1, user: { name: 'alice', session: Math.random() } },
  ];
  expect(received).toMatchSnapshot([
    { id: expect.any(String), at: expect.any(Number) },
    { id: expect.any(String), at: expect.any(Number), user: { session: expect.any(Number) } },
  ]);
});

test('hostile strings', () => {
  expect('back`tick ${not.a.template} \\ back\\slash `${` \\` \\${ $ { }').toMatchSnapshot('`${key}`');
  expect({ 'key`${x}': 'a "quoted" value', multi: 'line 1\nline 2\n' }).toMatchSnapshot();
});

if (process.env.EXTRA) {
  test('extra', () => {
    expect(process.env.EXTRA).toMatchSnapshot();
  });
}
