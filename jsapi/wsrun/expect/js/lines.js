// lines.js: the line diff under the "- Expected  + Received" block: which lines of two
// printed values were deleted, inserted or kept. Small inputs get a longest-common-subsequence
// table (its tie-breaks are what the golden outputs show); large ones Myers' algorithm, with a
// budget on its work past which the diff is left out (LeftOut), so that a failure message of
// two huge values costs bounded time. Also how a long line is cut: around its change for a
// diff, and where an excerpt of a long string starts.
(function (ns) {
  'use strict';

  // Up to this many cells (changed lines of a times those of b) the quadratic table is used.
  const MAX_LCS_CELLS = 1000000;
  // Past that, the changed middle is diffed with Myers' algorithm, whose work is about the
  // lines times the edit distance; past MAX_DIFF_WORK steps (about a second in goja) the
  // diff is left out. Before, the middle was shown as all deleted, then all inserted: two
  // arrays of 10,000 objects made an 80,000-line message.
  const MAX_DIFF_WORK = 500000;

  // LeftOut is thrown when a diff would cost more than its budget; its note says why.
  class LeftOut {
    constructor(note) {
      this.note = note;
    }
  }

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
      myersOps(ops, a, b, start, n, m);
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

  // myersOps is Myers' O((n+m)·d) diff of the changed middle: it keeps the furthest point
  // of each diagonal for every edit distance d, then walks back from the end collecting the
  // matched lines. It throws LeftOut past MAX_DIFF_WORK steps, so its time and memory stay
  // bounded however far apart the values are.
  function myersOps(ops, a, b, start, n, m) {
    const off = n + m + 1;
    const v = new Int32Array(2 * off + 1);
    const trace = [];
    let work = 0;
    let found = -1;
    for (let d = 0; d <= n + m && found < 0; d++) {
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
        let y = x - k;
        while (x < n && y < m && a[start + x] === b[start + y]) {
          x++;
          y++;
          work++;
        }
        v[off + k] = x;
        if (x >= n && y >= m) {
          found = d;
          break;
        }
        work++;
      }
      if (work > MAX_DIFF_WORK) {
        throw new LeftOut('the values print as ' + (a.length) + ' and ' + (b.length) + ' lines, ' +
          'which differ in more places than wsrun diffs in bounded time');
      }
      trace.push(v.slice(off - d, off + d + 1));
    }
    // Walk back: the matched pairs (y, x), last first.
    const matches = [];
    let x = n;
    let y = m;
    for (let d = found; d > 0; d--) {
      const prev = trace[d - 1];
      const k = x - y;
      const at = (kk) => prev[kk + d - 1];
      const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
      const pk = down ? k + 1 : k - 1;
      const px = at(pk);
      const py = px - pk;
      const sx = down ? px : px + 1;
      const sy = sx - k;
      while (x > sx && y > sy) {
        x--;
        y--;
        matches.push(y, x);
      }
      x = px;
      y = py;
    }
    while (x > 0 && y > 0) {
      x--;
      y--;
      matches.push(y, x);
    }
    let i = 0;
    let j = 0;
    for (let q = matches.length - 1; q > 0; q -= 2) {
      const mi = matches[q];
      const mj = matches[q - 1];
      pushChanges(ops, mi - i, mj - j);
      ops.push(COMMON);
      i = mi + 1;
      j = mj + 1;
    }
    pushChanges(ops, n - i, m - j);
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

  // A line longer than MAX_DIFF_STRING_LENGTH (a long string in a value) is cut; a changed
  // one is shown from EXCERPT_BEFORE characters before its first difference, EXCERPT_LENGTH
  // characters in all, as are two long one-line strings.
  const MAX_DIFF_STRING_LENGTH = 20000;
  const EXCERPT_BEFORE = 100;
  const EXCERPT_LENGTH = 1000;

  // LINE_HEAD is what an excerpt of a line keeps of its start: the indentation, the key
  // ("k": or "k" =>) and the string's opening quote.
  const LINE_HEAD = /^\s*(?:"(?:[^"\\]|\\.)*"(?:: | => ))?"?/;

  // cutLine shows length characters of a long line from index from, saying how many more
  // there are on either side; a line of at most MAX_DIFF_STRING_LENGTH is kept whole. The
  // line's head (LINE_HEAD) is kept before an excerpt: it says whose value this is, and
  // wsrun's redaction finds a secret by its key.
  function cutLine(line, from, length) {
    if (line.length <= MAX_DIFF_STRING_LENGTH) return line;
    const head = from > 0 ? LINE_HEAD.exec(line.slice(0, from))[0] : '';
    const to = Math.min(line.length, from + length);
    return head + (from > head.length ? '(' + (from - head.length) + ' characters) …' : '') +
      line.slice(Math.max(from, head.length), to) +
      (to < line.length ? '… (' + (line.length - to) + ' more characters)' : '');
  }

  // cutLongLines cuts the lines of a diff longer than MAX_DIFF_STRING_LENGTH (a long string in
  // a value): a deleted line and the inserted line paired with it (the first deleted with the
  // first inserted of a changed stretch, and so on) are shown around where they first differ,
  // so the cut cannot hide the change; other lines show their first half of that length.
  function cutLongLines(diffs) {
    let k = 0;
    while (k < diffs.length) {
      if (diffs[k][0] === COMMON) {
        diffs[k][1] = cutLine(diffs[k][1], 0, MAX_DIFF_STRING_LENGTH / 2);
        k++;
        continue;
      }
      let d = k;
      while (d < diffs.length && diffs[d][0] === DELETE) d++;
      let e = d;
      while (e < diffs.length && diffs[e][0] === INSERT) e++;
      const froms = [];
      for (let j = 0; j < Math.min(d - k, e - d); j++) {
        const a = diffs[k + j][1];
        const b = diffs[d + j][1];
        froms.push(a.length > MAX_DIFF_STRING_LENGTH || b.length > MAX_DIFF_STRING_LENGTH
          ? Math.max(0, firstDifferentChar(a, b) - EXCERPT_BEFORE) : -1);
      }
      for (let x = k; x < e; x++) {
        const j = x < d ? x - k : x - d;
        const from = j < froms.length ? froms[j] : -1;
        diffs[x] = [diffs[x][0], from < 0
          ? cutLine(diffs[x][1], 0, MAX_DIFF_STRING_LENGTH / 2)
          : cutLine(diffs[x][1], from, EXCERPT_LENGTH)];
      }
      k = e;
    }
  }

  // firstDifferentChar is the index of the first character where a and b differ.
  function firstDifferentChar(a, b) {
    const n = Math.min(a.length, b.length);
    const step = 4096;
    let i = 0;
    while (i + step <= n && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
    while (i < n && a[i] === b[i]) i++;
    return i;
  }

  // excerptStart is where an excerpt that shows index at of s starts (from), and the text
  // shown before it (head): from is EXCERPT_BEFORE characters before at, or earlier, at the
  // name of the JSON member ("name":) or parameter (name=) that begins up to
  // EXCERPT_LENGTH / 2 before it. When from still falls inside a longer value, head is that
  // value's name. The name says whose value the excerpt shows, and wsrun's redaction hides a
  // secret by its name: a long JSON text's token showed its end, and a token longer than
  // the excerpt its middle, cut from its key.
  function excerptStart(s, at) {
    const from = Math.max(0, at - EXCERPT_BEFORE);
    const floor = Math.max(0, at - EXCERPT_LENGTH / 2);
    const json = s.lastIndexOf('":', from - 1);
    if (json > floor) {
      const q = s.lastIndexOf('"', json - 1);
      if (q >= floor) return { from: q, head: '' };
    }
    let k = s.lastIndexOf('=', from - 1);
    if (k > floor) {
      while (k > floor && /[\w%.[\]-]/.test(s[k - 1])) k--;
      return { from: k, head: '' };
    }
    return { from, head: valueName(s, from) };
  }

  // valueName is the name of the value that index i of s lies inside: '"name":"' inside a
  // JSON string that is a member's value, 'name=' inside a parameter's value (which runs to
  // the next &, # or white space); else ''.
  function valueName(s, i) {
    let open = -1; // the quote that opened the JSON string i is in
    for (let k = 0; k < i; k++) {
      const c = s[k];
      if (c === '\\' && open >= 0) k++;
      else if (c === '"') open = open >= 0 ? -1 : k;
    }
    if (open >= 0) {
      const m = /"(?:[^"\\]|\\.){1,100}"\s*:\s*$/.exec(s.slice(Math.max(0, open - 120), open));
      return m ? m[0] + '"' : '';
    }
    const eq = s.lastIndexOf('=', i - 1);
    if (eq <= 0 || /[&#\s]/.test(s.slice(eq + 1, i))) return '';
    let n = eq;
    while (n > 0 && eq - n < 100 && /[\w%.[\]-]/.test(s[n - 1])) n--;
    return n < eq ? s.slice(n, eq + 1) : '';
  }

  ns.LeftOut = LeftOut;
  ns.MAX_DIFF_STRING_LENGTH = MAX_DIFF_STRING_LENGTH;
  ns.EXCERPT_LENGTH = EXCERPT_LENGTH;
  ns.cutLongLines = cutLongLines;
  ns.firstDifferentChar = firstDifferentChar;
  ns.excerptStart = excerptStart;
  ns.diffLines = diffLines;
  ns.DIFF_DELETE = DELETE;
  ns.DIFF_COMMON = COMMON;
  ns.DIFF_INSERT = INSERT;
})
