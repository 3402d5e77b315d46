// The web platform's globals, over the Go natives of host (module.go). Run once per VM; the
// function returns the exports, one per global. Behaviour follows the WHATWG standards and
// what Chrome and Firefox do where they leave room; what is left out is said in docs/web.md.
(function (host) {
  'use strict';

  const illegal = {}; // the key that lets this file, and only it, construct an AbortSignal

  // ---- DOMException ------------------------------------------------------------------------

  const legacyCodes = {
    IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5,
    NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11,
    SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
    TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21,
    QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
  };
  const legacyConstants = [
    'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR',
    'INVALID_CHARACTER_ERR', 'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR',
    'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR', 'INVALID_STATE_ERR', 'SYNTAX_ERR',
    'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'VALIDATION_ERR',
    'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR',
    'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR',
  ];

  // DOMException is an Error (instanceof Error, a stack) whose name and code are the
  // prototype's getters, as in browsers.
  class DOMException extends Error {
    #name;
    constructor(message = '', name = 'Error') {
      super(String(message));
      this.#name = String(name);
      // The stack's first line was written before #name was set, and its first frame is
      // this constructor's.
      const stack = this.stack;
      if (typeof stack === 'string') {
        const lines = stack.split('\n').filter((l) => !l.includes(host.file));
        lines[0] = this.#name + lines[0].slice(lines[0].indexOf(':'));
        Object.defineProperty(this, 'stack', { value: lines.join('\n'), writable: true, configurable: true });
      }
    }
    get name() { return #name in this ? this.#name : 'Error'; }
    get code() { return #name in this ? legacyCodes[this.#name] || 0 : 0; }
    get [Symbol.toStringTag]() { return 'DOMException'; }
  }
  legacyConstants.forEach((name, i) => {
    Object.defineProperty(DOMException, name, { value: i + 1, enumerable: true });
    Object.defineProperty(DOMException.prototype, name, { value: i + 1, enumerable: true });
  });

  // ---- AbortController and AbortSignal -----------------------------------------------------

  function abortEvent(signal) {
    return { type: 'abort', target: signal, currentTarget: signal, timeStamp: host.now(), isTrusted: true };
  }

  function listenerOptions(options) {
    if (typeof options === 'boolean') return { capture: options, once: false, signal: undefined };
    if (options == null) return { capture: false, once: false, signal: undefined };
    return { capture: !!options.capture, once: !!options.once, signal: options.signal };
  }

  function callListener(signal, listener, event) {
    try {
      if (typeof listener === 'function') listener.call(signal, event);
      else if (listener && typeof listener.handleEvent === 'function') listener.handleEvent(event);
    } catch (e) {
      // A browser reports the exception and goes on with the other listeners; here it fails
      // the test that is running, as an exception in a timer callback does.
      host.fail(e);
    }
  }

  class AbortSignal {
    #aborted = false;
    #reason = undefined;
    #listeners = []; // { type, listener, capture, once, handler }: in the order added
    #algorithms = new Set(); // Go's OnAbort and AbortSignal.any's: run before the listeners
    #onabort = null;

    constructor(key) {
      if (key !== illegal) throw new TypeError('Illegal constructor');
      const self = this;
      Object.defineProperty(this, host.signalKey, {
        value: Object.freeze({
          aborted: () => self.#aborted,
          reason: () => self.#reason,
          add: (fn) => { self.#algorithms.add(fn); return () => self.#algorithms.delete(fn); },
        }),
      });
    }

    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }

    get onabort() { return this.#onabort; }
    set onabort(fn) {
      const handler = typeof fn === 'function' || (fn !== null && typeof fn === 'object') ? fn : null;
      const entry = this.#listeners.find((l) => l.handler);
      if (entry && handler) entry.listener = handler;
      else if (entry) this.#listeners.splice(this.#listeners.indexOf(entry), 1);
      else if (handler) this.#listeners.push({ type: 'abort', listener: handler, capture: false, once: false, handler: true });
      this.#onabort = handler;
    }

    addEventListener(type, listener, options) {
      if (listener == null) return;
      const o = listenerOptions(options);
      if (o.signal !== undefined && o.signal.aborted) return;
      type = String(type);
      if (this.#listeners.some((l) => !l.handler && l.type === type && l.listener === listener && l.capture === o.capture)) return;
      const entry = { type, listener, capture: o.capture, once: o.once, handler: false };
      this.#listeners.push(entry);
      if (o.signal !== undefined) {
        o.signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture: o.capture }));
      }
    }

    removeEventListener(type, listener, options) {
      const capture = listenerOptions(options).capture;
      type = String(type);
      const i = this.#listeners.findIndex((l) => !l.handler && l.type === type && l.listener === listener && l.capture === capture);
      if (i >= 0) this.#listeners.splice(i, 1);
    }

    dispatchEvent(event) {
      if (event === null || typeof event !== 'object' || typeof event.type !== 'string') {
        throw new TypeError("AbortSignal.dispatchEvent: event must be an object with a string type, like { type: 'abort' }");
      }
      this.#fire(event);
      return true;
    }

    #fire(event) {
      for (const l of this.#listeners.slice()) {
        if (l.type !== event.type || !this.#listeners.includes(l)) continue;
        if (l.once) this.#listeners.splice(this.#listeners.indexOf(l), 1);
        callListener(this, l.listener, event);
      }
    }

    // signal abort (https://dom.spec.whatwg.org/#abortsignal-signal-abort).
    static #abort(signal, reason) {
      if (signal.#aborted) return;
      signal.#aborted = true;
      signal.#reason = reason === undefined ? new DOMException('signal is aborted without reason', 'AbortError') : reason;
      const algorithms = [...signal.#algorithms];
      signal.#algorithms.clear();
      for (const fn of algorithms) fn(signal.#reason);
      signal.#fire(abortEvent(signal));
    }

    static abort(reason) {
      const s = new AbortSignal(illegal);
      AbortSignal.#abort(s, reason);
      return s;
    }

    static timeout(ms) {
      ms = Number(ms);
      if (!Number.isFinite(ms) || ms < 0) {
        throw new TypeError(`AbortSignal.timeout: ms must be a number of ms (0 or more), got ${String(ms)}`);
      }
      const s = new AbortSignal(illegal);
      host.after(Math.trunc(ms), `AbortSignal.timeout(${Math.trunc(ms)})`,
        () => AbortSignal.#abort(s, new DOMException('signal timed out', 'TimeoutError')));
      return s;
    }

    static any(signals) {
      const list = [...signals];
      for (const s of list) {
        if (!(s instanceof AbortSignal)) throw new TypeError('AbortSignal.any: every item must be an AbortSignal');
      }
      const out = new AbortSignal(illegal);
      const done = list.find((s) => s.#aborted);
      if (done) {
        AbortSignal.#abort(out, done.#reason);
        return out;
      }
      const removers = [];
      const follow = (reason) => {
        removers.forEach((rm) => rm());
        AbortSignal.#abort(out, reason);
      };
      for (const s of list) {
        s.#algorithms.add(follow);
        removers.push(() => s.#algorithms.delete(follow));
      }
      return out;
    }

    static abortOf(signal, reason) { AbortSignal.#abort(signal, reason); }

    get [Symbol.toStringTag]() { return 'AbortSignal'; }
  }
  const abortSignal = AbortSignal.abortOf;
  delete AbortSignal.abortOf;

  class AbortController {
    #signal = new AbortSignal(illegal);
    get signal() { return this.#signal; }
    abort(reason) { abortSignal(this.#signal, reason); }
    get [Symbol.toStringTag]() { return 'AbortController'; }
  }

  // ---- URL and URLSearchParams -------------------------------------------------------------

  function usv(v) { return String(v); } // lone surrogates become U+FFFD when Go reads them

  class URLSearchParams {
    #list = [];
    #url = null; // the URL's state when this is a URL's searchParams
    constructor(init = '') {
      if (init === illegal) return; // a URL's own, filled by URL
      if (init !== null && typeof init === 'object' || typeof init === 'function') {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            const p = [...pair];
            if (p.length !== 2) throw new TypeError("URLSearchParams: each pair must have exactly two items, like ['name', 'value']");
            this.#list.push([usv(p[0]), usv(p[1])]);
          }
        } else {
          for (const k of Reflect.ownKeys(init)) {
            const d = Reflect.getOwnPropertyDescriptor(init, k);
            if (typeof k === 'string' && d && d.enumerable) this.#list.push([k, usv(init[k])]);
          }
        }
      } else {
        let s = usv(init);
        if (s.startsWith('?')) s = s.slice(1);
        this.#list = host.formParse(s);
      }
    }

    static attach(params, state) { params.#url = state; params.#list = host.formParse(host.urlGet(state, 'query')); }
    static reparse(params) { params.#list = host.formParse(host.urlGet(params.#url, 'query')); }

    #update() {
      if (this.#url !== null) host.urlSet(this.#url, 'query', this.toString());
    }

    get size() { return this.#list.length; }
    append(name, value) { this.#list.push([usv(name), usv(value)]); this.#update(); }
    delete(name, value) {
      name = usv(name);
      const v = value === undefined ? undefined : usv(value);
      this.#list = this.#list.filter(([n, x]) => !(n === name && (v === undefined || x === v)));
      this.#update();
    }
    get(name) {
      name = usv(name);
      const p = this.#list.find(([n]) => n === name);
      return p ? p[1] : null;
    }
    getAll(name) { name = usv(name); return this.#list.filter(([n]) => n === name).map(([, v]) => v); }
    has(name, value) {
      name = usv(name);
      const v = value === undefined ? undefined : usv(value);
      return this.#list.some(([n, x]) => n === name && (v === undefined || x === v));
    }
    set(name, value) {
      name = usv(name);
      value = usv(value);
      const i = this.#list.findIndex(([n]) => n === name);
      if (i < 0) this.#list.push([name, value]);
      else {
        this.#list[i] = [name, value];
        this.#list = this.#list.filter(([n], j) => j <= i || n !== name);
      }
      this.#update();
    }
    // Sorts by name in UTF-16 code unit order (JS's < on strings), keeping equal names in order.
    sort() {
      this.#list = this.#list.map((p, i) => [p, i]).sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j)).map(([p]) => p);
      this.#update();
    }
    forEach(fn, thisArg) {
      if (typeof fn !== 'function') throw new TypeError('URLSearchParams.forEach: callback must be a function');
      for (let i = 0; i < this.#list.length; i++) fn.call(thisArg, this.#list[i][1], this.#list[i][0], this);
    }
    *entries() { for (let i = 0; i < this.#list.length; i++) yield [this.#list[i][0], this.#list[i][1]]; }
    *keys() { for (const [n] of this.entries()) yield n; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return host.formSerialize(this.#list.flat()); }
    get [Symbol.toStringTag]() { return 'URLSearchParams'; }
  }
  const attachParams = URLSearchParams.attach;
  const reparseParams = URLSearchParams.reparse;
  delete URLSearchParams.attach;
  delete URLSearchParams.reparse;

  function parse(url, base) {
    return host.urlParse(usv(url), base === undefined ? undefined : usv(base));
  }

  class URL {
    #state;
    #params = new URLSearchParams(illegal);
    constructor(url, base) {
      if (arguments.length === 0) throw new TypeError("URL: 1 argument required, but only 0 present.");
      const state = parse(url, base);
      if (state === null) {
        const e = new TypeError(base === undefined ? `Invalid URL: ${usv(url)}` : `Invalid URL: ${usv(url)} (base ${usv(base)})`);
        e.input = usv(url);
        throw e;
      }
      this.#state = state;
      attachParams(this.#params, state);
    }
    static canParse(url, base) { return parse(url, base) !== null; }
    static parse(url, base) {
      try { return new URL(url, base); } catch { return null; }
    }

    get href() { return host.urlGet(this.#state, 'href'); }
    set href(v) {
      if (!host.urlSet(this.#state, 'href', usv(v))) throw new TypeError(`Invalid URL: ${usv(v)}`);
      reparseParams(this.#params);
    }
    get origin() { return host.urlGet(this.#state, 'origin'); }
    get searchParams() { return this.#params; }
    get search() { return host.urlGet(this.#state, 'search'); }
    set search(v) { host.urlSet(this.#state, 'search', usv(v)); reparseParams(this.#params); }
    get protocol() { return host.urlGet(this.#state, 'protocol'); }
    set protocol(v) { host.urlSet(this.#state, 'protocol', usv(v)); }
    get username() { return host.urlGet(this.#state, 'username'); }
    set username(v) { host.urlSet(this.#state, 'username', usv(v)); }
    get password() { return host.urlGet(this.#state, 'password'); }
    set password(v) { host.urlSet(this.#state, 'password', usv(v)); }
    get host() { return host.urlGet(this.#state, 'host'); }
    set host(v) { host.urlSet(this.#state, 'host', usv(v)); }
    get hostname() { return host.urlGet(this.#state, 'hostname'); }
    set hostname(v) { host.urlSet(this.#state, 'hostname', usv(v)); }
    get port() { return host.urlGet(this.#state, 'port'); }
    set port(v) { host.urlSet(this.#state, 'port', usv(v)); }
    get pathname() { return host.urlGet(this.#state, 'pathname'); }
    set pathname(v) { host.urlSet(this.#state, 'pathname', usv(v)); }
    get hash() { return host.urlGet(this.#state, 'hash'); }
    set hash(v) { host.urlSet(this.#state, 'hash', usv(v)); }
    toString() { return this.href; }
    toJSON() { return this.href; }
    get [Symbol.toStringTag]() { return 'URL'; }
  }

  // ---- TextEncoder and TextDecoder -------------------------------------------------------

  function utf8Length(cp) { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') { return new Uint8Array(host.utf8Encode(usv(input))); }
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) throw new TypeError('TextEncoder.encodeInto: destination must be a Uint8Array');
      const s = usv(source);
      let read = 0, written = 0;
      while (read < s.length) {
        let cp = s.codePointAt(read);
        if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate
        const n = utf8Length(cp);
        if (written + n > destination.length) break;
        written += n;
        read += cp > 0xffff ? 2 : 1;
      }
      destination.set(this.encode(s.slice(0, read)));
      return { read, written };
    }
    get [Symbol.toStringTag]() { return 'TextEncoder'; }
  }

  const utf8Labels = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];

  function bytesOf(input, what) {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError(`${what}: input must be an ArrayBuffer, a typed array or a DataView`);
  }

  class TextDecoder {
    #fatal; #ignoreBOM; #pending = new Uint8Array(0); #bomSeen = false; #streaming = false;
    constructor(label = 'utf-8', options = {}) {
      const l = String(label).trim().toLowerCase();
      if (!utf8Labels.includes(l)) {
        throw new RangeError(`TextDecoder: the encoding label provided ('${String(label)}') is invalid or not supported; wsrun decodes utf-8 only`);
      }
      this.#fatal = !!(options && options.fatal);
      this.#ignoreBOM = !!(options && options.ignoreBOM);
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input, options = {}) {
      const stream = !!(options && options.stream);
      if (!this.#streaming) { this.#pending = new Uint8Array(0); this.#bomSeen = false; }
      this.#streaming = stream;
      let bytes = bytesOf(input, 'TextDecoder.decode');
      if (this.#pending.length > 0) {
        const joined = new Uint8Array(this.#pending.length + bytes.length);
        joined.set(this.#pending);
        joined.set(bytes, this.#pending.length);
        bytes = joined;
      }
      let text, rest;
      try {
        [text, rest] = host.utf8Decode(bytes.buffer, bytes.byteOffset, bytes.byteLength, this.#fatal, stream);
      } catch (e) {
        this.#pending = new Uint8Array(0);
        this.#streaming = false;
        throw e;
      }
      this.#pending = bytes.slice(bytes.length - rest);
      if (!this.#bomSeen && text.length > 0) {
        this.#bomSeen = true;
        if (!this.#ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      return text;
    }
    get [Symbol.toStringTag]() { return 'TextDecoder'; }
  }

  // ---- atob and btoa ---------------------------------------------------------------------

  function atob(data) {
    if (arguments.length === 0) throw new TypeError("atob: 1 argument required, but only 0 present.");
    const [text, ok] = host.atob(String(data));
    if (!ok) throw new DOMException('atob: The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
    return text;
  }

  function btoa(data) {
    if (arguments.length === 0) throw new TypeError("btoa: 1 argument required, but only 0 present.");
    const s = String(data);
    if (/[^\x00-\xff]/.test(s)) {
      throw new DOMException('btoa: The string to be encoded contains characters outside of the Latin1 range.', 'InvalidCharacterError');
    }
    return host.btoa(s);
  }

  // ---- structuredClone -------------------------------------------------------------------

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
    if (options != null && options.transfer != null && [...options.transfer].length > 0) {
      throw new DOMException('structuredClone: transfer is not supported by wsrun', 'DataCloneError');
    }
    const memory = new Map();
    const clone = (v) => {
      if (typeof v === 'symbol') throw cannotClone(String(v));
      if (typeof v === 'function') throw cannotClone(describeFn(v));
      if (v === null || typeof v !== 'object') return v;
      if (memory.has(v)) return memory.get(v);
      const remember = (out) => { memory.set(v, out); return out; };
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
      const out = remember(Array.isArray(v) ? new Array(v.length) : {});
      for (const k of Object.keys(v)) out[k] = clone(v[k]);
      return out;
    };
    return clone(value);
  }

  // ---- crypto ----------------------------------------------------------------------------

  const integerArrays = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array']);

  const crypto = {
    getRandomValues(array) {
      if (!ArrayBuffer.isView(array) || !integerArrays.has(tagOf(array))) {
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

  return {
    URL, URLSearchParams, TextEncoder, TextDecoder, atob, btoa, structuredClone, crypto,
    AbortController, AbortSignal, performance, DOMException,
  };
});
