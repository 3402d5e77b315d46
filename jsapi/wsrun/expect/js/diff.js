// diff.js: the "- Expected  + Received" block Jest prints under a failed deep comparison.
//
// Both values are printed in the indented multi-line form; the lines are compared without
// their indentation (so a value moved one level deeper is not a change) and shown with it.
// Runs of more than five unchanged lines are cut into hunks with "@@ -a,b +c,d @@" headers,
// as Jest does when it is not run with --expand.
(function (ns) {
  'use strict';

  const { format, FORMAT_DISPLAY, FORMAT_COMPARE, printExpected, printReceived, stringify,
    isAsymmetric, equals, SUBSET, ownKeys, hasProperty } = ns;

  const objToString = ns.intrinsics.objToString;
  const NO_DIFF_MESSAGE = 'Compared values have no visual difference.';
  const SIMILAR_MESSAGE = 'Compared values serialize to the same structure.\n' +
    'Printing internal object structure without calling `toJSON` instead.';
  const CONTEXT_LINES = 5;
  const MAX_DIFF_STRING_LENGTH = 20000;
  // Above this many cells the quadratic line diff is skipped and the changed middle is
  // shown as all deleted, then all inserted.
  const MAX_LCS_CELLS = 1000000;

  const DELETE = -1;
  const COMMON = 0;
  const INSERT = 1;

  // lineOps returns one op per output line: DELETE consumes a line of a, INSERT one of b,
  // COMMON one of each. Within a changed stretch deletions come before insertions.
  function lineOps(a, b) {
    let start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    let endA = a.length;
    let endB = b.length;
    while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
      endA--;
      endB--;
    }
    const ops = [];
    for (let i = 0; i < start; i++) ops.push(COMMON);
    const n = endA - start;
    const m = endB - start;
    if (n * m > MAX_LCS_CELLS) {
      pushChanges(ops, n, m);
    } else {
      middleOps(ops, a, b, start, n, m);
    }
    for (let i = endA; i < a.length; i++) ops.push(COMMON);
    return ops;
  }

  function pushChanges(ops, dels, ins) {
    for (let i = 0; i < dels; i++) ops.push(DELETE);
    for (let i = 0; i < ins; i++) ops.push(INSERT);
  }

  // middleOps fills a longest-common-subsequence table from the end, then walks it from
  // the start, buffering each changed stretch so its deletions print first.
  function middleOps(ops, a, b, start, n, m) {
    const w = m + 1;
    const lcs = new Int32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[start + i] === b[start + j]
          ? lcs[(i + 1) * w + j + 1] + 1
          : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    let dels = 0;
    let ins = 0;
    while (i < n && j < m) {
      if (a[start + i] === b[start + j]) {
        pushChanges(ops, dels, ins);
        dels = ins = 0;
        ops.push(COMMON);
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
        dels++;
        i++;
      } else {
        ins++;
        j++;
      }
    }
    pushChanges(ops, dels + n - i, ins + m - j);
  }

  // diffLines pairs ops with display lines; common lines show the received side, as Jest.
  function diffLines(aDisplay, bDisplay, aCompare, bCompare) {
    if (aDisplay.length !== aCompare.length || bDisplay.length !== bCompare.length) {
      aCompare = aDisplay;
      bCompare = bDisplay;
    }
    const ops = lineOps(aCompare, bCompare);
    const out = [];
    let i = 0;
    let j = 0;
    for (const op of ops) {
      if (op === DELETE) out.push([op, aDisplay[i++]]);
      else if (op === INSERT) out.push([op, bDisplay[j++]]);
      else {
        out.push([op, bDisplay[j++]]);
        i++;
      }
    }
    return out;
  }

  function printLine(op, line) {
    if (op === COMMON) return line.length === 0 ? '' : '  ' + line;
    const mark = op === DELETE ? '-' : '+';
    return line.length === 0 ? mark : mark + ' ' + line;
  }

  function annotation(aLabel, bLabel, aCount, bCount) {
    const ac = String(aCount);
    const bc = String(bCount);
    const labelPad = bLabel.length - aLabel.length;
    const countPad = bc.length - ac.length;
    const a = '- ' + aLabel + ' '.repeat(Math.max(0, labelPad)) + '  - ' + ' '.repeat(Math.max(0, countPad)) + ac;
    const b = '+ ' + bLabel + ' '.repeat(Math.max(0, -labelPad)) + '  + ' + ' '.repeat(Math.max(0, -countPad)) + bc;
    return a + '\n' + b + '\n\n';
  }

  // printDiffLines prints the annotation and the lines, cut into hunks when long runs of
  // unchanged lines are left out.
  function printDiffLines(diffs, aLabel, bLabel) {
    let dels = 0;
    let ins = 0;
    const keep = new Array(diffs.length).fill(false);
    for (let k = 0; k < diffs.length; k++) {
      if (diffs[k][0] === COMMON) continue;
      if (diffs[k][0] === DELETE) dels++;
      else ins++;
      const lo = Math.max(0, k - CONTEXT_LINES);
      const hi = Math.min(diffs.length - 1, k + CONTEXT_LINES);
      for (let x = lo; x <= hi; x++) keep[x] = true;
    }
    const cut = keep.indexOf(false) !== -1;
    const lines = [];
    let aLine = 0;
    let bLine = 0;
    let k = 0;
    while (k < diffs.length) {
      if (!keep[k]) {
        if (diffs[k][0] !== INSERT) aLine++;
        if (diffs[k][0] !== DELETE) bLine++;
        k++;
        continue;
      }
      const hunk = [];
      const aStart = aLine;
      const bStart = bLine;
      for (; k < diffs.length && keep[k]; k++) {
        const [op, line] = diffs[k];
        if (op !== INSERT) aLine++;
        if (op !== DELETE) bLine++;
        hunk.push(printLine(op, line));
      }
      if (cut) {
        lines.push('@@ -' + (aStart + 1) + ',' + (aLine - aStart) + ' +' + (bStart + 1) + ',' + (bLine - bStart) + ' @@');
      }
      for (const l of hunk) lines.push(l);
    }
    return annotation(aLabel, bLabel, dels, ins) + lines.join('\n');
  }

  function getType(v) {
    if (v === undefined) return 'undefined';
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'array';
    const t = typeof v;
    if (t !== 'object') return t;
    if (v.constructor === RegExp) return 'regexp';
    if (v.constructor === Map) return 'map';
    if (v.constructor === Set) return 'set';
    if (v.constructor === Date) return 'date';
    return 'object';
  }

  function isLineDiffable(expected, received) {
    const et = getType(expected);
    if (et !== getType(received)) return false;
    if (expected === null || (typeof expected !== 'object' && typeof expected !== 'function')) {
      return typeof expected === 'string' && typeof received === 'string' && expected.length > 0 &&
        received.length > 0 && (expected.includes('\n') || received.includes('\n'));
    }
    if (et === 'date' || et === 'function' || et === 'regexp') return false;
    if (expected instanceof Error && received instanceof Error) return false;
    return !isAsymmetric(expected) && !isAsymmetric(received);
  }

  // objectsDifference diffs two printed values, or returns null when they print the same.
  function objectsDifference(a, b, aLabel, bLabel, callToJSON) {
    const compare = Object.assign({}, FORMAT_COMPARE, { callToJSON });
    const display = Object.assign({}, FORMAT_DISPLAY, { callToJSON });
    const aCompare = format(a, compare);
    const bCompare = format(b, compare);
    if (aCompare === bCompare) return null;
    return printDiffLines(diffLines(format(a, display).split('\n'), format(b, display).split('\n'),
      aCompare.split('\n'), bCompare.split('\n')), aLabel, bLabel);
  }

  function sortedCollection(v) {
    if (v instanceof Map) return new Map(Array.from(v.entries()).sort());
    if (v instanceof Set) return new Set(Array.from(v.values()).sort());
    return v;
  }

  // diffValues is jest-diff's diff() for two values of one structured type.
  function diffValues(a, b, aLabel, bLabel) {
    a = sortedCollection(a);
    b = sortedCollection(b);
    let d = null;
    let threw = false;
    try {
      d = objectsDifference(a, b, aLabel, bLabel, true);
    } catch (e) {
      threw = true;
    }
    if (d !== null) return d;
    d = objectsDifference(a, b, aLabel, bLabel, false);
    if (d === null) return NO_DIFF_MESSAGE;
    return threw ? d : SIMILAR_MESSAGE + '\n\n' + d;
  }

  function diffStrings(a, b, aLabel, bLabel) {
    const al = a.split('\n');
    const bl = b.split('\n');
    return printDiffLines(diffLines(al, bl, al, bl), aLabel, bLabel);
  }

  function getLabelPrinter(...labels) {
    const width = labels.reduce((max, l) => Math.max(max, l.length), 0);
    return (label) => label + ': ' + ' '.repeat(width - label.length);
  }

  // printDiffOrStringify is what Jest prints under a failed equality: a diff when both
  // values are structured (or multi-line strings), else "Expected: …" / "Received: …".
  function printDiffOrStringify(expected, received, expLabel, recLabel) {
    if (typeof expected === 'string' && typeof received === 'string' && expected.length > 0 &&
        received.length > 0 && expected.length <= MAX_DIFF_STRING_LENGTH &&
        received.length <= MAX_DIFF_STRING_LENGTH && expected !== received) {
      if (expected.includes('\n') || received.includes('\n')) {
        return diffStrings(expected, received, expLabel, recLabel);
      }
      const label = getLabelPrinter(expLabel, recLabel);
      return label(expLabel) + printExpected(expected) + '\n' + label(recLabel) + printReceived(received);
    }
    if (isLineDiffable(expected, received)) {
      const [e, r] = replaceMatched(expected, received, new Map(), new Map());
      const d = diffValues(e, r, expLabel, recLabel);
      if (d.includes('- ' + expLabel) && d.includes('+ ' + recLabel)) return d;
    }
    const label = getLabelPrinter(expLabel, recLabel);
    const same = stringify(expected) === stringify(received);
    return label(expLabel) + printExpected(expected) + '\n' + label(recLabel) +
      (same ? 'serializes to the same string' : printReceived(received));
  }

  // isReplaceable: only plain arrays and objects are copied; built-ins such as typed
  // arrays would lose what makes them print as themselves.
  function isReplaceable(a, b) {
    const t = getType(a);
    if (t !== getType(b)) return false;
    if (t === 'array') return true;
    return t === 'object' && objToString.call(a) === '[object Object]' &&
      objToString.call(b) === '[object Object]';
  }

  function shallowCopy(v) {
    if (Array.isArray(v)) return v.slice();
    const copy = Object.create(Object.getPrototypeOf(v));
    for (const k of ownKeys(v)) copy[k] = v[k];
    return copy;
  }

  // replaceMatched returns copies of expected and received in which every asymmetric
  // matcher that matches its counterpart replaces that counterpart, so the diff shows
  // only real differences. Originals are left untouched.
  function replaceMatched(expected, received, seenE, seenR) {
    if (!isReplaceable(expected, received)) return [expected, received];
    if (seenE.has(expected) || seenR.has(received)) {
      return [seenE.has(expected) ? seenE.get(expected) : expected,
        seenR.has(received) ? seenR.get(received) : received];
    }
    const ce = shallowCopy(expected);
    const cr = shallowCopy(received);
    seenE.set(expected, ce);
    seenR.set(received, cr);
    const keys = Array.isArray(ce) ? Object.keys(ce) : ownKeys(ce);
    for (const k of keys) {
      const ev = ce[k];
      const rv = cr[k];
      if (isAsymmetric(ev)) {
        if (ev.asymmetricMatch(rv)) cr[k] = ev;
      } else if (isAsymmetric(rv)) {
        if (rv.asymmetricMatch(ev)) ce[k] = rv;
      } else if (isReplaceable(ev, rv)) {
        const [x, y] = replaceMatched(ev, rv, seenE, seenR);
        ce[k] = x;
        cr[k] = y;
      }
    }
    return [ce, cr];
  }

  function isObject(v) {
    return v !== null && typeof v === 'object';
  }

  // getObjectSubset trims received down to the keys the expected pattern names, so a
  // toMatchObject diff shows only what was asked for.
  function getObjectSubset(object, subset, seen) {
    seen = seen || new WeakMap();
    if (Array.isArray(object)) {
      if (Array.isArray(subset) && subset.length === object.length) {
        return subset.map((sub, i) => getObjectSubset(object[i], sub, seen));
      }
    } else if (object instanceof Date) {
      return object;
    } else if (isObject(object) && isObject(subset)) {
      if (equals(object, subset, SUBSET)) return subset;
      const trimmed = {};
      seen.set(object, trimmed);
      for (const k of ownKeys(object)) {
        if (!hasProperty(subset, k)) continue;
        const v = object[k];
        trimmed[k] = isObject(v) && seen.has(v) ? seen.get(v) : getObjectSubset(v, subset[k], seen);
      }
      if (ownKeys(trimmed).length > 0) return trimmed;
    }
    return object;
  }

  ns.getType = getType;
  ns.getLabelPrinter = getLabelPrinter;
  ns.printDiffOrStringify = printDiffOrStringify;
  ns.getObjectSubset = getObjectSubset;
  ns.replaceMatched = replaceMatched;
  ns.diffValues = diffValues;
  ns.diffStrings = diffStrings;
})
