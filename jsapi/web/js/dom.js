// dom.js: part of the web globals (see module.go), run once per VM with the Go natives
// (host) and the globals made so far (web), to which it adds its own.
// DOMException, the error the other globals throw.
(function (host, web) {
  'use strict';
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
        const lines = stack.split("\n").filter((l) => !l.includes(host.prefix));
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

  web.DOMException = DOMException;
});
