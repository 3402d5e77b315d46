// spies.js: the matchers of mock functions — toHaveBeenCalled…, toHaveReturned… and Jest
// 29's older aliases (toBeCalled, lastCalledWith, toReturnWith, …) — with Jest's messages.
//
// Messages show at most three calls or results; for a single call whose arguments can be
// diffed line by line (objects, arrays) they show the diff instead of two one-line forms.
// Arguments equal to the expected ones are printed as they are (Jest dims them).
(function (ns) {
  'use strict';

  const { matchers, equals, isMockFunction, stringify, printExpected, printReceived, diffMatched, LeftOut,
    getType, isPrimitive, isAsymmetric, matcherHint, matcherErrorMessage, printWithType,
    ensureNoExpected, ensureExpectedIsNonNegativeInteger } = ns;

  const PRINT_LIMIT = 3;
  const NO_ARGUMENTS = 'called with 0 arguments';
  // Eight spaces, the width of "Received", indent a diff under "n: ".
  const INDENT = '        ';

  function opts(ctx, extra) {
    return Object.assign({ isNot: ctx.isNot, promise: ctx.promise }, extra);
  }

  const isEqualValue = (expected, received) => equals(received, expected);
  const isEqualReturn = (expected, result) => result.type === 'return' && isEqualValue(expected, result.value);

  function printExpectedArgs(expected) {
    return expected.length === 0 ? NO_ARGUMENTS : expected.map(printExpected).join(', ');
  }

  function printReceivedArgs(received, expected) {
    if (received.length === 0) return NO_ARGUMENTS;
    return received.map((arg, i) => Array.isArray(expected) && i < expected.length && isEqualValue(expected[i], arg)
      ? stringify(arg) : printReceived(arg)).join(', ');
  }

  function countReturns(results) {
    return results.reduce((n, r) => (r.type === 'return' ? n + 1 : n), 0);
  }

  function printNumberOfReturns(returns, calls) {
    return '\nNumber of returns: ' + printReceived(returns) +
      (calls !== returns ? '\nNumber of calls:   ' + printReceived(calls) : '');
  }

  // alignedPrinter right-aligns a call number before the colon of label; the call the
  // matcher is about is marked "->".
  function alignedPrinter(label) {
    const index = label.indexOf(':');
    const suffix = label.slice(index);
    return (s, isExpectedCall) => (isExpectedCall
      ? '->' + ' '.repeat(Math.max(0, index - 2 - s.length))
      : ' '.repeat(Math.max(0, index - s.length))) + s + suffix;
  }

  // isLineDiffableArg is jest-matcher-utils' test without the one for strings: only
  // structured values of one type are diffed line by line.
  function isLineDiffableArg(expected, received) {
    const type = getType(expected);
    if (type !== getType(received) || isPrimitive(expected)) return false;
    if (type === 'date' || type === 'function' || type === 'regexp') return false;
    if (expected instanceof Error && received instanceof Error) return false;
    return !isAsymmetric(expected) && !isAsymmetric(received);
  }

  function isLineDiffableCall(expected, received) {
    return expected.some((arg, i) => i < received.length && isLineDiffableArg(arg, received[i]));
  }

  // argDiff returns the diff lines of one argument without the annotation, or null (also
  // when the argument is too large to diff: it is then printed on one line). Unlike
  // Jest, which diffs the values as they are, an asymmetric matcher that matches its
  // counterpart is not shown as a change, as in toEqual's diff.
  function argDiff(expected, received) {
    if (!isLineDiffableArg(expected, received)) return null;
    let d;
    try {
      d = diffMatched(expected, received, 'Expected', 'Received');
    } catch (e) {
      if (e instanceof LeftOut) return null;
      throw e;
    }
    if (!d.includes('- Expected') || !d.includes('+ Received')) return null;
    return d.split('\n').slice(3);
  }

  function printReceivedCallsNegative(expected, indexedCalls, isOnlyCall, iExpectedCall) {
    if (indexedCalls.length === 0) return '';
    const label = 'Received:     ';
    if (isOnlyCall) return label + printReceivedArgs(indexedCalls[0][1], expected) + '\n';
    const aligned = alignedPrinter(label);
    return 'Received\n' + indexedCalls.map(([i, args]) =>
      aligned(String(i + 1), i === iExpectedCall) + printReceivedArgs(args, expected) + '\n').join('');
  }

  function printDiffCall(expected, received) {
    return received.map((arg, i) => {
      if (i < expected.length) {
        if (isEqualValue(expected[i], arg)) return INDENT + '  ' + stringify(arg) + ',';
        const d = argDiff(expected[i], arg);
        if (d !== null) return d.map((line) => INDENT + line).join('\n') + ',';
      }
      // "+" only for an argument that has no expected counterpart.
      return INDENT + (i < expected.length ? '  ' + printReceived(arg) : '+ ' + stringify(arg)) + ',';
    }).join('\n');
  }

  function printExpectedReceivedCallsPositive(expected, indexedCalls, isOnlyCall, iExpectedCall) {
    const expectedLine = 'Expected: ' + printExpectedArgs(expected) + '\n';
    if (indexedCalls.length === 0) return expectedLine;
    const label = 'Received: ';
    if (isOnlyCall && (iExpectedCall === 0 || iExpectedCall === undefined)) {
      const received = indexedCalls[0][1];
      if (!isLineDiffableCall(expected, received)) {
        return expectedLine + label + printReceivedArgs(received, expected) + '\n';
      }
      const lines = ['- Expected', '+ Received', ''];
      for (let i = 0; i < Math.max(expected.length, received.length); i++) {
        if (i < expected.length && i < received.length) {
          if (isEqualValue(expected[i], received[i])) {
            lines.push('  ' + stringify(received[i]) + ',');
            continue;
          }
          const d = argDiff(expected[i], received[i]);
          if (d !== null) {
            lines.push(d.join('\n') + ',');
            continue;
          }
        }
        if (i < expected.length) lines.push('- ' + stringify(expected[i]) + ',');
        if (i < received.length) lines.push('+ ' + stringify(received[i]) + ',');
      }
      return lines.join('\n') + '\n';
    }
    const aligned = alignedPrinter(label);
    return expectedLine + 'Received\n' + indexedCalls.map(([i, received]) => {
      const head = aligned(String(i + 1), i === iExpectedCall);
      return ((i === iExpectedCall || iExpectedCall === undefined) && isLineDiffableCall(expected, received)
        ? head.replace(': ', '\n') + printDiffCall(expected, received)
        : head + printReceivedArgs(received, expected)) + '\n';
    }).join('');
  }

  function printResult(result, expected) {
    if (result.type === 'throw') return 'function call threw an error';
    if (result.type === 'incomplete') return 'function call has not returned yet';
    return isEqualValue(expected, result.value) ? stringify(result.value) : printReceived(result.value);
  }

  function printReceivedResults(label, expected, indexedResults, isOnlyCall, iExpectedCall) {
    if (indexedResults.length === 0) return '';
    if (isOnlyCall && (iExpectedCall === 0 || iExpectedCall === undefined)) {
      return label + printResult(indexedResults[0][1], expected) + '\n';
    }
    const aligned = alignedPrinter(label);
    return label.replace(':', '').trim() + '\n' + indexedResults.map(([i, result]) =>
      aligned(String(i + 1), i === iExpectedCall) + printResult(result, expected) + '\n').join('');
  }

  // ensureMock: the call matchers take "a mock or spy function" in Jest's words (Jasmine
  // spies), the return matchers "a mock function"; wsrun has only mocks.
  function ensureMock(received, name, expectedArgument, options, what) {
    if (isMockFunction(received)) return;
    throw new Error(matcherErrorMessage(matcherHint(name, undefined, expectedArgument, options),
      'received value must be ' + what, printWithType('Received', received, printReceived)));
  }

  const MOCK_OR_SPY = 'a mock or spy function';
  const MOCK = 'a mock function';

  function ensureNth(nth, name, options) {
    if (Number.isSafeInteger(nth) && nth >= 1) return;
    throw new Error(matcherErrorMessage(matcherHint(name, undefined, 'n', options),
      'n must be a positive integer', printWithType('n', nth, stringify)));
  }

  // nearest returns the index of the first call from i, stepping by step while in range,
  // that equals expected; else fallback. The messages show it beside the call asked about,
  // in case the assertion is off by one.
  function nearest(list, from, step, isEqual, fallback) {
    for (let i = from; i >= 0 && i < list.length; i += step) {
      if (isEqual(list[i])) return i;
    }
    return fallback;
  }

  function toBeCalled(name) {
    return function (received, expected) {
      const options = opts(this);
      ensureNoExpected(expected, name, options);
      ensureMock(received, name, '', options, MOCK_OR_SPY);
      const calls = received.mock.calls;
      const count = calls.length;
      const hint = () => matcherHint(name, received.getMockName(), '', options) + '\n\n';
      const message = count > 0
        ? () => hint() + 'Expected number of calls: ' + printExpected(0) + '\n' +
          'Received number of calls: ' + printReceived(count) + '\n\n' +
          calls.slice(0, PRINT_LIMIT).map((args, i) => (i + 1) + ': ' + printReceivedArgs(args)).join('\n')
        : () => hint() + 'Expected number of calls: >= ' + printExpected(1) + '\n' +
          'Received number of calls:    ' + printReceived(count);
      return { pass: count > 0, message };
    };
  }

  function toReturn(name) {
    return function (received, expected) {
      const options = opts(this);
      ensureNoExpected(expected, name, options);
      ensureMock(received, name, '', options, MOCK);
      const { calls, results } = received.mock;
      const count = countReturns(results);
      const hint = () => matcherHint(name, received.getMockName(), '', options) + '\n\n';
      const message = count > 0
        ? () => hint() + 'Expected number of returns: ' + printExpected(0) + '\n' +
          'Received number of returns: ' + printReceived(count) + '\n\n' +
          results.filter((r) => r.type === 'return').slice(0, PRINT_LIMIT)
            .map((r) => (results.indexOf(r) + 1) + ': ' + printReceived(r.value)).join('\n') +
          (calls.length !== count ? '\n\nReceived number of calls:   ' + printReceived(calls.length) : '')
        : () => hint() + 'Expected number of returns: >= ' + printExpected(1) + '\n' +
          'Received number of returns:    ' + printReceived(count) +
          (calls.length !== count ? '\nReceived number of calls:      ' + printReceived(calls.length) : '');
      return { pass: count > 0, message };
    };
  }

  function toBeCalledTimes(name) {
    return function (received, expected) {
      const options = opts(this);
      ensureExpectedIsNonNegativeInteger(expected, name, options);
      ensureMock(received, name, 'expected', options, MOCK_OR_SPY);
      const count = received.mock.calls.length;
      const hint = () => matcherHint(name, received.getMockName(), 'expected', options) + '\n\n';
      const pass = count === expected;
      const message = pass
        ? () => hint() + 'Expected number of calls: not ' + printExpected(expected)
        : () => hint() + 'Expected number of calls: ' + printExpected(expected) + '\n' +
          'Received number of calls: ' + printReceived(count);
      return { pass, message };
    };
  }

  function toReturnTimes(name) {
    return function (received, expected) {
      const options = opts(this);
      ensureExpectedIsNonNegativeInteger(expected, name, options);
      ensureMock(received, name, 'expected', options, MOCK);
      const { calls, results } = received.mock;
      const count = countReturns(results);
      const hint = () => matcherHint(name, received.getMockName(), 'expected', options) + '\n\n';
      const pass = count === expected;
      const message = pass
        ? () => hint() + 'Expected number of returns: not ' + printExpected(expected) +
          (calls.length !== count ? '\n\nReceived number of calls:       ' + printReceived(calls.length) : '')
        : () => hint() + 'Expected number of returns: ' + printExpected(expected) + '\n' +
          'Received number of returns: ' + printReceived(count) +
          (calls.length !== count ? '\nReceived number of calls:   ' + printReceived(calls.length) : '');
      return { pass, message };
    };
  }

  function toBeCalledWith(name) {
    return function (received, ...expected) {
      const options = opts(this);
      ensureMock(received, name, '...expected', options, MOCK_OR_SPY);
      const calls = received.mock.calls;
      const isEqual = (call) => isEqualValue(expected, call);
      const pass = calls.some(isEqual);
      const hint = () => matcherHint(name, received.getMockName(), '...expected', options) + '\n\n';
      const footer = () => '\nNumber of calls: ' + printReceived(calls.length);
      const message = pass
        ? () => {
          const indexed = [];
          for (let i = 0; i < calls.length && indexed.length < PRINT_LIMIT; i++) {
            if (isEqual(calls[i])) indexed.push([i, calls[i]]);
          }
          return hint() + 'Expected: not ' + printExpectedArgs(expected) + '\n' +
            (calls.length === 1 && stringify(calls[0]) === stringify(expected)
              ? '' : printReceivedCallsNegative(expected, indexed, calls.length === 1)) + footer();
        }
        : () => hint() + printExpectedReceivedCallsPositive(expected,
          calls.slice(0, PRINT_LIMIT).map((c, i) => [i, c]), calls.length === 1) + footer();
      return { pass, message };
    };
  }

  function toReturnWith(name) {
    return function (received, expected) {
      const options = opts(this);
      ensureMock(received, name, 'expected', options, MOCK);
      const { calls, results } = received.mock;
      const isEqual = (r) => isEqualReturn(expected, r);
      const pass = results.some(isEqual);
      const hint = () => matcherHint(name, received.getMockName(), 'expected', options) + '\n\n';
      const footer = () => printNumberOfReturns(countReturns(results), calls.length);
      const message = pass
        ? () => {
          const indexed = [];
          for (let i = 0; i < results.length && indexed.length < PRINT_LIMIT; i++) {
            if (isEqual(results[i])) indexed.push([i, results[i]]);
          }
          return hint() + 'Expected: not ' + printExpected(expected) + '\n' +
            (sameOnlyResult(results, expected)
              ? '' : printReceivedResults('Received:     ', expected, indexed, results.length === 1)) + footer();
        }
        : () => hint() + 'Expected: ' + printExpected(expected) + '\n' +
          printReceivedResults('Received: ', expected, results.slice(0, PRINT_LIMIT).map((r, i) => [i, r]),
            results.length === 1) + footer();
      return { pass, message };
    };
  }

  function sameOnlyResult(results, expected) {
    return results.length === 1 && results[0].type === 'return' && stringify(results[0].value) === stringify(expected);
  }

  function lastCalledWith(name) {
    return function (received, ...expected) {
      const options = opts(this);
      ensureMock(received, name, '...expected', options, MOCK_OR_SPY);
      const calls = received.mock.calls;
      const iLast = calls.length - 1;
      const isEqual = (call) => isEqualValue(expected, call);
      const pass = iLast >= 0 && isEqual(calls[iLast]);
      const hint = () => matcherHint(name, received.getMockName(), '...expected', options) + '\n\n';
      const footer = () => '\nNumber of calls: ' + printReceived(calls.length);
      const message = pass
        ? () => {
          const indexed = iLast > 0 ? [[iLast - 1, calls[iLast - 1]]] : [];
          indexed.push([iLast, calls[iLast]]);
          return hint() + 'Expected: not ' + printExpectedArgs(expected) + '\n' +
            (calls.length === 1 && stringify(calls[0]) === stringify(expected)
              ? '' : printReceivedCallsNegative(expected, indexed, calls.length === 1, iLast)) + footer();
        }
        : () => {
          const indexed = [];
          if (iLast > 0) {
            const i = nearest(calls, iLast - 1, -1, isEqual, iLast - 1);
            indexed.push([i, calls[i]]);
          }
          if (iLast >= 0) indexed.push([iLast, calls[iLast]]);
          return hint() + printExpectedReceivedCallsPositive(expected, indexed, calls.length === 1, iLast) + footer();
        };
      return { pass, message };
    };
  }

  function lastReturnedWith(name) {
    return function (received, expected) {
      const options = opts(this);
      ensureMock(received, name, 'expected', options, MOCK);
      const { calls, results } = received.mock;
      const iLast = results.length - 1;
      const isEqual = (r) => isEqualReturn(expected, r);
      const pass = iLast >= 0 && isEqual(results[iLast]);
      const hint = () => matcherHint(name, received.getMockName(), 'expected', options) + '\n\n';
      const footer = () => printNumberOfReturns(countReturns(results), calls.length);
      const message = pass
        ? () => {
          const indexed = iLast > 0 ? [[iLast - 1, results[iLast - 1]]] : [];
          indexed.push([iLast, results[iLast]]);
          return hint() + 'Expected: not ' + printExpected(expected) + '\n' +
            (sameOnlyResult(results, expected)
              ? '' : printReceivedResults('Received:     ', expected, indexed, results.length === 1, iLast)) + footer();
        }
        : () => {
          const indexed = [];
          if (iLast > 0) {
            const i = nearest(results, iLast - 1, -1, isEqual, iLast - 1);
            indexed.push([i, results[i]]);
          }
          if (iLast >= 0) indexed.push([iLast, results[iLast]]);
          return hint() + 'Expected: ' + printExpected(expected) + '\n' +
            printReceivedResults('Received: ', expected, indexed, results.length === 1, iLast) + footer();
        };
      return { pass, message };
    };
  }

  // aroundNth picks what a failed nth matcher shows: the nearest equal (else adjacent)
  // entries before and after the nth, or, when there are fewer than n, the last equal
  // (else the last) one.
  function aroundNth(list, iNth, isEqual) {
    const indexed = [];
    if (iNth < list.length) {
      if (iNth > 0) {
        const i = nearest(list, iNth - 1, -1, isEqual, iNth - 1);
        indexed.push([i, list[i]]);
      }
      indexed.push([iNth, list[iNth]]);
      if (iNth + 1 < list.length) {
        const i = nearest(list, iNth + 1, 1, isEqual, iNth + 1);
        indexed.push([i, list[i]]);
      }
    } else if (list.length > 0) {
      const i = nearest(list, list.length - 1, -1, isEqual, list.length - 1);
      indexed.push([i, list[i]]);
    }
    return indexed;
  }

  // adjacent is what a passing nth matcher shows under .not: the nth and its neighbours.
  function adjacent(list, iNth) {
    const indexed = [];
    for (let i = iNth - 1; i <= iNth + 1; i++) {
      if (i >= 0 && i < list.length) indexed.push([i, list[i]]);
    }
    return indexed;
  }

  function nthCalledWith(name) {
    return function (received, nth, ...expected) {
      const options = opts(this, { secondArgument: '...expected' });
      ensureMock(received, name, 'n', options, MOCK_OR_SPY);
      ensureNth(nth, name, options);
      const calls = received.mock.calls;
      const iNth = nth - 1;
      const isEqual = (call) => isEqualValue(expected, call);
      const pass = iNth < calls.length && isEqual(calls[iNth]);
      const head = () => matcherHint(name, received.getMockName(), 'n', options) + '\n\nn: ' + nth + '\n';
      const footer = () => '\nNumber of calls: ' + printReceived(calls.length);
      const message = pass
        ? () => head() + 'Expected: not ' + printExpectedArgs(expected) + '\n' +
          (calls.length === 1 && stringify(calls[0]) === stringify(expected)
            ? '' : printReceivedCallsNegative(expected, adjacent(calls, iNth), calls.length === 1, iNth)) + footer()
        : () => head() + printExpectedReceivedCallsPositive(expected, aroundNth(calls, iNth, isEqual),
          calls.length === 1, iNth) + footer();
      return { pass, message };
    };
  }

  function nthReturnedWith(name) {
    return function (received, nth, expected) {
      const options = opts(this, { secondArgument: 'expected' });
      ensureMock(received, name, 'n', options, MOCK);
      ensureNth(nth, name, options);
      const { calls, results } = received.mock;
      const iNth = nth - 1;
      const isEqual = (r) => isEqualReturn(expected, r);
      const pass = iNth < results.length && isEqual(results[iNth]);
      const head = () => matcherHint(name, received.getMockName(), 'n', options) + '\n\nn: ' + nth + '\n';
      const footer = () => printNumberOfReturns(countReturns(results), calls.length);
      const message = pass
        ? () => head() + 'Expected: not ' + printExpected(expected) + '\n' +
          (sameOnlyResult(results, expected) ? '' : printReceivedResults('Received:     ', expected,
            adjacent(results, iNth), results.length === 1, iNth)) + footer()
        : () => head() + 'Expected: ' + printExpected(expected) + '\n' +
          printReceivedResults('Received: ', expected, aroundNth(results, iNth, isEqual), results.length === 1, iNth) +
          footer();
      return { pass, message };
    };
  }

  const table = {
    toHaveBeenCalled: toBeCalled, toBeCalled,
    toHaveBeenCalledTimes: toBeCalledTimes, toBeCalledTimes,
    toHaveBeenCalledWith: toBeCalledWith, toBeCalledWith,
    toHaveBeenLastCalledWith: lastCalledWith, lastCalledWith,
    toHaveBeenNthCalledWith: nthCalledWith, nthCalledWith,
    toHaveReturned: toReturn, toReturn,
    toHaveReturnedTimes: toReturnTimes, toReturnTimes,
    toHaveReturnedWith: toReturnWith, toReturnWith,
    toHaveLastReturnedWith: lastReturnedWith, lastReturnedWith,
    toHaveNthReturnedWith: nthReturnedWith, nthReturnedWith,
  };
  for (const name of Object.keys(table)) matchers[name] = table[name](name);
})
