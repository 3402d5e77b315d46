// utils.js: the pieces of jest-matcher-utils that messages are built from, in plain text.
// They are also handed to custom matchers as this.utils.
(function (ns) {
  'use strict';

  const { stringify, printExpected, printReceived, printDiffOrStringify, getType, getLabelPrinter } = ns;

  // matcherHint is the first line of every message, e.g.
  // "expect(received).resolves.not.toBe(expected) // Object.is equality".
  function matcherHint(name, received, expected, options) {
    received = received === undefined ? 'received' : received;
    expected = expected === undefined ? 'expected' : expected;
    const opts = options || {};
    const comment = opts.comment || '';
    const promise = opts.promise || '';
    const secondArgument = opts.secondArgument || '';
    let hint = '';
    let pending = 'expect';
    if (!opts.isDirectExpectCall && received !== '') {
      hint += pending + '(' + received;
      pending = ')';
    }
    if (promise !== '') {
      hint += pending + '.' + promise;
      pending = '';
    }
    if (opts.isNot) {
      hint += pending + '.not';
      pending = '';
    }
    if (name.includes('.')) {
      pending += name;
    } else {
      hint += pending + '.' + name;
      pending = '';
    }
    if (expected === '') {
      pending += '()';
    } else {
      hint += pending + '(' + expected;
      if (secondArgument) hint += ', ' + secondArgument;
      pending = ')';
    }
    if (comment !== '') pending += ' // ' + comment;
    return hint + pending;
  }

  function matcherErrorMessage(hint, generic, specific) {
    return hint + '\n\nMatcher error: ' + generic + (typeof specific === 'string' ? '\n\n' + specific : '');
  }

  // matcherError is thrown for a matcher used wrongly (a value of the wrong type); it is
  // not an assertion failure, so it keeps the name Error.
  function matcherError(hint, generic, specific) {
    return new Error(matcherErrorMessage(hint, generic, specific));
  }

  function printWithType(name, value, print) {
    const type = getType(value);
    const hasType = type !== 'null' && type !== 'undefined' ? name + ' has type:  ' + type + '\n' : '';
    return hasType + name + ' has value: ' + print(value);
  }

  function ensureNoExpected(expected, name, options) {
    if (expected === undefined) return;
    throw matcherError(matcherHint(name, undefined, '', options),
      'expected value must be omitted or undefined', printWithType('Expected', expected, printExpected));
  }

  function ensureActualIsNumber(actual, name, options) {
    if (typeof actual === 'number' || typeof actual === 'bigint') return;
    throw matcherError(matcherHint(name, undefined, undefined, options),
      'received value must be a number or bigint', printWithType('Received', actual, printReceived));
  }

  function ensureExpectedIsNumber(expected, name, options) {
    if (typeof expected === 'number' || typeof expected === 'bigint') return;
    throw matcherError(matcherHint(name, undefined, undefined, options),
      'expected value must be a number or bigint', printWithType('Expected', expected, printExpected));
  }

  function ensureNumbers(actual, expected, name, options) {
    ensureActualIsNumber(actual, name, options);
    ensureExpectedIsNumber(expected, name, options);
  }

  function ensureExpectedIsNonNegativeInteger(expected, name, options) {
    if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
    throw matcherError(matcherHint(name, undefined, undefined, options),
      'expected value must be a non-negative integer', printWithType('Expected', expected, printExpected));
  }

  const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
    'ten', 'eleven', 'twelve', 'thirteen'];

  function pluralize(word, count) {
    return (NUMBERS[count] || count) + ' ' + word + (count === 1 ? '' : 's');
  }

  const identity = (s) => s;

  // utils is this.utils of a matcher. The color functions are identities: messages are
  // plain text and the reporter colors them.
  const utils = {
    matcherHint,
    matcherErrorMessage,
    printWithType,
    printExpected,
    printReceived,
    printDiffOrStringify,
    stringify,
    getLabelPrinter,
    pluralize,
    ensureNoExpected,
    ensureNumbers,
    ensureActualIsNumber,
    ensureExpectedIsNumber,
    ensureExpectedIsNonNegativeInteger,
    diff: (a, b) => ns.diffValues(a, b, 'Expected', 'Received'),
    EXPECTED_COLOR: identity,
    RECEIVED_COLOR: identity,
    INVERTED_COLOR: identity,
    BOLD_WEIGHT: identity,
    DIM_COLOR: identity,
  };

  ns.matcherHint = matcherHint;
  ns.matcherError = matcherError;
  ns.matcherErrorMessage = matcherErrorMessage;
  ns.printWithType = printWithType;
  ns.pluralize = pluralize;
  ns.ensureNoExpected = ensureNoExpected;
  ns.ensureNumbers = ensureNumbers;
  ns.ensureExpectedIsNonNegativeInteger = ensureExpectedIsNonNegativeInteger;
  ns.utils = utils;
})
