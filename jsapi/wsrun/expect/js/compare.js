// compare.js: truthiness, the number comparisons, toBeCloseTo and toBeInstanceOf.
(function (ns) {
  'use strict';

  const { matchers, printExpected, printReceived, stringify, matcherHint, matcherError,
    printWithType, ensureNoExpected, ensureNumbers, isPrimitive } = ns;

  function opts(ctx, extra) {
    return Object.assign({ isNot: ctx.isNot, promise: ctx.promise }, extra);
  }

  // Matchers that take no argument and print only the received value.
  function unary(name, test) {
    matchers[name] = function (received, expected) {
      const options = opts(this);
      ensureNoExpected(expected, name, options);
      const pass = test(received);
      const message = () => matcherHint(name, undefined, '', options) + '\n\nReceived: ' + printReceived(received);
      return { pass, message, actual: received, name };
    };
  }

  unary('toBeTruthy', (v) => !!v);
  unary('toBeFalsy', (v) => !v);
  unary('toBeNull', (v) => v === null);
  unary('toBeUndefined', (v) => v === undefined);
  unary('toBeDefined', (v) => v !== undefined);
  unary('toBeNaN', (v) => Number.isNaN(v));

  // Number comparisons. pad lines the received value up under the expected one.
  function comparison(name, op, pad, test) {
    matchers[name] = function (received, expected) {
      const isNot = this.isNot;
      const options = opts(this);
      ensureNumbers(received, expected, name, options);
      const pass = test(received, expected);
      const message = () => matcherHint(name, undefined, undefined, options) + '\n\n' +
        'Expected:' + (isNot ? ' not' : '') + ' ' + op + ' ' + printExpected(expected) + '\n' +
        'Received:' + (isNot ? '    ' : '') + pad + printReceived(received);
      return { pass, message, actual: received, expected, name };
    };
  }

  comparison('toBeGreaterThan', '>', '   ', (a, b) => a > b);
  comparison('toBeGreaterThanOrEqual', '>=', '    ', (a, b) => a >= b);
  comparison('toBeLessThan', '<', '   ', (a, b) => a < b);
  comparison('toBeLessThanOrEqual', '<=', '    ', (a, b) => a <= b);

  function printCloseTo(receivedDiff, expectedDiff, precision, isNot) {
    const receivedDiffString = stringify(receivedDiff);
    const expectedDiffString = receivedDiffString.includes('e')
      ? expectedDiff.toExponential(0)
      : precision >= 0 && precision < 20 ? expectedDiff.toFixed(precision + 1) : stringify(expectedDiff);
    return 'Expected precision:  ' + (isNot ? '    ' : '') + '  ' + stringify(precision) + '\n' +
      'Expected difference: ' + (isNot ? 'not ' : '') + '< ' + expectedDiffString + '\n' +
      'Received difference: ' + (isNot ? '    ' : '') + '  ' + receivedDiffString;
  }

  matchers.toBeCloseTo = function toBeCloseTo(received, expected, precision) {
    const hasPrecision = arguments.length >= 3;
    if (precision === undefined) precision = 2;
    const isNot = this.isNot;
    const options = opts(this, { secondArgument: hasPrecision ? 'precision' : undefined });
    const hint = () => matcherHint('toBeCloseTo', undefined, undefined, options);
    if (typeof expected !== 'number') {
      throw matcherError(hint(), 'expected value must be a number', printWithType('Expected', expected, printExpected));
    }
    if (typeof received !== 'number') {
      throw matcherError(hint(), 'received value must be a number', printWithType('Received', received, printReceived));
    }
    let pass = false;
    let expectedDiff = 0;
    let receivedDiff = 0;
    if ((received === Infinity && expected === Infinity) || (received === -Infinity && expected === -Infinity)) {
      pass = true;
    } else {
      expectedDiff = Math.pow(10, -precision) / 2;
      receivedDiff = Math.abs(expected - received);
      pass = receivedDiff < expectedDiff;
    }
    const message = pass
      ? () => hint() + '\n\nExpected: not ' + printExpected(expected) + '\n' +
        (receivedDiff === 0 ? '' : 'Received:     ' + printReceived(received) + '\n\n' +
          printCloseTo(receivedDiff, expectedDiff, precision, isNot))
      : () => hint() + '\n\nExpected: ' + printExpected(expected) + '\n' + 'Received: ' + printReceived(received) +
        '\n\n' + printCloseTo(receivedDiff, expectedDiff, precision, isNot);
    return { pass, message, actual: received, expected, name: 'toBeCloseTo' };
  };

  // printConstructorName prints "Expected constructor: Foo" and its variants.
  function printConstructorName(label, ctor, isNot, isExpected) {
    if (typeof ctor.name !== 'string') return label + ' name is not a string';
    if (ctor.name.length === 0) return label + ' name is an empty string';
    return label + ': ' + (!isNot ? '' : isExpected ? 'not ' : '    ') + ctor.name;
  }

  function printReceivedConstructorNameNot(label, received, expected) {
    if (typeof expected.name === 'string' && expected.name.length > 0 &&
        typeof received.name === 'string' && received.name.length > 0) {
      return printConstructorName(label, received, true, false) + ' ' +
        (Object.getPrototypeOf(received) === expected ? 'extends' : 'extends … extends') + ' ' + expected.name + '\n';
    }
    return printConstructorName(label, received, false, false) + '\n';
  }

  matchers.toBeInstanceOf = function toBeInstanceOf(received, expected) {
    const options = opts(this);
    const hint = () => matcherHint('toBeInstanceOf', undefined, undefined, options);
    if (typeof expected !== 'function') {
      throw matcherError(hint(), 'expected value must be a function', printWithType('Expected', expected, printExpected));
    }
    const pass = received instanceof expected;
    const message = pass
      ? () => hint() + '\n\n' + printConstructorName('Expected constructor', expected, true, true) + '\n' +
        (typeof received.constructor === 'function' && received.constructor !== expected
          ? printReceivedConstructorNameNot('Received constructor', received.constructor, expected) : '')
      : () => hint() + '\n\n' + printConstructorName('Expected constructor', expected, false, true) + '\n' +
        (isPrimitive(received) || Object.getPrototypeOf(received) === null
          ? '\nReceived value has no prototype\nReceived value: ' + printReceived(received)
          : typeof received.constructor === 'function'
            ? printConstructorName('Received constructor', received.constructor, false, false) + '\n'
            : '\nReceived value: ' + printReceived(received));
    return { pass, message, actual: received, expected, name: 'toBeInstanceOf' };
  };

  ns.printConstructorName = printConstructorName;
  ns.printReceivedConstructorNameNot = printReceivedConstructorNameNot;
})
