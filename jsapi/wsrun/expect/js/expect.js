// expect.js: expect(value) itself — .not, .resolves, .rejects, expect.soft, the
// assertion count behind expect.assertions/hasAssertions, and expect.extend.
//
// Matchers live in one table (ns.matchers); every name in it is a method of the object
// expect(value) returns. expect.extend adds to the table. expect.setState hands every
// matcher extra context: the runner sets snapshotState and currentTestName there for
// toMatchSnapshot, as Jest does.
(function (ns) {
  'use strict';

  const { matchers, installAsymmetric, equals, EQUAL, STRICT, stringify, matcherHint,
    matcherErrorMessage, printWithType, printReceived, pluralize, utils } = ns;

  // softFailure is the host's recorder for expect.soft, or undefined in which case a soft
  // assertion fails like a plain one.
  const softFailure = ns.softFailure;
  // startWait is the host's record of .resolves/.rejects assertions still waiting for their
  // promise (see Host.StartWait in expect.go), or undefined.
  const startWait = ns.startWait;

  // Per-test state, reset by beginTest.
  const state = {
    assertionCalls: 0,
    expectedAssertionsNumber: null,
    expectedAssertionsError: null,
    isExpectingAssertions: false,
    isExpectingAssertionsError: null,
  };
  // Fields set with expect.setState, handed to every matcher in its context.
  const extraState = {};
  let hasExtraState = false;

  const RESERVED = new Set(['not', 'resolves', 'rejects', 'constructor', 'actual', 'isNot', 'promise', 'soft']);

  function isPromise(v) {
    return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function';
  }

  // asAssertionError turns err (created where the assertion was written, so its stack
  // leads to the user's line) into the AssertionError the runner reports.
  function asAssertionError(err, message, matcherResult) {
    Object.defineProperty(err, 'name', { value: 'AssertionError', writable: true, configurable: true });
    Object.defineProperty(err, 'message', { value: message, writable: true, configurable: true });
    err.matcherResult = matcherResult;
    return err;
  }

  function fail(err, soft) {
    if (soft && softFailure !== undefined) {
      softFailure(err);
      return undefined;
    }
    throw err;
  }

  // ctxEquals is this.equals of a matcher. It keeps Jest's signature, (a, b, customTesters,
  // strictCheck), so that matchers written for Jest find strictCheck where they pass it. The
  // third argument is ignored: custom equality testers (Jest's expect.addEqualityTesters) are
  // not part of wsrun's expect (docs/test-api.md lists what is), and honouring testers a
  // matcher passes would mean threading them through every level of equals.
  function ctxEquals(a, b, _customTesters, strictCheck) {
    return equals(a, b, strictCheck ? STRICT : EQUAL);
  }

  // RUN holds the matcher on its context so it is called as a method: a call through
  // Function.prototype.call would put a native frame between the user's and ours.
  const RUN = Symbol('run');

  function context(matcher, isNot, promise) {
    const ctx = {
      isNot,
      promise,
      equals: ctxEquals,
      utils,
      expand: false,
      customTesters: [],
      assertionCalls: state.assertionCalls,
      [RUN]: matcher,
    };
    return hasExtraState ? Object.assign(ctx, extraState) : ctx;
  }

  class Assertion {
    constructor(actual, isNot, promise, soft) {
      this.actual = actual;
      this.isNot = isNot;
      this.promise = promise;
      this.soft = soft;
    }
    get not() { return new Assertion(this.actual, !this.isNot, this.promise, this.soft); }
    get resolves() { return new Assertion(this.actual, this.isNot, 'resolves', this.soft); }
    get rejects() { return new Assertion(this.actual, this.isNot, 'rejects', this.soft); }
  }

  // installMatcher makes the matcher a method of every expect(value) object.
  function installMatcher(name) {
    if (Object.prototype.hasOwnProperty.call(Assertion.prototype, name)) return;
    const method = function (...args) {
      return invoke(this, name, args);
    };
    Object.defineProperty(Assertion.prototype, name, { value: method, writable: true, configurable: true });
  }

  function invoke(assertion, name, args) {
    state.assertionCalls++;
    if (assertion.promise === '') {
      return runMatcher(name, assertion.actual, args, assertion.isNot, '', assertion.soft, null);
    }
    return runPromise(assertion, name, args);
  }

  // runMatcher calls the matcher and throws (or records, for soft) when it fails.
  // errSource, when given, is the Error to throw: it was created at the call site.
  function runMatcher(name, actual, args, isNot, promise, soft, errSource) {
    let res;
    try {
      res = context(matchers[name], isNot, promise)[RUN](actual, ...args);
    } catch (e) {
      if (errSource !== null && e instanceof Error) {
        Object.defineProperty(errSource, 'name', { value: e.name, writable: true, configurable: true });
        Object.defineProperty(errSource, 'message', { value: e.message, writable: true, configurable: true });
        e = errSource;
      }
      return fail(e, soft);
    }
    if (isPromise(res)) {
      const src = errSource || new Error();
      return res.then((r) => settle(r, name, isNot, soft, src));
    }
    return settle(res, name, isNot, soft, errSource);
  }

  function settle(res, name, isNot, soft, errSource) {
    if (res === null || typeof res !== 'object' || typeof res.pass !== 'boolean') {
      return fail(new Error('Unexpected return from a matcher function.\n' +
        'Matcher functions should return an object in the following format:\n' +
        '  {message?: string | function, pass: boolean}\n' +
        "'" + stringify(res) + "' was returned"), soft);
    }
    if (res.pass !== isNot) return undefined;
    let message = typeof res.message === 'function' ? res.message() : res.message;
    if (typeof message !== 'string') message = 'No message was specified for this matcher.';
    message = message.replace(/\n+$/, '');
    const err = asAssertionError(errSource || new Error(), message, {
      pass: res.pass,
      message,
      actual: res.actual,
      expected: res.expected,
      name: typeof res.name === 'string' ? res.name : name,
    });
    return fail(err, soft);
  }

  // runPromise is .resolves/.rejects: it waits for the promise, then runs the matcher on
  // its value or reason. The Error that may be thrown later is created now, so its stack
  // points at the user's await rather than at a promise job.
  function runPromise(assertion, name, args) {
    const outer = new Error();
    const { isNot, promise, soft } = assertion;
    const options = { isNot, promise };
    let actual = assertion.actual;
    if (promise === 'rejects' && typeof actual === 'function') actual = actual();
    if (!isPromise(actual)) {
      const message = matcherErrorMessage(matcherHint(name, undefined, '', options),
        'received value must be a promise' + (promise === 'rejects' ? ' or a function returning a promise' : ''),
        printWithType('Received', assertion.actual, printReceived));
      Object.defineProperty(outer, 'message', { value: message, writable: true, configurable: true });
      fail(outer, soft);
      return Promise.resolve();
    }
    const wrong = (label, value) => {
      const message = matcherHint(name, undefined, '', options) + '\n\n' + label + printReceived(value);
      return fail(asAssertionError(outer, message, { pass: isNot, message, actual: value, name }), soft);
    };
    const settled = startWait === undefined ? undefined
      : startWait('expect(…).' + promise + (isNot ? '.not.' : '.') + name + (args.length === 0 ? '()' : '(…)'));
    // A test that ended without awaiting the assertion has already failed for it: its
    // outcome, when the promise settles later, must not reach another test.
    const track = (fn) => settled === undefined ? fn : (v) => (settled() ? fn(v) : new Promise(() => {}));
    return actual.then(
      track((value) => promise === 'resolves'
        ? runMatcher(name, value, args, isNot, promise, soft, outer)
        : wrong('Received promise resolved instead of rejected\nResolved to value: ', value)),
      track((reason) => promise === 'rejects'
        ? runMatcher(name, reason, args, isNot, promise, soft, outer)
        : wrong('Received promise rejected instead of resolved\nRejected to value: ', reason)));
  }

  function expect(actual, ...rest) {
    if (rest.length !== 0) throw new Error('Expect takes at most one argument.');
    return new Assertion(actual, false, '', false);
  }

  expect.soft = function soft(actual, ...rest) {
    if (rest.length !== 0) throw new Error('Expect takes at most one argument.');
    return new Assertion(actual, false, '', true);
  };

  expect.assertions = function assertions(n) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new TypeError('expect.assertions: n must be a whole number (0 or more), got ' + ns.describeArg(n));
    }
    state.expectedAssertionsNumber = n;
    state.expectedAssertionsError = new Error();
  };

  expect.hasAssertions = function hasAssertions() {
    state.isExpectingAssertions = true;
    state.isExpectingAssertionsError = new Error();
  };

  expect.extend = function extend(table) {
    if (table === null || typeof table !== 'object') throw new TypeError('expect.extend expects an object of matchers');
    for (const name of Object.keys(table)) {
      const fn = table[name];
      if (typeof fn !== 'function') throw new TypeError('expect.extend: matcher "' + name + '" must be a function');
      if (RESERVED.has(name)) throw new TypeError('expect.extend: "' + name + '" is a reserved name');
      matchers[name] = fn;
      installMatcher(name);
    }
  };

  expect.getState = function getState() {
    return Object.assign({}, extraState, {
      assertionCalls: state.assertionCalls,
      expectedAssertionsNumber: state.expectedAssertionsNumber,
      isExpectingAssertions: state.isExpectingAssertions,
    });
  };

  expect.setState = function setState(fields) {
    for (const k of Object.keys(fields)) {
      if (k === 'assertionCalls' || k === 'expectedAssertionsNumber' || k === 'isExpectingAssertions') state[k] = fields[k];
      else extraState[k] = fields[k];
      hasExtraState = true;
    }
  };

  installAsymmetric(expect);
  for (const name of Object.keys(matchers)) installMatcher(name);

  function beginTest() {
    state.assertionCalls = 0;
    state.expectedAssertionsNumber = null;
    state.expectedAssertionsError = null;
    state.isExpectingAssertions = false;
    state.isExpectingAssertionsError = null;
  }

  // endTest checks expect.assertions(n) and expect.hasAssertions(); it returns the Error
  // to fail the test with, or null.
  function endTest() {
    const calls = state.assertionCalls;
    const n = state.expectedAssertionsNumber;
    if (typeof n === 'number' && calls !== n) {
      const message = 'expect.assertions(' + n + ')\n\nExpected ' + pluralize('assertion', n) +
        ' to be called but received ' + pluralize('assertion call', calls) + '.';
      return asAssertionError(state.expectedAssertionsError, message,
        { pass: false, message, actual: calls, expected: n, name: 'assertions' });
    }
    if (state.isExpectingAssertions && calls === 0) {
      const message = 'expect.hasAssertions()\n\nExpected at least one assertion to be called but received none.';
      return asAssertionError(state.isExpectingAssertionsError, message,
        { pass: false, message, actual: 0, name: 'hasAssertions' });
    }
    return null;
  }

  ns.expect = expect;
  ns.beginTest = beginTest;
  ns.endTest = endTest;
})
