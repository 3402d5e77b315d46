// snapshot.js: toMatchSnapshot.
//
// The matcher turns the received value into its snapshot text (pretty-format's snapshot
// form) and hands it to the snapshot store, which the runner provides through
// expect.setState({ snapshotState }) together with the running test's currentTestName, as
// Jest does. The store owns the .snap file, the per-test counters behind the keys and the
// write/update/CI policy; this file owns the arguments, property matchers and messages.
(function (ns) {
  'use strict';

  const { matchers, format, FORMAT_SNAPSHOT, equals, SUBSET, isAsymmetric, matcherHint,
    matcherError, printWithType, printExpected, printReceived, printDiffOrStringify,
    getObjectSubset, printTextsOrDiff, cutText } = ns;

  const NAME = 'toMatchSnapshot';

  function isObject(v) {
    return v !== null && typeof v === 'object';
  }

  // serialize is the snapshot text of a value; newlines are normalized as Jest does, since
  // a template literal in a .snap file cannot keep a lone carriage return.
  function serialize(val) {
    return format(val, FORMAT_SNAPSHOT).replace(/\r\n|\r/g, '\n');
  }

  function isPattern(v) {
    if (!isObject(v)) return false;
    const proto = Object.getPrototypeOf(v);
    return proto === Object.prototype || proto === null;
  }

  // merge puts the property matchers into a copy of received, so the snapshot stores
  // Any<String> where the received value had this run's id. The matchers already matched,
  // so anything that is not a matcher, an array or a plain pattern object equals its
  // counterpart and received's own value is kept.
  function merge(received, props) {
    if (isAsymmetric(props)) return props;
    if (Array.isArray(received) && Array.isArray(props)) {
      const out = received.slice();
      for (let i = 0; i < props.length; i++) out[i] = merge(received[i], props[i]);
      return out;
    }
    if (isObject(received) && !Array.isArray(received) && isPattern(props)) {
      const out = Object.create(Object.getPrototypeOf(received));
      Object.assign(out, received);
      for (const k of Object.keys(props)) out[k] = merge(received[k], props[k]);
      return out;
    }
    return received;
  }

  // parseArgs reads (hint?) or (propertyMatchers, hint?).
  function parseArgs(args, options) {
    const [first, second] = args;
    if (args.length === 1 && typeof first === 'string') return { properties: undefined, hint: first, shown: 'hint' };
    let properties;
    let hint = '';
    if (first !== undefined) {
      if (!isObject(first)) {
        throw matcherError(matcherHint(NAME, undefined, 'properties', options),
          'expected properties must be an object or an array of property matchers',
          printWithType('Expected properties', first, printExpected));
      }
      properties = first;
    }
    if (args.length > 1) {
      if (typeof second !== 'string') {
        throw matcherError(matcherHint(NAME, undefined, 'properties, hint', options),
          'expected hint must be a string', printWithType('Expected hint', second, printExpected));
      }
      hint = second;
    }
    const shown = [properties === undefined ? '' : 'properties', hint === '' ? '' : 'hint'].filter(Boolean).join(', ');
    return { properties, hint, shown };
  }

  function snapshotName(key) {
    return 'Snapshot name: `' + key + '`';
  }

  matchers.toMatchSnapshot = function toMatchSnapshot(received, ...args) {
    const options = { isNot: this.isNot, promise: this.promise };
    const { properties, hint, shown } = parseArgs(args, options);
    const head = matcherHint(NAME, undefined, shown, options);
    if (this.isNot) throw matcherError(head, 'snapshot matchers cannot be used with not');
    const store = this.snapshotState;
    if (!isObject(store) || typeof store.match !== 'function') {
      throw matcherError(head, 'snapshots are only available in tests that wsrun runs');
    }
    const testName = this.currentTestName;
    if (typeof testName !== 'string' || testName === '') {
      throw matcherError(head, 'toMatchSnapshot must be called while a test runs (in the test or its ' +
        'beforeEach/afterEach hooks), not at the top level or in beforeAll/afterAll');
    }
    const name = hint === '' ? testName : testName + ': ' + hint;
    if (properties !== undefined) {
      if (!isObject(received)) {
        throw matcherError(head, 'received value must be a non-null object when property matchers are given',
          printWithType('Received', received, printReceived));
      }
      if (!equals(received, properties, SUBSET)) {
        const key = store.fail(name);
        const message = head + '\n\n' + snapshotName(key) + '\n\n' +
          printDiffOrStringify(properties, getObjectSubset(received, properties), 'Expected properties', 'Received value');
        return { pass: false, message: () => message, name: NAME, actual: received, expected: properties };
      }
      received = merge(received, properties);
    }
    const text = serialize(received);
    const r = store.match(name, text);
    if (r.error) throw matcherError(head, r.error);
    if (r.pass) return { pass: true, message: () => '', name: NAME };
    let message;
    if (r.missing) {
      message = head + '\n\n' + snapshotName(r.key) + '\n\n' +
        'New snapshot was not written: CI is set, so wsrun writes new snapshots only with -u ' +
        '(--update-snapshots). Run wsrun with -u and commit the .snap file.\n\n' +
        'Received:' + (text.includes('\n') ? '\n' : ' ') + cutText(text);
    } else {
      message = head + '\n\n' + snapshotName(r.key) + '\n\n' + printTextsOrDiff(r.expected, text, 'Snapshot', 'Received');
    }
    return { pass: false, message: () => message, name: NAME, actual: text, expected: r.expected };
  };

  ns.serializeSnapshot = serialize;
})
