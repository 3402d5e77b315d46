// url.js: part of the web globals (see module.go), run once per VM with the Go natives
// (host) and the globals made so far (web), to which it adds its own.
// URL and URLSearchParams over the WHATWG URL parser in Go (url.go).
(function (host, web) {
  'use strict';
  const illegal = {}; // the key that makes a URL's own URLSearchParams, which URL fills

  function usv(v) { return String(v); } // lone surrogates become U+FFFD when Go reads them

  // byCodeUnits orders names by UTF-16 code units, as the URL standard's sort does. Not with <:
  // goja's string comparison orders by code points.
  function byCodeUnits(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = a.charCodeAt(i) - b.charCodeAt(i);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  }

  // required throws, as browsers do, when a URLSearchParams method gets fewer than n
  // arguments: params.get() would otherwise look up "undefined".
  function required(method, args, n) {
    if (args.length < n) {
      throw new TypeError(`URLSearchParams.${method}: ${n} argument${n > 1 ? 's' : ''} required, but only ${args.length} present.`);
    }
  }

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
    append(name, value) {
      required('append', arguments, 2); this.#list.push([usv(name), usv(value)]); this.#update(); }
    delete(name, value) {
      required('delete', arguments, 1);
      name = usv(name);
      const v = value === undefined ? undefined : usv(value);
      this.#list = this.#list.filter(([n, x]) => !(n === name && (v === undefined || x === v)));
      this.#update();
    }
    get(name) {
      required('get', arguments, 1);
      name = usv(name);
      const p = this.#list.find(([n]) => n === name);
      return p ? p[1] : null;
    }
    getAll(name) {
      required('getAll', arguments, 1);
      name = usv(name);
      return this.#list.filter(([n]) => n === name).map(([, v]) => v);
    }
    has(name, value) {
      required('has', arguments, 1);
      name = usv(name);
      const v = value === undefined ? undefined : usv(value);
      return this.#list.some(([n, x]) => n === name && (v === undefined || x === v));
    }
    set(name, value) {
      required('set', arguments, 2);
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
    // Sorts by name in UTF-16 code unit order (byCodeUnits), keeping equal names in order.
    sort() {
      this.#list = this.#list.map((p, i) => [p, i]).sort(([a, i], [b, j]) => byCodeUnits(a[0], b[0]) || i - j).map(([p]) => p);
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
    static canParse(url, base) {
      if (arguments.length === 0) throw new TypeError("URL.canParse: 1 argument required, but only 0 present.");
      return parse(url, base) !== null;
    }
    static parse(url, base) {
      if (arguments.length === 0) throw new TypeError("URL.parse: 1 argument required, but only 0 present.");
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

  web.URL = URL;
  web.URLSearchParams = URLSearchParams;
});
