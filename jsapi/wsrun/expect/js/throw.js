// throw.js: toThrow (alias toThrowError) with no argument, a substring, a RegExp, an
// Error class, an error object or an asymmetric matcher.
//
// Under .rejects the received value is the rejection reason rather than a function to
// call, as in Jest. Unlike Jest, messages do not repeat the thrown error's stack: the
// runner already shows where the assertion failed.
(function (ns) {
  'use strict';

  const { matchers, printExpected, printReceived, printDiffOrStringify, matcherHint, matcherError,
    printWithType, printConstructorName, printReceivedConstructorNameNot, isAsymmetric } = ns;

  const DID_NOT_THROW = 'Received function did not throw';

  function isError(v) {
    return v instanceof Error || Object.prototype.toString.call(v) === '[object Error]';
  }

  function getThrown(e) {
    const hasMessage = e !== null && e !== undefined && typeof e.message === 'string';
    if (hasMessage && typeof e.name === 'string' && typeof e.stack === 'string') {
      return { hasMessage, isError: true, message: e.message, value: e };
    }
    return { hasMessage, isError: false, message: hasMessage ? e.message : String(e), value: e };
  }

  function formatExpected(label, expected) {
    return label + printExpected(expected) + '\n';
  }

  function formatReceived(label, thrown, key) {
    if (thrown === null) return '';
    if (key === 'message') return label + printReceived(thrown.message) + '\n';
    if (key === 'name') return thrown.isError ? label + printReceived(thrown.value.name) + '\n' : '';
    return thrown.isError ? '' : label + printReceived(thrown.value) + '\n';
  }

  function createThrow(name) {
    return function (received, expected) {
      return toThrow.call(this, name, received, expected);
    };
  }

  function toThrow(name, received, expected) {
    const options = { isNot: this.isNot, promise: this.promise, name };
    const fromPromise = this.promise === 'rejects';
    let thrown = null;
    if (fromPromise && isError(received)) {
      thrown = getThrown(received);
    } else if (typeof received === 'function') {
      try {
        received();
      } catch (e) {
        thrown = getThrown(e);
      }
    } else if (!fromPromise) {
      throw matcherError(matcherHint(name, undefined, expected === undefined ? '' : 'expected', options),
        'received value must be a function', printWithType('Received', received, printReceived));
    }
    let res;
    if (expected === undefined) res = throwAny(options, thrown);
    else if (typeof expected === 'function') res = throwClass(options, thrown, expected);
    else if (typeof expected === 'string') res = throwString(options, thrown, expected);
    else if (expected !== null && typeof expected.test === 'function') res = throwRegExp(options, thrown, expected);
    else if (isAsymmetric(expected)) res = throwAsymmetric(options, thrown, expected);
    else if (expected !== null && typeof expected === 'object') res = throwObject(options, thrown, expected);
    else {
      throw matcherError(matcherHint(name, undefined, undefined, options),
        'expected value must be a string or regular expression or class or error',
        printWithType('Expected', expected, printExpected));
    }
    res.name = name;
    res.actual = thrown === null ? undefined : thrown.value;
    res.expected = expected;
    return res;
  }

  function hint(options, expected) {
    return matcherHint(options.name, undefined, expected, options) + '\n\n';
  }

  function throwAny(options, thrown) {
    const pass = thrown !== null;
    const message = pass
      ? () => hint(options, '') + (thrown.hasMessage
        ? formatReceived('Error name:    ', thrown, 'name') + formatReceived('Error message: ', thrown, 'message')
        : formatReceived('Thrown value: ', thrown, 'value'))
      : () => hint(options, '') + DID_NOT_THROW;
    return { pass, message };
  }

  function receivedDetail(thrown, messageLabel, valueLabel) {
    return thrown.hasMessage ? formatReceived(messageLabel, thrown, 'message') : formatReceived(valueLabel, thrown, 'value');
  }

  function throwString(options, thrown, expected) {
    const pass = thrown !== null && thrown.message.includes(expected);
    const message = pass
      ? () => hint(options) + formatExpected('Expected substring: not ', expected) +
        receivedDetail(thrown, 'Received message:       ', 'Received value:         ')
      : () => hint(options) + formatExpected('Expected substring: ', expected) + (thrown === null
        ? '\n' + DID_NOT_THROW
        : receivedDetail(thrown, 'Received message:   ', 'Received value:     '));
    return { pass, message };
  }

  function throwRegExp(options, thrown, expected) {
    if (thrown !== null) expected.lastIndex = 0;
    const pass = thrown !== null && expected.test(thrown.message);
    const message = pass
      ? () => hint(options) + formatExpected('Expected pattern: not ', expected) +
        receivedDetail(thrown, 'Received message:     ', 'Received value:       ')
      : () => hint(options) + formatExpected('Expected pattern: ', expected) + (thrown === null
        ? '\n' + DID_NOT_THROW
        : receivedDetail(thrown, 'Received message: ', 'Received value:   '));
    return { pass, message };
  }

  function throwAsymmetric(options, thrown, expected) {
    const pass = thrown !== null && !!expected.asymmetricMatch(thrown.value);
    const detail = () => thrown === null ? DID_NOT_THROW : thrown.hasMessage
      ? formatReceived('Received name:    ', thrown, 'name') + formatReceived('Received message: ', thrown, 'message')
      : formatReceived('Thrown value: ', thrown, 'value');
    const message = () => hint(options) +
      formatExpected('Expected asymmetric matcher: ' + (pass ? 'not ' : ''), expected) + '\n' + detail();
    return { pass, message };
  }

  function throwObject(options, thrown, expected) {
    const pass = thrown !== null && thrown.message === expected.message;
    const message = pass
      ? () => hint(options) + formatExpected('Expected message: not ', expected.message) +
        (thrown.hasMessage ? '' : formatReceived('Received value:       ', thrown, 'value'))
      : () => hint(options) + (thrown === null
        ? formatExpected('Expected message: ', expected.message) + '\n' + DID_NOT_THROW
        : thrown.hasMessage
          ? printDiffOrStringify(expected.message, thrown.message, 'Expected message', 'Received message') + '\n'
          : formatExpected('Expected message: ', expected.message) + formatReceived('Received value:   ', thrown, 'value'));
    return { pass, message };
  }

  function throwClass(options, thrown, expected) {
    const pass = thrown !== null && thrown.value instanceof expected;
    const value = thrown === null ? undefined : thrown.value;
    const hasCtor = value !== null && value !== undefined && typeof value.constructor === 'function';
    const detail = () => thrown.hasMessage
      ? formatReceived('Received message: ', thrown, 'message')
      : formatReceived('Received value: ', thrown, 'value');
    const message = pass
      ? () => hint(options) + printConstructorName('Expected constructor', expected, true, true) + '\n' +
        (hasCtor && value.constructor !== expected
          ? printReceivedConstructorNameNot('Received constructor', value.constructor, expected) : '') +
        '\n' + detail()
      : () => hint(options) + printConstructorName('Expected constructor', expected, false, true) + '\n' +
        (thrown === null
          ? '\n' + DID_NOT_THROW
          : (hasCtor ? printConstructorName('Received constructor', value.constructor, false, false) + '\n' : '') +
            '\n' + detail());
    return { pass, message };
  }

  matchers.toThrow = createThrow('toThrow');
  matchers.toThrowError = createThrow('toThrowError');
})
