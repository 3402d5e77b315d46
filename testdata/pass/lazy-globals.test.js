// The expect library and the web globals are made on first use (engine builtins' lazy rows).
// Before and after that first use, scripts must see the globals SPEC §5 gives them, as plain
// writable, enumerable, configurable properties of the global object.

function check(ok, what) {
  if (!ok) throw new Error('not so: ' + what);
}

// Assigned or deleted before anything read them: the script's value wins, nothing else moves.
jest = 'mine';
delete globalThis.vi;

test('built-ins a script replaces before its first expect do not change expect', () => {
  const tag = RegExp.prototype.toString;
  RegExp.prototype.toString = function () { return 'bogus'; };
  let message = '';
  try {
    expect(/a/).toBe(/b/); // the first use of expect in this file: this test runs first
  } catch (e) {
    message = e.message;
  } finally {
    RegExp.prototype.toString = tag;
  }
  check(/Expected: \/b\//.test(message) && /Received: \/a\//.test(message), 'regexps print as before: ' + message);
});

test('an assignment or delete before first use is kept', () => {
  check(jest === 'mine', 'jest stays the value assigned to it');
  check(typeof vi === 'undefined' && !('vi' in globalThis), 'vi stays deleted');
  check(typeof expect === 'function', 'expect is still made');
});

test('the web globals keep the time origin of the file', async () => {
  await sleep(30);
  // performance was first read now, 30 ms after the file started: its clock did not start now.
  check(performance.now() >= 30, 'performance.now() counts from the file start, got ' + performance.now());
});

test('first use makes plain data properties', () => {
  for (const name of ['expect', 'URL', 'TextEncoder', 'structuredClone']) {
    check(typeof globalThis[name] === 'function', name + ' is a function');
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    check('value' in d && d.writable && d.enumerable && d.configurable, name + ' is a writable data property');
  }
  const w = require('wsrun');
  check(w.expect === expect && w.URL === URL, '"wsrun" exports the same values as the globals');
  check(typeof w.fn === 'function' && typeof w.spyOn === 'function', '"wsrun" exports fn and spyOn');
});
