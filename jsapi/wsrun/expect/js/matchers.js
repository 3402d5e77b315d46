// matchers.js: the equality, containment and property matchers.
//
// A matcher is called with this = the matcher context ({isNot, promise, …}) and the
// received value first; it returns {pass, message: () => string, actual, expected, name}.
// Messages are built only when a matcher fails, so passing assertions do no formatting.
(function (ns) {
  'use strict';

  const { equals, EQUAL, STRICT, SUBSET, stringify, printExpected, printReceived,
    printDiffOrStringify, getObjectSubset, getType, getLabelPrinter, matcherHint,
    matcherError, printWithType, ensureExpectedIsNonNegativeInteger } = ns;

  const matchers = ns.matchers = Object.create(null);

  const SUGGEST_TO_CONTAIN_EQUAL = 'Looks like you wanted to test for object/array equality ' +
    'with the stricter `toContain` matcher. You probably need to use `toContainEqual` instead.';

  function opts(ctx, extra) {
    return Object.assign({ isNot: ctx.isNot, promise: ctx.promise }, extra);
  }

  function result(name, pass, message, actual, expected) {
    return { pass, message, actual, expected, name };
  }

  matchers.toBe = function toBe(received, expected) {
    const options = opts(this, { comment: 'Object.is equality' });
    const pass = Object.is(received, expected);
    const message = pass
      ? () => matcherHint('toBe', undefined, undefined, options) + '\n\nExpected: not ' + printExpected(expected)
      : () => {
        const type = getType(expected);
        let deeper = null;
        if (type !== 'map' && type !== 'set') {
          if (equals(received, expected, STRICT)) deeper = 'toStrictEqual';
          else if (equals(received, expected, EQUAL)) deeper = 'toEqual';
        }
        return matcherHint('toBe', undefined, undefined, options) + '\n\n' +
          (deeper === null ? '' : 'If it should pass with deep equality, replace "toBe" with "' + deeper + '"\n\n') +
          printDiffOrStringify(expected, received, 'Expected', 'Received');
      };
    return result('toBe', pass, message, received, expected);
  };

  function deepEquality(name, mode) {
    return function (received, expected) {
      const options = opts(this, { comment: 'deep equality' });
      const pass = equals(received, expected, mode);
      const message = pass
        ? () => matcherHint(name, undefined, undefined, options) + '\n\nExpected: not ' + printExpected(expected) + '\n' +
          (stringify(expected) === stringify(received) ? '' : 'Received:     ' + printReceived(received))
        : () => matcherHint(name, undefined, undefined, options) + '\n\n' +
          printDiffOrStringify(expected, received, 'Expected', 'Received');
      return result(name, pass, message, received, expected);
    };
  }

  matchers.toEqual = deepEquality('toEqual', EQUAL);
  matchers.toStrictEqual = deepEquality('toStrictEqual', STRICT);

  matchers.toMatchObject = function toMatchObject(received, expected) {
    const options = opts(this);
    const hint = () => matcherHint('toMatchObject', undefined, undefined, options);
    if (typeof received !== 'object' || received === null) {
      throw matcherError(hint(), 'received value must be a non-null object', printWithType('Received', received, printReceived));
    }
    if (typeof expected !== 'object' || expected === null) {
      throw matcherError(hint(), 'expected value must be a non-null object', printWithType('Expected', expected, printExpected));
    }
    const pass = equals(received, expected, SUBSET);
    const message = pass
      ? () => hint() + '\n\nExpected: not ' + printExpected(expected) +
        (stringify(expected) === stringify(received) ? '' : '\nReceived:     ' + printReceived(received))
      : () => hint() + '\n\n' + printDiffOrStringify(expected, getObjectSubset(received, expected), 'Expected', 'Received');
    return result('toMatchObject', pass, message, received, expected);
  };

  function ensureContainer(name, received, options) {
    if (received === null || received === undefined) {
      throw matcherError(matcherHint(name, undefined, undefined, options),
        'received value must not be null nor undefined', printWithType('Received', received, printReceived));
    }
    if (typeof received !== 'string' && typeof received[Symbol.iterator] !== 'function') {
      throw matcherError(matcherHint(name, undefined, undefined, options),
        'received value must be a string or an iterable', printWithType('Received', received, printReceived));
    }
  }

  matchers.toContain = function toContain(received, expected) {
    const isNot = this.isNot;
    const options = opts(this, { comment: 'indexOf' });
    ensureContainer('toContain', received, options);
    if (typeof received === 'string') {
      if (typeof expected !== 'string') {
        throw matcherError(matcherHint('toContain', received, String(expected), options),
          'expected value must be a string if received value is a string',
          printWithType('Expected', expected, printExpected) + '\n' + printWithType('Received', received, printReceived));
      }
      const pass = received.includes(expected);
      const message = () => {
        const label = getLabelPrinter('Expected substring', 'Received string');
        return matcherHint('toContain', undefined, undefined, options) + '\n\n' +
          label('Expected substring') + (isNot ? 'not ' : '') + printExpected(expected) + '\n' +
          label('Received string') + (isNot ? '    ' : '') + printReceived(received);
      };
      return result('toContain', pass, message, received, expected);
    }
    const items = Array.from(received);
    const pass = items.indexOf(expected) !== -1 || (expected !== expected && items.some((x) => x !== x));
    const message = () => {
      const labelReceived = 'Received ' + getType(received);
      const label = getLabelPrinter('Expected value', labelReceived);
      return matcherHint('toContain', undefined, undefined, options) + '\n\n' +
        label('Expected value') + (isNot ? 'not ' : '') + printExpected(expected) + '\n' +
        label(labelReceived) + (isNot ? '    ' : '') + printReceived(received) +
        (!isNot && items.some((x) => equals(x, expected)) ? '\n\n' + SUGGEST_TO_CONTAIN_EQUAL : '');
    };
    return result('toContain', pass, message, received, expected);
  };

  matchers.toContainEqual = function toContainEqual(received, expected) {
    const isNot = this.isNot;
    const options = opts(this, { comment: 'deep equality' });
    ensureContainer('toContainEqual', received, options);
    const items = typeof received === 'string' ? [received] : Array.from(received);
    const pass = items.some((x) => equals(x, expected));
    const message = () => {
      const labelReceived = 'Received ' + getType(received);
      const label = getLabelPrinter('Expected value', labelReceived);
      return matcherHint('toContainEqual', undefined, undefined, options) + '\n\n' +
        label('Expected value') + (isNot ? 'not ' : '') + printExpected(expected) + '\n' +
        label(labelReceived) + (isNot ? '    ' : '') + printReceived(received);
    };
    return result('toContainEqual', pass, message, received, expected);
  };

  matchers.toHaveLength = function toHaveLength(received, expected) {
    const isNot = this.isNot;
    const options = opts(this);
    if (received === null || received === undefined || typeof received.length !== 'number') {
      throw matcherError(matcherHint('toHaveLength', undefined, undefined, options),
        'received value must have a length property whose value must be a number',
        printWithType('Received', received, printReceived));
    }
    ensureExpectedIsNonNegativeInteger(expected, 'toHaveLength', options);
    const pass = received.length === expected;
    const message = () => {
      const labelValue = 'Received ' + getType(received);
      const label = getLabelPrinter('Expected length', 'Received length', labelValue);
      return matcherHint('toHaveLength', undefined, undefined, options) + '\n\n' +
        label('Expected length') + (isNot ? 'not ' : '') + printExpected(expected) + '\n' +
        (isNot ? '' : label('Received length') + printReceived(received.length) + '\n') +
        label(labelValue) + (isNot ? '    ' : '') + printReceived(received);
    };
    return result('toHaveLength', pass, message, received.length, expected);
  };

  matchers.toMatch = function toMatch(received, expected) {
    const options = opts(this);
    const hint = () => matcherHint('toMatch', undefined, undefined, options);
    if (typeof received !== 'string') {
      throw matcherError(hint(), 'received value must be a string', printWithType('Received', received, printReceived));
    }
    const isRegExp = expected !== null && typeof expected === 'object' && typeof expected.test === 'function';
    if (typeof expected !== 'string' && !isRegExp) {
      throw matcherError(hint(), 'expected value must be a string or regular expression',
        printWithType('Expected', expected, printExpected));
    }
    let pass;
    if (typeof expected === 'string') {
      pass = received.includes(expected);
    } else {
      expected.lastIndex = 0;
      pass = expected.test(received);
    }
    const kind = typeof expected === 'string' ? 'substring' : 'pattern';
    const message = pass
      ? () => hint() + '\n\n' + 'Expected ' + kind + ': not ' + printExpected(expected) + '\n' +
        'Received string:' + ' '.repeat(kind === 'substring' ? 8 : 6) + printReceived(received)
      : () => {
        const label = getLabelPrinter('Expected ' + kind, 'Received string');
        return hint() + '\n\n' + label('Expected ' + kind) + printExpected(expected) + '\n' +
          label('Received string') + printReceived(received);
      };
    return result('toMatch', pass, message, received, expected);
  };

  // pathAsArray splits "a.b[0].c" into ["a", "b", "0", "c"], keeping empty segments of
  // "a..b" and a leading ".", as Jest does.
  function pathAsArray(path) {
    if (path === '') return [''];
    const parts = [];
    if (path[0] === '.') parts.push('');
    path.replace(/[^.[\]]+|(?=(?:\.)(?:\.|$))/g, (m) => {
      parts.push(m);
      return m;
    });
    return parts;
  }

  function isPrimitive(v) {
    return v === null || (typeof v !== 'object' && typeof v !== 'function');
  }

  // getPath follows path into object and reports how far it got.
  function getPath(object, path) {
    const traversed = [];
    let current = object;
    for (let i = 0; i < path.length; i++) {
      const prop = path[i];
      const last = i === path.length - 1;
      const next = current[prop];
      if (!last) {
        if (next === null || next === undefined) {
          return { hasEndProp: false, endPropIsDefined: false, lastTraversedObject: current, traversedPath: traversed };
        }
        traversed.push(prop);
        current = next;
        continue;
      }
      const endPropIsDefined = !isPrimitive(current) && prop in current;
      const hasEndProp = next !== undefined || endPropIsDefined;
      if (hasEndProp) traversed.push(prop);
      return { hasEndProp, endPropIsDefined, lastTraversedObject: current, traversedPath: traversed, value: next };
    }
    return { hasEndProp: true, endPropIsDefined: true, lastTraversedObject: null, traversedPath: traversed, value: object };
  }

  matchers.toHaveProperty = function toHaveProperty(received, expectedPath, expectedValue) {
    const hasValue = arguments.length >= 3;
    const options = opts(this, { secondArgument: hasValue ? 'value' : '' });
    const hint = () => matcherHint('toHaveProperty', undefined, 'path', options);
    if (received === null || received === undefined) {
      throw matcherError(hint(), 'received value must not be null nor undefined', printWithType('Received', received, printReceived));
    }
    const pathType = getType(expectedPath);
    if (pathType !== 'string' && pathType !== 'array') {
      throw matcherError(hint(), 'expected path must be a string or array', printWithType('Expected', expectedPath, printExpected));
    }
    const path = pathType === 'string' ? pathAsArray(expectedPath) : expectedPath;
    if (pathType === 'array' && path.length === 0) {
      throw matcherError(hint(), 'expected path must not be an empty array', printWithType('Expected', expectedPath, printExpected));
    }
    const res = getPath(received, path);
    const complete = res.hasEndProp && res.traversedPath.length === path.length;
    const receivedValue = complete ? res.value : res.lastTraversedObject;
    const pass = hasValue && res.hasEndProp ? equals(res.value, expectedValue) : res.hasEndProp;
    const message = pass
      ? () => hint() + '\n\n' + (hasValue
        ? 'Expected path: ' + printExpected(expectedPath) + '\n\n' +
          'Expected value: not ' + printExpected(expectedValue) +
          (stringify(expectedValue) === stringify(receivedValue) ? '' : '\nReceived value:     ' + printReceived(receivedValue))
        : 'Expected path: not ' + printExpected(expectedPath) + '\n\n' + 'Received value: ' + printReceived(receivedValue))
      : () => hint() + '\n\n' + 'Expected path: ' + printExpected(expectedPath) + '\n' + (complete
        ? '\n' + printDiffOrStringify(expectedValue, receivedValue, 'Expected value', 'Received value')
        : 'Received path: ' + printReceived(pathType === 'array' || res.traversedPath.length === 0
          ? res.traversedPath : res.traversedPath.join('.')) + '\n\n' +
          (hasValue ? 'Expected value: ' + printExpected(expectedValue) + '\n' : '') +
          'Received value: ' + printReceived(receivedValue));
    return result('toHaveProperty', pass, message, receivedValue, hasValue ? expectedValue : expectedPath);
  };

  ns.isPrimitive = isPrimitive;
})
