// equals.js: deep equality with Jest's semantics, in three modes.
//
// EQUAL is toEqual: properties whose value is undefined are ignored, as are array holes.
// STRICT is toStrictEqual: undefined properties, holes and constructors count.
// SUBSET is toMatchObject: an expected plain object only constrains the keys it has.
//
// In every mode an asymmetric matcher (any object with an asymmetricMatch method) on
// either side decides for itself. Cycles are detected with a pair of stacks, as Jest
// does (two values are equal at a cycle when both sides loop back to the same depth),
// once the comparison is CYCLE_DEPTH levels deep.
(function (ns) {
  'use strict';

  const EQUAL = 0;
  const STRICT = 1;
  const SUBSET = 2;

  const objToString = ns.intrinsics.objToString;
  const hasOwn = ns.intrinsics.hasOwn;
  const ITERATOR = Symbol.iterator;

  function isAsymmetric(v) {
    return v !== null && (typeof v === 'object' || typeof v === 'function') &&
      typeof v.asymmetricMatch === 'function';
  }

  // Cycles are tracked only below this depth: allocating the two stacks costs more than
  // comparing a typical small message, and a cycle still shows up (it repeats) once
  // tracking starts, with the same verdict as tracking from the top.
  const CYCLE_DEPTH = 12;

  // equals compares received a with expected b. Mode defaults to EQUAL.
  function equals(a, b, mode) {
    return eq(a, b, mode === undefined ? EQUAL : mode, 0, null);
  }

  function isObjectLike(v, t) {
    return (t === 'object' || t === 'function') && v !== null;
  }

  // eq is Jest's eq: an asymmetric side decides; then Object.is; then structure.
  function eq(a, b, mode, depth, stack) {
    const ta = typeof a;
    const tb = typeof b;
    const aObj = isObjectLike(a, ta);
    const bObj = isObjectLike(b, tb);
    if (!aObj && !bObj) return a === b ? (a !== 0 || 1 / a === 1 / b) : (a !== a && b !== b);
    const aAsym = aObj && typeof a.asymmetricMatch === 'function';
    const bAsym = bObj && typeof b.asymmetricMatch === 'function';
    if (aAsym !== bAsym) return aAsym ? !!a.asymmetricMatch(b) : !!b.asymmetricMatch(a);
    if (a === b) return true;
    // Primitives against objects, functions that are not identical: never equal. A boxed
    // primitive never equals a bare one either.
    if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
    if (mode === STRICT && a.constructor !== b.constructor && !(Array.isArray(a) && Array.isArray(b))) {
      return false;
    }
    if (stack === null && depth >= CYCLE_DEPTH) stack = { as: [], bs: [] };
    if (stack === null) return eqObjects(a, b, mode, depth + 1, null);
    const as = stack.as;
    const bs = stack.bs;
    for (let i = as.length - 1; i >= 0; i--) {
      if (as[i] === a) return bs[i] === b;
      if (bs[i] === b) return false;
    }
    as.push(a);
    bs.push(b);
    const result = eqObjects(a, b, mode, depth + 1, stack);
    as.pop();
    bs.pop();
    return result;
  }

  // isPlainObject: an object literal, a null-prototype object or a class instance,
  // as opposed to arrays, dates, errors, maps and the other built-ins.
  function isPlainObject(v) {
    return v.constructor === Object || objToString.call(v) === '[object Object]';
  }

  function eqObjects(a, b, mode, depth, stack) {
    if (mode === SUBSET && isPlainObject(b)) return subsetEq(a, b, depth, stack);
    if (isIterable(a) && isIterable(b)) return iterableEq(a, b, mode, depth, stack);
    if (a instanceof Error && b instanceof Error) return a.message == b.message; // as Jest 29
    const ta = objToString.call(a);
    const tb = objToString.call(b);
    if (ta !== tb) return false;
    switch (ta) {
      case '[object Boolean]':
      case '[object String]':
      case '[object Number]':
        return Object.is(a.valueOf(), b.valueOf());
      case '[object Date]':
        // By time value, as Jest does: two invalid dates (NaN) are not equal, so a date that
        // failed to parse never equals the expected one that failed too.
        return +a === +b;
      case '[object RegExp]':
        return a.source === b.source && a.flags === b.flags;
      case '[object URL]': // its parts are prototype getters: compare what they make, as Jest 29.4
        return a.href === b.href;
      case '[object ArrayBuffer]':
        return bytesEq(new Uint8Array(a), new Uint8Array(b));
      case '[object DataView]':
        return bytesEq(new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
          new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      case '[object Array]':
        return arrayEq(a, b, mode, depth, stack);
    }
    // A typed array's other own keys are not compared (Jest does): listing them means listing
    // every index, which doubled the time of comparing a binary message, and no API sets any.
    if (ArrayBuffer.isView(a)) return typedEq(a, b);
    return mode === STRICT ? strictKeysEq(a, b, depth, stack) : looseKeysEq(a, b, mode, depth, stack);
  }

  // isIterable is Jest's test for iterableEquality: arrays and typed arrays compare by
  // index instead.
  function isIterable(v) {
    return !Array.isArray(v) && !ArrayBuffer.isView(v) && typeof v[ITERATOR] === 'function';
  }

  function arrayEq(a, b, mode, depth, stack) {
    const n = a.length;
    if (n !== b.length) return false;
    for (let i = 0; i < n; i++) {
      if (mode === STRICT && (i in a) !== (i in b)) return false;
      if (!eq(a[i], b[i], mode, depth, stack)) return false;
    }
    return extraKeysEq(a, b, mode, depth, stack);
  }

  // isIndex: whether an own key of an array is an element index.
  function isIndex(k) {
    const c = k.charCodeAt(0);
    return c >= 48 && c <= 57 && String(k >>> 0) === k && k !== '4294967295';
  }

  // onlyElements is the common case of extraKeys, cheaply: none. Object.keys lists the
  // element indices first, so there is no other string key when the last key is an index.
  function onlyElements(o) {
    const keys = Object.keys(o);
    const n = keys.length;
    return (n === 0 || isIndex(keys[n - 1])) && Object.getOwnPropertySymbols(o).length === 0;
  }

  // extraKeys are the own enumerable keys of an array besides its elements (a RegExp match's
  // index and input, a property set on an array): Jest compares them as it does an object's,
  // so [1] with x: 1 is not [1].
  function extraKeys(o) {
    const keys = Object.keys(o);
    let i = keys.length;
    // Object.keys lists the element indices first, in ascending order, then the rest.
    while (i > 0 && !isIndex(keys[i - 1])) i--;
    const extra = i === keys.length ? [] : keys.slice(i);
    const syms = Object.getOwnPropertySymbols(o);
    for (let j = 0; j < syms.length; j++) {
      if (Object.prototype.propertyIsEnumerable.call(o, syms[j])) extra.push(syms[j]);
    }
    return extra;
  }

  // extraKeysEq compares the extraKeys of a and b as an object's keys in the mode. Not in
  // toMatchObject's (SUBSET), which the ws message matchers use: parsed messages have no such
  // keys, and the Go fast path of Matches (match.go), which would have to list every index of
  // every array to find them, keeps its speed; a pattern array's own extra keys are ignored
  // there (Jest would compare them).
  function extraKeysEq(a, b, mode, depth, stack) {
    if (mode === SUBSET || (onlyElements(a) && onlyElements(b))) return true;
    const ka = extraKeys(a);
    const kb = extraKeys(b);
    return mode === STRICT ? keyListStrictEq(a, b, ka, kb, depth, stack) : keyListLooseEq(a, b, ka, kb, mode, depth, stack);
  }

  function typedEq(a, b) {
    const n = a.length;
    if (n !== b.length) return false;
    for (let i = 0; i < n; i++) {
      if (!Object.is(a[i], b[i])) return false;
    }
    return true;
  }

  function bytesEq(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return false;
    }
    return true;
  }

  // ownKeys is Object.keys plus the enumerable own symbols, as Jest compares both.
  function ownKeys(o) {
    const keys = Object.keys(o);
    const syms = Object.getOwnPropertySymbols(o);
    for (let i = 0; i < syms.length; i++) {
      if (Object.prototype.propertyIsEnumerable.call(o, syms[i])) keys.push(syms[i]);
    }
    return keys;
  }

  // looseKeysEq ignores properties whose value is undefined on either side, but lets an
  // asymmetric matcher on one side judge a property the other side lacks.
  function looseKeysEq(a, b, mode, depth, stack) {
    return keyListLooseEq(a, b, ownKeys(a), ownKeys(b), mode, depth, stack);
  }

  function keyListLooseEq(a, b, ka, kb, mode, depth, stack) {
    for (let i = 0; i < ka.length; i++) {
      const k = ka[i];
      const va = a[k];
      if (va === undefined) continue;
      if (!eq(va, hasOwn.call(b, k) ? b[k] : undefined, mode, depth, stack)) return false;
    }
    for (let i = 0; i < kb.length; i++) {
      const k = kb[i];
      const vb = b[k];
      if (vb === undefined || (hasOwn.call(a, k) && a[k] !== undefined)) continue;
      if (!eq(undefined, vb, mode, depth, stack)) return false;
    }
    return true;
  }

  function strictKeysEq(a, b, depth, stack) {
    return keyListStrictEq(a, b, ownKeys(a), ownKeys(b), depth, stack);
  }

  function keyListStrictEq(a, b, ka, kb, depth, stack) {
    if (ka.length !== kb.length) return false;
    for (let i = 0; i < ka.length; i++) {
      const k = ka[i];
      if (!hasOwn.call(b, k) || !eq(a[k], b[k], STRICT, depth, stack)) return false;
    }
    return true;
  }

  // subsetEq is toMatchObject on a plain expected object: every key of the pattern must
  // be a property of obj (own or inherited, short of Object.prototype) and match it.
  function subsetEq(obj, pattern, depth, stack) {
    const keys = ownKeys(pattern);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!hasProperty(obj, k) || !eq(obj[k], pattern[k], SUBSET, depth, stack)) return false;
    }
    return true;
  }

  function hasProperty(obj, key) {
    for (let o = obj; o !== null && typeof o === 'object' && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      if (hasOwn.call(o, key)) return true;
    }
    return false;
  }

  // iterableEq compares Sets and Maps regardless of order and other iterables in order.
  function iterableEq(a, b, mode, depth, stack) {
    if (a.constructor !== b.constructor) return false;
    if (a instanceof Set) {
      if (a.size !== b.size) return false;
      for (const av of a) {
        if (!b.has(av) && !someEq(b.values(), av, mode, depth, stack)) return false;
      }
      return true;
    }
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [k, av] of a) {
        if (b.has(k) && eq(av, b.get(k), mode, depth, stack)) continue;
        let found = false;
        for (const [bk, bv] of b) {
          if (eq(k, bk, mode, depth, stack) && eq(av, bv, mode, depth, stack)) {
            found = true;
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }
    const itb = b[ITERATOR]();
    for (const av of a) {
      const next = itb.next();
      if (next.done || !eq(av, next.value, mode, depth, stack)) return false;
    }
    if (!itb.next().done) return false;
    // As Jest 29 (iterableEquality), the own enumerable properties count too, undefined ones
    // included: two instances of an iterable class that differ in a field are not equal.
    const ka = ownKeys(a).filter((k) => k !== ITERATOR);
    const kb = ownKeys(b).filter((k) => k !== ITERATOR);
    if (ka.length !== kb.length) return false;
    for (let i = 0; i < ka.length; i++) {
      const k = ka[i];
      if (!hasOwn.call(b, k) || !eq(a[k], b[k], mode, depth, stack)) return false;
    }
    return true;
  }

  function someEq(iter, v, mode, depth, stack) {
    for (const x of iter) {
      if (eq(v, x, mode, depth, stack)) return true;
    }
    return false;
  }

  ns.EQUAL = EQUAL;
  ns.STRICT = STRICT;
  ns.SUBSET = SUBSET;
  ns.equals = equals;
  ns.isAsymmetric = isAsymmetric;
  ns.hasProperty = hasProperty;
  ns.ownKeys = ownKeys;
})
