// abort.js: part of the web globals (see module.go), run once per VM with the Go natives
// (host) and the globals made so far (web), to which it adds its own.
// AbortController and AbortSignal (https://dom.spec.whatwg.org/#aborting-ongoing-activities).
(function (host, web) {
  'use strict';
  const { DOMException } = web;
  const illegal = {}; // the key that lets this file, and only it, construct an AbortSignal

  function abortEvent(signal) {
    return { type: 'abort', target: signal, currentTarget: signal, timeStamp: host.now(), isTrusted: true };
  }

  function listenerOptions(what, options) {
    if (typeof options === 'boolean') return { capture: options, once: false, signal: undefined };
    if (options == null) return { capture: false, once: false, signal: undefined };
    const signal = options.signal;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError(`${what}: options.signal must be an AbortSignal, got ${host.describe(signal)}`);
    }
    return { capture: !!options.capture, once: !!options.once, signal };
  }

  // checkListener refuses what a browser refuses: fewer than 2 arguments, or a listener that
  // is neither null, a function nor an object (a handleEvent object).
  function checkListener(what, args) {
    if (args.length < 2) throw new TypeError(`${what}: 2 arguments required, but only ${args.length} present.`);
    const listener = args[1];
    if (listener != null && typeof listener !== 'function' && typeof listener !== 'object') {
      throw new TypeError(`${what}: listener must be a function or an object with a handleEvent method, got ${host.describe(listener)}`);
    }
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
      checkListener('AbortSignal.addEventListener', arguments);
      const o = listenerOptions('AbortSignal.addEventListener', options);
      if (listener == null) return;
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
      checkListener('AbortSignal.removeEventListener', arguments);
      const capture = listenerOptions('AbortSignal.removeEventListener', options).capture;
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
      const given = ms;
      ms = Number(ms);
      if (!Number.isFinite(ms) || ms < 0) {
        throw new TypeError(`AbortSignal.timeout: ms must be a number of ms (0 or more), got ${host.describe(given)}`);
      }
      const s = new AbortSignal(illegal);
      host.after(Math.trunc(ms), `AbortSignal.timeout(${Math.trunc(ms)})`,
        () => AbortSignal.#abort(s, new DOMException('signal timed out', 'TimeoutError')));
      return s;
    }

    static any(signals) {
      if (signals == null || typeof signals[Symbol.iterator] !== 'function') {
        throw new TypeError(`AbortSignal.any: signals must be an array of AbortSignals, got ${host.describe(signals)}`);
      }
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

  web.AbortController = AbortController;
  web.AbortSignal = AbortSignal;
});
