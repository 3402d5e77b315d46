// encoding.js: part of the web globals (see module.go), run once per VM with the Go natives
// (host) and the globals made so far (web), to which it adds its own.
// TextEncoder, TextDecoder (UTF-8), atob and btoa.
(function (host, web) {
  'use strict';
  const { DOMException } = web;

  function usv(v) { return String(v); } // lone surrogates become U+FFFD when Go reads them


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

  // dictionary refuses options that are not an object, as a browser's WebIDL dictionary does.
  function dictionary(what, options) {
    if (options != null && typeof options !== 'object' && typeof options !== 'function') {
      throw new TypeError(`${what}: options must be an object, got ${host.describe(options)}`);
    }
    return options;
  }

  class TextDecoder {
    #fatal; #ignoreBOM; #pending = new Uint8Array(0); #bomSeen = false; #streaming = false;
    constructor(label = 'utf-8', options = {}) {
      const l = String(label).trim().toLowerCase();
      if (!utf8Labels.includes(l)) {
        throw new RangeError(`TextDecoder: the encoding label provided ('${String(label)}') is invalid or not supported; wsrun decodes utf-8 only`);
      }
      dictionary('TextDecoder', options);
      this.#fatal = !!(options && options.fatal);
      this.#ignoreBOM = !!(options && options.ignoreBOM);
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input, options = {}) {
      dictionary('TextDecoder.decode', options);
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

  web.TextEncoder = TextEncoder;
  web.TextDecoder = TextDecoder;
  web.atob = atob;
  web.btoa = btoa;
});
