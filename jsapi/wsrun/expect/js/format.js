// format.js: values printed the way Jest's pretty-format prints them in failure messages.
//
// Three shapes: the compact one-line form of "Expected:"/"Received:" lines (min), the
// indented multi-line form the diff is computed on, and the snapshot form (multi-line, as
// Jest 29 writes snapshots: strings not escaped, functions without their names). Keys are
// quoted and sorted, strings double-quoted with " and \ escaped, plain objects and arrays
// carry no "Object"/"Array" prefix; class instances, Maps, Sets and typed arrays name
// their constructor.
(function (ns) {
  'use strict';

  const ASYMMETRIC = Symbol.for('jest.asymmetricMatcher');
  const objToString = ns.intrinsics.objToString;
  const errorToString = ns.intrinsics.errorToString;
  const regexpToString = ns.intrinsics.regexpToString;
  const ARRAY_TYPES = /^\[object (Array|Int8Array|Uint8Array|Uint8ClampedArray|Int16Array|Uint16Array|Int32Array|Uint32Array|Float32Array|Float64Array|BigInt64Array|BigUint64Array)\]$/;

  // Configurations. min is the one-line form; display and compare are the diff's two
  // renderings (Jest diffs the unindented lines and shows the indented ones).
  const MIN = { min: true, indent: '', maxDepth: 10, maxWidth: 10, callToJSON: true };
  const DISPLAY = { min: false, indent: '  ', maxDepth: Infinity, maxWidth: Infinity, callToJSON: true };
  const COMPARE = { min: false, indent: '', maxDepth: Infinity, maxWidth: Infinity, callToJSON: true };
  // SNAPSHOT is Jest 29's snapshot serializer (escapeString and printFunctionName false),
  // except that RegExps print as written: Jest escapes them again (escapeRegex), which only
  // makes expect.stringMatching(/…/) in a snapshot hard to read. Fields missing from the
  // other configurations mean the opposite.
  const SNAPSHOT = {
    min: false, indent: '  ', maxDepth: Infinity, maxWidth: Infinity, callToJSON: true,
    escapeString: false, printFunctionName: false,
  };

  // Printing stops with TOO_BIG thrown when cfg.maxUnits is set and the value has more than
  // that many values to print (a string counts one per 128 characters and one per 4 lines):
  // the diff prints a value only up to such a size, so that a failure message takes bounded
  // time.
  const TOO_BIG = Object.freeze({ tooBig: true });

  function format(val, cfg) {
    cfg = cfg || MIN;
    if (cfg.maxUnits !== undefined) {
      cfg = Object.assign({}, cfg, { budget: { left: cfg.maxUnits, truncate: cfg.truncate === true } });
    }
    return printValue(val, cfg, '', 0, [], false);
  }

  // With cfg.truncate, past the budget the lists and objects being printed end in "…" instead.
  function spend(cfg, units) {
    if (cfg.budget !== undefined && (cfg.budget.left -= units) < 0 && !cfg.budget.truncate) throw TOO_BIG;
  }

  function spent(cfg) {
    return cfg.budget !== undefined && cfg.budget.left < 0;
  }

  function printValue(val, cfg, indentation, depth, refs, calledToJSON) {
    spend(cfg, 1);
    if (val !== null && typeof val === 'object' && val.$$typeof === ASYMMETRIC) {
      return printAsymmetric(val, cfg, indentation, depth, refs);
    }
    const basic = printBasic(val, cfg);
    if (basic !== null) return basic;
    return printComplex(val, cfg, indentation, depth, refs, calledToJSON);
  }

  // In the one-line form a string longer than MAX_STRING_LENGTH shows its first
  // STRING_HEAD characters (at most STRING_HEAD_LINES lines) and how many more there are: Jest prints it whole, which for a
  // string of megabytes makes a message nobody reads and takes seconds to build.
  const MAX_STRING_LENGTH = 20000;
  const STRING_HEAD = 10000;
  const STRING_HEAD_LINES = 50;

  function printString(s, cfg) {
    spend(cfg, s.length >> 7);
    // Each line of a multi-line string is a line for the diff to handle: four count one.
    if (cfg.budget !== undefined) {
      let lines = 0;
      for (let at = s.indexOf('\n'); at !== -1; at = s.indexOf('\n', at + 1)) {
        if ((++lines & 3) === 0) spend(cfg, 1);
      }
    }
    let more = '';
    if (cfg.min && s.length > MAX_STRING_LENGTH) {
      let head = s.slice(0, STRING_HEAD);
      const lines = head.split('\n');
      if (lines.length > STRING_HEAD_LINES) head = lines.slice(0, STRING_HEAD_LINES).join('\n');
      more = '… (' + (s.length - head.length) + ' more characters)';
      s = head;
    }
    return '"' + (cfg.escapeString === false ? s : s.replace(/"|\\/g, '\\$&')) + '"' + more;
  }

  function printFunction(f, cfg) {
    if (cfg.printFunctionName === false) return '[Function]';
    return '[Function ' + (f.name || 'anonymous') + ']';
  }

  // printBasic prints what needs no recursion, or returns null.
  function printBasic(val, cfg) {
    switch (typeof val) {
      case 'undefined': return 'undefined';
      case 'boolean': return String(val);
      case 'number': return Object.is(val, -0) ? '-0' : String(val);
      case 'bigint': return String(val) + 'n';
      case 'string': return printString(val, cfg);
      case 'symbol': return String(val);
      case 'function': return printFunction(val, cfg);
    }
    if (val === null) return 'null';
    const tag = objToString.call(val);
    switch (tag) {
      case '[object WeakMap]': return 'WeakMap {}';
      case '[object WeakSet]': return 'WeakSet {}';
      case '[object Date]': return isNaN(+val) ? 'Date { NaN }' : val.toISOString();
      case '[object Error]': return '[' + errorToString.call(val) + ']';
      case '[object RegExp]': return regexpToString.call(val);
    }
    if (val instanceof Error) return '[' + errorToString.call(val) + ']';
    return null;
  }

  function ctorName(val) {
    return (typeof val.constructor === 'function' && val.constructor.name) || 'Object';
  }

  function printComplex(val, cfg, indentation, depth, refs, calledToJSON) {
    if (refs.indexOf(val) !== -1) return '[Circular]';
    refs = refs.slice();
    refs.push(val);
    const hitMaxDepth = ++depth > cfg.maxDepth;
    const min = cfg.min;
    if (cfg.callToJSON && !hitMaxDepth && !calledToJSON && typeof val.toJSON === 'function') {
      return printValue(val.toJSON(), cfg, indentation, depth, refs, true);
    }
    const tag = objToString.call(val);
    if (tag === '[object Arguments]') {
      return hitMaxDepth ? '[Arguments]' : (min ? '' : 'Arguments ') + '[' + printList(val, cfg, indentation, depth, refs) + ']';
    }
    if (ARRAY_TYPES.test(tag)) {
      const name = ctorName(val);
      if (hitMaxDepth) return '[' + name + ']';
      return (min || name === 'Array' ? '' : name + ' ') + '[' + printList(val, cfg, indentation, depth, refs) + ']';
    }
    if (tag === '[object ArrayBuffer]' || tag === '[object DataView]') {
      if (hitMaxDepth) return '[' + tag.slice(8, -1) + ']';
      const bytes = tag === '[object DataView]'
        ? new Uint8Array(val.buffer, val.byteOffset, val.byteLength)
        : new Uint8Array(val);
      return tag.slice(8, -1) + ' [' + printList(bytes, cfg, indentation, depth, refs) + ']';
    }
    if (tag === '[object Map]') {
      return hitMaxDepth ? '[Map]' : 'Map {' + printEntries(val, cfg, indentation, depth, refs) + '}';
    }
    if (tag === '[object Set]') {
      return hitMaxDepth ? '[Set]' : 'Set {' + printSetValues(val, cfg, indentation, depth, refs) + '}';
    }
    const name = ctorName(val);
    if (hitMaxDepth) return '[' + name + ']';
    return (min || name === 'Object' ? '' : name + ' ') + '{' + printProperties(val, cfg, indentation, depth, refs) + '}';
  }

  // The four list printers share one layout: items separated by ", " in the min form,
  // one per line with a trailing comma otherwise; past maxWidth items an ellipsis. They
  // (and printProperties) collect the parts in an array and join them once: goja copies a string on every +=, so
  // appending item by item took time quadratic in the printed length (a failed toEqual of a
  // 20,000-number array spent 6 s printing it, one of 200,000 ran into the test timeout).
  // printItems is the layout for the entries of a Map or the values of a Set.
  function printItems(items, n, printItem, cfg, indentation) {
    if (n === 0) return '';
    const inner = indentation + cfg.indent;
    const parts = [cfg.min ? '' : '\n'];
    let i = 0;
    for (const item of items) {
      parts.push(inner);
      if (i === cfg.maxWidth || spent(cfg)) {
        parts.push('…');
        break;
      }
      parts.push(printItem(item, inner), separator(cfg, ++i < n));
    }
    parts.push(cfg.min ? '' : '\n' + indentation);
    return parts.join('');
  }

  // printList reads by index (holes print as undefined), not through an iterator.
  function printList(list, cfg, indentation, depth, refs) {
    const n = list.length;
    if (n === 0) return '';
    const inner = indentation + cfg.indent;
    const parts = [cfg.min ? '' : '\n'];
    for (let i = 0; i < n; i++) {
      parts.push(inner);
      if (i === cfg.maxWidth || spent(cfg)) {
        parts.push('…');
        break;
      }
      parts.push(printValue(list[i], cfg, inner, depth, refs, false), separator(cfg, i < n - 1));
    }
    parts.push(cfg.min ? '' : '\n' + indentation);
    return parts.join('');
  }

  function separator(cfg, more) {
    if (more) return cfg.min ? ', ' : ',\n';
    return cfg.min ? '' : ',';
  }

  function printEntries(map, cfg, indentation, depth, refs) {
    return printItems(map, map.size, ([k, v], inner) =>
      printValue(k, cfg, inner, depth, refs, false) + ' => ' + printValue(v, cfg, inner, depth, refs, false),
    cfg, indentation);
  }

  function printSetValues(set, cfg, indentation, depth, refs) {
    return printItems(set, set.size, (v, inner) => printValue(v, cfg, inner, depth, refs, false), cfg, indentation);
  }

  function sortedKeys(obj) {
    const keys = Object.keys(obj).sort();
    const syms = Object.getOwnPropertySymbols(obj);
    for (let i = 0; i < syms.length; i++) {
      if (Object.prototype.propertyIsEnumerable.call(obj, syms[i])) keys.push(syms[i]);
    }
    return keys;
  }

  function printProperties(obj, cfg, indentation, depth, refs) {
    const keys = sortedKeys(obj);
    const n = keys.length;
    if (n === 0) return '';
    const inner = indentation + cfg.indent;
    const parts = [cfg.min ? '' : '\n'];
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      if (spent(cfg)) {
        parts.push(inner, '…');
        break;
      }
      parts.push(inner, printValue(k, cfg, inner, depth, refs, false), ': ',
        printValue(obj[k], cfg, inner, depth, refs, false), separator(cfg, i < n - 1));
    }
    parts.push(cfg.min ? '' : '\n' + indentation);
    return parts.join('');
  }

  // printAsymmetric prints the built-in asymmetric matchers as Jest does:
  // Any<String>, Anything, ObjectContaining {"a": 1}, StringMatching /x/, …
  function printAsymmetric(val, cfg, indentation, depth, refs) {
    const kind = val.toString();
    if (kind === 'ArrayContaining' || kind === 'ArrayNotContaining') {
      if (++depth > cfg.maxDepth) return '[' + kind + ']';
      return kind + ' [' + printList(val.sample, cfg, indentation, depth, refs) + ']';
    }
    if (kind === 'ObjectContaining' || kind === 'ObjectNotContaining') {
      if (++depth > cfg.maxDepth) return '[' + kind + ']';
      return kind + ' {' + printProperties(val.sample, cfg, indentation, depth, refs) + '}';
    }
    if (kind === 'StringMatching' || kind === 'StringNotMatching' ||
        kind === 'StringContaining' || kind === 'StringNotContaining') {
      return kind + ' ' + printValue(val.sample, cfg, indentation, depth, refs, false);
    }
    return val.toAsymmetricMatcher();
  }

  // stringify is Jest's one-line form for message lines; it halves depth, then width,
  // until the text is shorter than MAX_LENGTH characters. Each try stops once it has printed
  // MAX_LENGTH values (each prints at least a character, so the text would be too long); past
  // the last one, at depth and width 1, the lists and objects are cut after CUT_UNITS values:
  // an object of 100,000 keys, which width does not shorten, took 7 s to print eight times.
  const MAX_LENGTH = 10000;
  const CUT_UNITS = 2500;
  function stringify(val, maxDepth, maxWidth, cut) {
    maxDepth = maxDepth === undefined ? 10 : maxDepth;
    maxWidth = maxWidth === undefined ? 10 : maxWidth;
    const cfg = { min: true, indent: '', maxDepth, maxWidth, callToJSON: true };
    if (val === null || (typeof val !== 'object' && typeof val !== 'function')) return format(val, cfg);
    cfg.maxUnits = cut ? CUT_UNITS : MAX_LENGTH;
    cfg.truncate = cut === true;
    let out = null;
    try {
      out = format(val, cfg);
    } catch (e) {
      if (e !== TOO_BIG) {
        cfg.callToJSON = false;
        try {
          out = format(val, cfg);
        } catch (e2) {
          if (e2 !== TOO_BIG) throw e2;
        }
      }
    }
    if ((out === null || out.length >= MAX_LENGTH) && maxDepth > 1) return stringify(val, Math.floor(maxDepth / 2), maxWidth);
    if ((out === null || out.length >= MAX_LENGTH) && maxWidth > 1) return stringify(val, maxDepth, Math.floor(maxWidth / 2));
    return out === null ? stringify(val, maxDepth, maxWidth, true) : out;
  }

  // Trailing spaces at the ends of lines would be invisible, so Jest shows them as "·".
  function visibleTrailingSpaces(text) {
    return text.replace(/\s+$/gm, (spaces) => '·'.repeat(spaces.length));
  }

  function printExpected(val) {
    return visibleTrailingSpaces(stringify(val));
  }

  function printReceived(val) {
    return visibleTrailingSpaces(stringify(val));
  }

  ns.format = format;
  ns.FORMAT_TOO_BIG = TOO_BIG;
  ns.FORMAT_DISPLAY = DISPLAY;
  ns.FORMAT_COMPARE = COMPARE;
  ns.FORMAT_SNAPSHOT = SNAPSHOT;
  ns.stringify = stringify;
  ns.printExpected = printExpected;
  ns.printReceived = printReceived;
})
