// clone.js: part of the web globals (see module.go), run once per VM with the Go natives
// (host) and the globals made so far (web), to which it adds its own.
// structuredClone, crypto and performance.
(function (host, web) {
  'use strict';
  const { DOMException, URL, URLSearchParams, AbortController, AbortSignal, TextEncoder, TextDecoder } = web;


  const typedArrays = {
    Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array,
  };
  // Objects with internal slots that the HTML standard cannot serialize.
  const uncloneableTags = new Set(['Promise', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Generator',
    'AsyncGenerator', 'Array Iterator', 'Map Iterator', 'Set Iterator', 'String Iterator', 'RegExp String Iterator']);
  const platformClasses = [URL, URLSearchParams, AbortController, AbortSignal, TextEncoder, TextDecoder];
  const errorNames = new Set(['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError']);

  function tagOf(v) { return Object.prototype.toString.call(v).slice(8, -1); }

  function is(check, v) {
    try { check(v); return true; } catch { return false; }
  }
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const brands = {
    Date: (v) => Date.prototype.getTime.call(v),
    RegExp: (v) => getter(RegExp.prototype, 'source').call(v),
    Map: (v) => getter(Map.prototype, 'size').call(v),
    Set: (v) => getter(Set.prototype, 'size').call(v),
    ArrayBuffer: (v) => getter(ArrayBuffer.prototype, 'byteLength').call(v),
    Boolean: (v) => Boolean.prototype.valueOf.call(v),
    Number: (v) => Number.prototype.valueOf.call(v),
    String: (v) => String.prototype.valueOf.call(v),
    BigInt: (v) => BigInt.prototype.valueOf.call(v),
    Symbol: (v) => Symbol.prototype.valueOf.call(v),
  };

  function cannotClone(what) {
    return new DOMException(`structuredClone: ${what} could not be cloned.`, 'DataCloneError');
  }

  function describeFn(fn) {
    return fn.name ? `function ${fn.name}` : 'an anonymous function';
  }

  // structuredClone is the HTML standard's StructuredSerialize then Deserialize in one walk:
  // primitives, their wrappers, Date, RegExp, ArrayBuffer and views, Map, Set, Error,
  // DOMException, arrays and plain objects (own enumerable string keys; prototypes and
  // getters are not kept), with cycles and shared references kept.
  function structuredClone(value, options) {
    if (arguments.length === 0) throw new TypeError("structuredClone: 1 argument required, but only 0 present.");
    if (options != null && typeof options !== 'object' && typeof options !== 'function') {
      throw new TypeError(`structuredClone: options must be an object like { transfer: [] }, got ${host.describe(options)}`);
    }
    const transfer = options == null ? undefined : options.transfer;
    if (transfer != null && (typeof transfer !== 'object' || typeof transfer[Symbol.iterator] !== 'function')) {
      throw new TypeError(`structuredClone: options.transfer must be an array, got ${host.describe(transfer)}`);
    }
    if (transfer != null && [...transfer].length > 0) {
      throw new DOMException('structuredClone: transfer is not supported by wsrun', 'DataCloneError');
    }
    const memory = new Map();
    const clone = (v) => {
      if (typeof v === 'symbol') throw cannotClone(String(v));
      if (typeof v === 'function') throw cannotClone(describeFn(v));
      if (v === null || typeof v !== 'object') return v;
      if (memory.has(v)) return memory.get(v);
      const remember = (out) => { memory.set(v, out); return out; };
      // Arrays, and objects of Object.prototype (or none) that no built-in's tag marks, are
      // cloned without the brand checks below: each failing check throws, and a throw costs
      // time in proportion to the depth of the stack, which made cloning a JSON-like value of
      // many objects take seconds and a deeply nested one quadratic time.
      const proto = Object.getPrototypeOf(v);
      if (Array.isArray(v) || ((proto === Object.prototype || proto === null) && tagOf(v) === 'Object')) {
        return copyProperties(v, remember(Array.isArray(v) ? new Array(v.length) : {}));
      }
      if (is(brands.Symbol, v)) throw cannotClone('a Symbol object');
      if (is(brands.Boolean, v)) return remember(Object(Boolean.prototype.valueOf.call(v)));
      if (is(brands.Number, v)) return remember(Object(Number.prototype.valueOf.call(v)));
      if (is(brands.BigInt, v)) return remember(Object(BigInt.prototype.valueOf.call(v)));
      if (is(brands.String, v)) return remember(Object(String.prototype.valueOf.call(v)));
      if (is(brands.Date, v)) return remember(new Date(Date.prototype.getTime.call(v)));
      if (is(brands.RegExp, v)) return remember(new RegExp(v.source, v.flags));
      if (is(brands.ArrayBuffer, v)) return remember(v.slice(0));
      if (ArrayBuffer.isView(v)) {
        const buffer = clone(v.buffer);
        if (v instanceof DataView) return remember(new DataView(buffer, v.byteOffset, v.byteLength));
        const Ctor = typedArrays[tagOf(v)];
        return remember(new Ctor(buffer, v.byteOffset, v.length));
      }
      if (is(brands.Map, v)) {
        const out = remember(new Map());
        const entries = [...Map.prototype.entries.call(v)];
        for (const [k, x] of entries) out.set(clone(k), clone(x));
        return out;
      }
      if (is(brands.Set, v)) {
        const out = remember(new Set());
        const items = [...Set.prototype.values.call(v)];
        for (const x of items) out.add(clone(x));
        return out;
      }
      if (v instanceof DOMException) return remember(new DOMException(v.message, v.name));
      if (platformClasses.some((C) => v instanceof C)) throw cannotClone(`${tagOf(v)} object`);
      const tag = tagOf(v);
      if (uncloneableTags.has(tag)) throw cannotClone(`#<${tag}>`);
      if (tag === 'Error' || v instanceof Error) {
        const name = errorNames.has(v.name) ? v.name : 'Error';
        const Ctor = globalThis[name] || Error;
        const out = remember(Object.hasOwn(v, 'message') ? new Ctor(String(v.message)) : new Ctor());
        if (typeof v.stack === 'string') Object.defineProperty(out, 'stack', { value: v.stack, writable: true, configurable: true });
        if (Object.hasOwn(v, 'cause')) Object.defineProperty(out, 'cause', { value: clone(v.cause), writable: true, configurable: true });
        return out;
      }
      return copyProperties(v, remember(Array.isArray(v) ? new Array(v.length) : {}));
    };
    // copyProperties clones v's own enumerable string keys into out. A key "__proto__" is
    // defined as an own property, as the standard's CreateDataProperty does: assigned, it
    // would set out's prototype instead (JSON.parse('{"__proto__": …}') makes such keys).
    const copyProperties = (v, out) => {
      for (const k of Object.keys(v)) {
        const x = clone(v[k]);
        if (k === '__proto__') Object.defineProperty(out, k, { value: x, writable: true, enumerable: true, configurable: true });
        else out[k] = x;
      }
      return out;
    };
    return clone(value);
  }

  // ---- crypto ----------------------------------------------------------------------------

  const integerArrays = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array']);

  const crypto = {
    getRandomValues(array) {
      // Not a typed array or DataView at all is a TypeError, as in browsers; a float array
      // is the DOMException below.
      if (!ArrayBuffer.isView(array)) {
        throw new TypeError(`crypto.getRandomValues: the array must be an integer typed array, like new Uint8Array(16), got ${host.describe(array)}`);
      }
      if (!integerArrays.has(tagOf(array))) {
        throw new DOMException("crypto.getRandomValues: the array must be an integer typed array, like new Uint8Array(16)", 'TypeMismatchError');
      }
      if (array.byteLength > 65536) {
        throw new DOMException(`crypto.getRandomValues: the array's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536).`, 'QuotaExceededError');
      }
      host.fillRandom(array.buffer, array.byteOffset, array.byteLength);
      return array;
    },
    randomUUID() { return host.randomUUID(); },
    get [Symbol.toStringTag]() { return 'Crypto'; },
  };

  // ---- performance -----------------------------------------------------------------------

  const performance = {
    now() { return host.now(); },
    timeOrigin: host.timeOrigin,
    toJSON() { return { timeOrigin: host.timeOrigin }; },
    get [Symbol.toStringTag]() { return 'Performance'; },
  };

  web.structuredClone = structuredClone;
  web.crypto = crypto;
  web.performance = performance;
});
