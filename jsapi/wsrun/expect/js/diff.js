// diff.js: the "- Expected  + Received" block Jest prints under a failed deep comparison.
//
// Both values are printed in the indented multi-line form; the lines are compared without
// their indentation (so a value moved one level deeper is not a change) and shown with it.
// Runs of more than five unchanged lines are cut into hunks with "@@ -a,b +c,d @@" headers,
// as Jest does when it is not run with --expand.
(function (ns) {
  'use strict';

  const { format, FORMAT_DISPLAY, FORMAT_COMPARE, printExpected, printReceived, stringify,
    isAsymmetric, equals, SUBSET, ownKeys, hasProperty, FORMAT_TOO_BIG, LeftOut, diffLines,
    MAX_DIFF_STRING_LENGTH, EXCERPT_LENGTH, cutLongLines, firstDifferentChar, excerptStart } = ns;

  const objToString = ns.intrinsics.objToString;
  const NO_DIFF_MESSAGE = 'Compared values have no visual difference.';
  const SIMILAR_MESSAGE = 'Compared values serialize to the same structure.\n' +
    'Printing internal object structure without calling `toJSON` instead.';
  const CONTEXT_LINES = 5;
  // A value with more than this many values to print (a string counts one per 128
  // characters and one per 4 lines) is not diffed: printing it four times over would take
  // seconds (10,000 objects of two keys took 5 s, 100,000 ran past the test's timeout).
  const MAX_DIFF_UNITS = 40000;

  const DELETE = ns.DIFF_DELETE;
  const COMMON = ns.DIFF_COMMON;
  const INSERT = ns.DIFF_INSERT;

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
    cutLongLines(diffs);
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

  // tooBigToDiff returns why a or b is too large to diff, or null.
  function tooBigToDiff(a, b, aLabel, bLabel) {
    const cfg = Object.assign({}, FORMAT_COMPARE, { maxUnits: MAX_DIFF_UNITS });
    for (const [v, label] of [[a, aLabel], [b, bLabel]]) {
      try {
        format(v, cfg);
      } catch (e) {
        if (e === FORMAT_TOO_BIG) {
          return label + ' is too large to diff (it has more than ' + MAX_DIFF_UNITS + ' values or lines to print)';
        }
        // A toJSON that throws: diffValues prints without it.
      }
    }
    return null;
  }

  // diffValues is jest-diff's diff() for two values of one structured type. It throws
  // LeftOut when the values are too large or too far apart to diff in bounded time.
  function diffValues(a, b, aLabel, bLabel) {
    const big = tooBigToDiff(a, b, aLabel, bLabel);
    if (big !== null) throw new LeftOut(big);
    return diffSmallValues(a, b, aLabel, bLabel);
  }

  // diffSmallValues is diffValues for values tooBigToDiff has passed.
  function diffSmallValues(a, b, aLabel, bLabel) {
    a = sortedCollection(a);
    b = sortedCollection(b);
    let d = null;
    let threw = false;
    try {
      d = objectsDifference(a, b, aLabel, bLabel, true);
    } catch (e) {
      if (e instanceof LeftOut) throw e;
      threw = true;
    }
    if (d !== null) return d;
    d = objectsDifference(a, b, aLabel, bLabel, false);
    if (d === null) return NO_DIFF_MESSAGE;
    return threw ? d : SIMILAR_MESSAGE + '\n\n' + d;
  }

  // leftOutNote is the line that says a diff was left out, and why.
  function leftOutNote(why) {
    return '(The diff was left out: ' + why + '.)';
  }

  // diffOrNote is diff(a, b), or the note saying why it was left out; utils.diff of custom
  // matchers is this.
  function diffOrNote(diff, a, b, aLabel, bLabel) {
    try {
      return diff(a, b, aLabel, bLabel);
    } catch (e) {
      if (e instanceof LeftOut) return leftOutNote(e.note);
      throw e;
    }
  }

  // cutText keeps the start of a long text (its first 50 lines, at most 40,000 characters),
  // with a line saying how much was left out.
  const CUT_LINES_HEAD = 50;
  function cutText(text) {
    let cut = text;
    if (cut.length > 2 * MAX_DIFF_STRING_LENGTH) {
      cut = cut.slice(0, MAX_DIFF_STRING_LENGTH);
    }
    const lines = cut.split('\n');
    if (lines.length > 2 * CUT_LINES_HEAD) lines.length = CUT_LINES_HEAD;
    if (lines.join('\n').length === text.length) return text;
    return lines.join('\n') + '\n… (' + (text.length - lines.join('\n').length) + ' more characters)';
  }

  // printTextsOrDiff diffs two texts line by line (a snapshot and what was received), or
  // shows the start of each when the diff is left out.
  function printTextsOrDiff(a, b, aLabel, bLabel) {
    try {
      return diffStrings(a, b, aLabel, bLabel);
    } catch (e) {
      if (!(e instanceof LeftOut)) throw e;
      return leftOutNote(e.note) + '\n\n' + aLabel + ':\n' + cutText(a) + '\n\n' + bLabel + ':\n' + cutText(b);
    }
  }

  // printExcerpts shows two long one-line strings around their first difference.
  function printExcerpts(expected, received, expLabel, recLabel) {
    const at = firstDifferentChar(expected, received);
    const { from, head } = excerptStart(expected, at);
    const excerpt = (s) => (from > 0 ? '…' : '') + printExpected((head ? head + '…' : '') + s.slice(from, from + EXCERPT_LENGTH)) +
      (s.length > from + EXCERPT_LENGTH ? '…' : '');
    const label = getLabelPrinter(expLabel, recLabel);
    return label(expLabel) + excerpt(expected) + '\n' + label(recLabel) + excerpt(received) + '\n\n' +
      '(The strings are ' + expected.length + ' and ' + received.length + ' characters long; they first ' +
      'differ at index ' + at + ' and are shown from index ' + from + ', at most ' + EXCERPT_LENGTH +
      ' characters each.)';
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
    if (typeof expected === 'string' && typeof received === 'string' && expected !== received &&
        expected.length > 0 && received.length > 0 && !expected.includes('\n') && !received.includes('\n')) {
      return printExcerpts(expected, received, expLabel, recLabel);
    }
    let note = '';
    if (isLineDiffable(expected, received)) {
      try {
        const d = diffMatched(expected, received, expLabel, recLabel);
        if (d.includes('- ' + expLabel) && d.includes('+ ' + recLabel)) return d;
      } catch (e) {
        if (!(e instanceof LeftOut)) throw e;
        note = '\n\n' + leftOutNote(e.note) + printFirstDifference(expected, received, expLabel, recLabel);
      }
    }
    const label = getLabelPrinter(expLabel, recLabel);
    // The one-line forms of values too large to diff are cut, so they may print the same
    // although the values differ: the note says so, and where they differ.
    const same = note === '' && stringify(expected) === stringify(received);
    return label(expLabel) + printExpected(expected) + '\n' + label(recLabel) +
      (same ? 'serializes to the same string' : printReceived(received)) + note;
  }

  // firstDifference finds where two values too large to diff differ first: the path of
  // indexes and keys down to the first unequal pair of values, through plain arrays and
  // objects, at most MAX_PATH levels deep. Each level costs one equals per item, so the
  // whole costs about the values' size times the depth.
  const MAX_PATH = 20;
  function firstDifference(expected, received) {
    let path = '';
    for (let depth = 0; depth < MAX_PATH && isReplaceable(expected, received); depth++) {
      let key;
      if (Array.isArray(expected)) {
        if (expected.length !== received.length) return { path, expected, received, lengths: true };
        for (let i = 0; i < expected.length && key === undefined; i++) {
          if (!equals(received[i], expected[i])) key = i;
        }
        if (key === undefined) break;
        path += '[' + key + ']';
      } else {
        const keys = ownKeys(expected);
        for (const k of ownKeys(received)) if (!hasProperty(expected, k)) keys.push(k);
        for (let i = 0; i < keys.length && key === undefined; i++) {
          const k = keys[i];
          if (hasProperty(expected, k) !== hasProperty(received, k) || !equals(received[k], expected[k])) key = k;
        }
        if (key === undefined) break;
        path += typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key) ? '.' + key : '[' + stringify(key) + ']';
      }
      expected = expected[key];
      received = received[key];
    }
    return path === '' ? null : { path, expected, received };
  }

  function printFirstDifference(expected, received, expLabel, recLabel) {
    const d = firstDifference(expected, received);
    if (d === null) return '';
    const where = d.path === '' ? '' : ' at ' + d.path;
    if (d.lengths) {
      return '\nThey differ in length' + where + ': ' + expLabel + ' has ' + d.expected.length + ' items, ' +
        recLabel + ' ' + d.received.length + '.';
    }
    if (typeof d.expected === 'string' && typeof d.received === 'string' &&
        Math.max(d.expected.length, d.received.length) > MAX_DIFF_STRING_LENGTH) {
      // The one-line form would show their starts only, maybe the same on both sides.
      return '\nThey first differ' + where + ':\n' + printExcerpts(d.expected, d.received, expLabel, recLabel);
    }
    const label = getLabelPrinter(expLabel, recLabel);
    return '\nThey first differ' + where + ':\n' + label(expLabel) + printExpected(d.expected) + '\n' +
      label(recLabel) + printReceived(d.received);
  }

  // diffMatched diffs expected and received with the asymmetric matchers that match put in
  // place (replaceMatched); it throws LeftOut, before copying anything, when they are too
  // large to diff.
  function diffMatched(expected, received, expLabel, recLabel) {
    const big = tooBigToDiff(expected, received, expLabel, recLabel);
    if (big !== null) throw new LeftOut(big);
    const [e, r] = replaceMatched(expected, received, new Map(), new Map());
    return diffSmallValues(e, r, expLabel, recLabel);
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
  // toMatchObject diff shows only what was asked for. Past MAX_DIFF_UNITS values it gives
  // up and returns object whole: so large a subset would not be diffed anyway.
  function getObjectSubset(object, subset) {
    const budget = { left: MAX_DIFF_UNITS };
    try {
      return objectSubset(object, subset, new WeakMap(), budget);
    } catch (e) {
      if (e === budget) return object;
      throw e;
    }
  }

  function objectSubset(object, subset, seen, budget) {
    if (--budget.left < 0) throw budget;
    if (Array.isArray(object)) {
      if (Array.isArray(subset) && subset.length === object.length) {
        return subset.map((sub, i) => objectSubset(object[i], sub, seen, budget));
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
        trimmed[k] = isObject(v) && seen.has(v) ? seen.get(v) : objectSubset(v, subset[k], seen, budget);
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
  ns.diffMatched = diffMatched;
  ns.diffValues = (a, b, aLabel, bLabel) => diffOrNote(diffValues, a, b, aLabel, bLabel);
  ns.diffStrings = diffStrings;
  ns.printTextsOrDiff = printTextsOrDiff;
  ns.cutText = cutText;
})
