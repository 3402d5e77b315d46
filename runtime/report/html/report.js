// Renders the run held in #wsrun-data. Everything that comes from a test run is put in the
// page as text nodes or attribute values, never parsed as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("wsrun-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function ms(n) {
    if (n >= 1000) return (n / 1000).toFixed(2) + " s";
    return (Math.round(n * 10) / 10) + " ms";
  }
  function short(s, n) {
    s = String(s).replace(/\s+/g, " ");
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }

  // --- summary -------------------------------------------------------------------------
  function renderSummary() {
    var s = data.summary, h = document.getElementById("summary");
    h.appendChild(el("h1", null, "wsrun report"));
    var v = el("div", "verdict " + (s.ok ? "passed" : "failed"),
      s.interrupted ? "Interrupted" : s.ok ? "All tests passed" : "Failed");
    h.appendChild(v);
    var c = el("div", "counts");
    function chip(label, n, cls) { c.appendChild(el("span", "chip " + (cls || ""), label + ": " + n)); }
    chip("Tests passed", s.tests.passed, "passed");
    chip("failed", s.tests.failed, "failed");
    chip("skipped", s.tests.skipped, "skipped");
    chip("flaky", s.tests.flaky, "flaky");
    chip("Files passed", s.files.passed, "passed");
    chip("failed", s.files.failed, "failed");
    chip("Time", ms(s.ms));
    h.appendChild(c);
    var cols = el("div", "cols");
    if (s.slowest.length) {
      var box = el("div");
      box.appendChild(el("h2", null, "Slowest tests"));
      var t = el("table", "grid slowest");
      s.slowest.forEach(function (x) {
        var tr = el("tr");
        tr.appendChild(el("td", "num mono", ms(x.ms)));
        tr.appendChild(el("td", null, x.name));
        tr.appendChild(el("td", "muted", x.file));
        t.appendChild(tr);
      });
      box.appendChild(t);
      cols.appendChild(box);
    }
    if (s.operations.length) {
      var ob = el("div");
      ob.appendChild(el("h2", null, "Latency"));
      var ot = el("table", "grid latency"), hr = el("tr");
      ["operation", "protocol", "count", "p50", "p95", "p99", "max"].forEach(function (x, i) {
        hr.appendChild(el("th", i >= 2 ? "num" : null, x));
      });
      ot.appendChild(hr);
      s.operations.forEach(function (o) {
        var tr = el("tr");
        tr.appendChild(el("td", "mono", o.name));
        tr.appendChild(el("td", null, o.protocol));
        tr.appendChild(el("td", "num", o.count));
        [o.p50, o.p95, o.p99, o.max].forEach(function (x) { tr.appendChild(el("td", "num", ms(x))); });
        ot.appendChild(tr);
      });
      ob.appendChild(ot);
      cols.appendChild(ob);
    }
    h.appendChild(cols);
  }

  // --- failures, console ---------------------------------------------------------------
  function renderFailure(f) {
    var box = el("div", "failure");
    var pre = el("pre", "message");
    f.lines.forEach(function (l, i) {
      pre.appendChild(l.side ? el("span", l.side, l.text) : document.createTextNode(l.text));
      if (i < f.lines.length - 1) pre.appendChild(document.createTextNode("\n"));
    });
    box.appendChild(pre);
    if (f.frame && f.frame.lines && f.frame.lines.length) {
      var fr = el("pre", "frame");
      f.frame.lines.forEach(function (line, i) {
        var n = f.frame.firstLine + i, hit = n === f.frame.line;
        var row = el("div", hit ? "hit" : null);
        row.appendChild(el("span", "gutter", (hit ? "> " : "") + n + " |"));
        row.appendChild(document.createTextNode(" " + line));
        fr.appendChild(row);
        if (hit && f.frame.column > 0) {
          var caret = el("div");
          caret.appendChild(el("span", "gutter", "|"));
          caret.appendChild(el("span", "caret", " " + " ".repeat(f.frame.column - 1) + "^"));
          fr.appendChild(caret);
        }
      });
      box.appendChild(fr);
    }
    if (f.at) box.appendChild(el("div", "muted mono at", "at " + f.at));
    return box;
  }

  function renderConsole(entries) {
    var pre = el("pre", "console");
    entries.forEach(function (c, i) {
      pre.appendChild(el("span", c.level, "console." + c.level + ": " + c.text));
      if (i < entries.length - 1) pre.appendChild(document.createTextNode("\n"));
    });
    return pre;
  }

  // --- payloads ------------------------------------------------------------------------
  function hexDump(hex) {
    var out = [];
    for (var off = 0; off < hex.length; off += 32) {
      var chunk = hex.slice(off, off + 32), bytes = [], ascii = "";
      for (var i = 0; i < chunk.length; i += 2) {
        var b = parseInt(chunk.slice(i, i + 2), 16);
        bytes.push(chunk.slice(i, i + 2));
        ascii += b >= 32 && b < 127 ? String.fromCharCode(b) : ".";
      }
      out.push(("0000000" + (off / 2).toString(16)).slice(-8) + "  " + bytes.join(" ").padEnd(47) + "  " + ascii);
    }
    return out.join("\n");
  }
  function payloadText(r) {
    if (r.binary) return r.data === "" ? "(empty)" : hexDump(r.data);
    try {
      var t = r.data.trim();
      if (t[0] === "{" || t[0] === "[") return JSON.stringify(JSON.parse(t), null, 2);
    } catch (e) { /* not JSON: shown as it is */ }
    return r.data;
  }
  function describeRow(r, lanes) {
    var what = r.kind + " " + lanes[r.from].name + " → " + lanes[r.to].name + " at +" + ms(r.ms);
    if (r.size || r.binary) what += ", " + r.size + " bytes" + (r.binary ? " binary" : "");
    if (r.truncated) what += " (only the first part is kept in this report)";
    return what;
  }

  // --- the sequence diagram ------------------------------------------------------------
  var LANE_W = 190, ROW_H = 26, HEAD = 28, PAD = 6, LEFT = 78;

  function renderDiagram(d, testBox) {
    var wrap = el("div", "diagram");
    var payload = el("pre", "payload");
    payload.hidden = true;
    // 360px on the right hold the labels of events on the last lifeline.
    var width = LEFT + d.lanes.length * LANE_W + 360, height = PAD + d.rows.length * ROW_H + 14;
    var s = svg("svg", { width: width, height: height, role: "img", "aria-label": "sequence diagram" });
    var defs = svg("defs", {});
    ["sent", "received", "ctl"].forEach(function (k) {
      var m = svg("marker", { viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
      m.setAttribute("id", testBox.id + "-head-" + k);
      m.appendChild(svg("path", { d: "M0,0 L10,5 L0,10 z", "class": "head-" + k }));
      defs.appendChild(m);
    });
    s.appendChild(defs);
    function x(lane) { return LEFT + lane * LANE_W + LANE_W / 2; }
    function y(row) { return PAD + row * ROW_H + ROW_H / 2; }
    // Lane names stay in view above the rows as the conversation scrolls.
    var names = svg("svg", { width: width, height: HEAD, "class": "lane-names" });
    d.lanes.forEach(function (l, i) {
      names.appendChild(svg("text", { x: x(i), y: 18, "text-anchor": "middle", "class": "lane-name " + l.kind }, short(l.name, 24)));
      s.appendChild(svg("line", { x1: x(i), y1: 0, x2: x(i), y2: height - 4, "class": "lifeline" }));
    });
    var head = el("div", "lanes");
    head.appendChild(names);
    wrap.appendChild(head);
    d.waits.forEach(function (w) {
      var bad = w.outcome === "timed out" || w.outcome === "failed";
      var y1 = y(w.from) - 6, y2 = y(w.to) + 6;
      s.appendChild(svg("rect", { x: x(w.lane) - 5, y: y1, width: 10, height: Math.max(y2 - y1, 12), rx: 3, "class": "wait" + (bad ? " bad" : "") }));
    });
    var selected = null;
    d.rows.forEach(function (r, i) {
      var yy = y(i);
      if (r.kind !== "omitted") s.appendChild(svg("text", { x: 6, y: yy + 4, "class": "time" }, "+" + ms(r.ms)));
      if (r.kind === "sent" || r.kind === "received" || r.kind === "ping" || r.kind === "pong") {
        var g = svg("g", { "class": "frame-row", "data-row": i, tabindex: "0" });
        var x1 = x(r.from), x2 = x(r.to), ctl = r.kind === "ping" || r.kind === "pong";
        var side = ctl ? "ctl" : d.lanes[r.from].kind === "client" ? "sent" : "received";
        g.appendChild(svg("rect", { x: Math.min(x1, x2), y: yy - ROW_H / 2, width: Math.max(Math.abs(x2 - x1), 10), height: ROW_H, "class": "hit-area" }));
        g.appendChild(svg("line", { x1: x1, y1: yy, x2: x2 + (x2 > x1 ? -1 : 1), y2: yy, "class": "arrow " + side + (ctl ? " ctl" : ""),
          "marker-end": "url(#" + testBox.id + "-head-" + side + ")" }));
        var label = ctl ? r.kind : (r.binary ? "<binary " + r.size + " bytes>" : short(r.data, 34));
        g.appendChild(svg("text", { x: (x1 + x2) / 2, y: yy - 4, "text-anchor": "middle" }, label));
        var title = svg("title", {}, describeRow(r, d.lanes));
        g.appendChild(title);
        g.addEventListener("click", function () {
          if (selected) selected.classList.remove("selected");
          selected = g;
          g.classList.add("selected");
          payload.hidden = false;
          payload.textContent = "";
          payload.appendChild(el("span", "head", describeRow(r, d.lanes)));
          payload.appendChild(document.createTextNode(payloadText(r)));
        });
        g.addEventListener("keydown", function (e) { if (e.key === "Enter") g.dispatchEvent(new MouseEvent("click")); });
        s.appendChild(g);
        return;
      }
      var cx = x(r.from), text = r.data, cls = "event " + r.kind;
      if (r.kind === "omitted") {
        s.appendChild(svg("text", { x: width / 2, y: yy + 4, "text-anchor": "middle", "class": "omitted" }, "⋯ " + r.data + " ⋯"));
        return;
      }
      if (r.kind === "wait" || r.kind === "wait-end") {
        var w = d.waits[r.wait], bad = w.outcome === "timed out" || w.outcome === "failed";
        text = r.kind === "wait" ? "▸ " + r.data : (bad ? "✗ " : "✓ ") + w.outcome + " after " + ms(w.ms);
        s.appendChild(svg("text", { x: cx + 10, y: yy + 4, "class": "wait-label" + (bad ? " bad" : ""), "data-row": i }, short(text, 70)));
        return;
      }
      if (r.kind === "open") text = "open " + r.data;
      if (r.kind === "close") text = "close " + r.data;
      if (r.kind === "listen") text = "listening on " + r.data;
      s.appendChild(r.kind === "close"
        ? svg("rect", { x: cx - 5, y: yy - 5, width: 10, height: 10, "class": cls })
        : svg("circle", { cx: cx, cy: yy, r: 4.5, "class": cls }));
      s.appendChild(svg("text", { x: cx + 10, y: yy + 4 }, short(text, 60)));
    });
    wrap.appendChild(s);
    var box = el("div", "diagram-box");
    if (d.omitted) box.appendChild(el("div", "muted", "This conversation was long: " + d.omitted + " entries in its middle are left out of the report."));
    if (d.payloadsOmitted) box.appendChild(el("div", "muted", "The run's reports reached their budget for frame payloads (256 MiB), so this conversation's frames are shown without them."));
    box.appendChild(wrap);
    box.appendChild(payload);
    // The failing wait in view first, once the diagram is laid out.
    if (d.focus >= 0) {
      box._focus = function () { wrap.scrollTop = Math.max(0, y(d.focus) - wrap.clientHeight / 2); };
    }
    return box;
  }

  // --- files and tests -----------------------------------------------------------------
  var testBoxes = [], seq = 0;

  function renderTest(t) {
    var d = el("details", "test");
    d.id = "t" + (seq++);
    d.dataset.status = t.status;
    d.dataset.flaky = t.flaky ? "1" : "";
    d.dataset.text = (t.fullName + "\n" + t.errors.map(function (e) { return e.lines.map(function (l) { return l.text; }).join("\n"); }).join("\n")).toLowerCase();
    if (t.status === "failed") d.open = true;
    var sum = el("summary");
    sum.appendChild(el("span", "status " + t.status, t.status));
    sum.appendChild(el("span", "name", t.fullName));
    if (t.flaky) sum.appendChild(el("span", "tag flaky", "flaky"));
    if (t.retries) sum.appendChild(el("span", "tag muted", t.retries + (t.retries === 1 ? " retry" : " retries")));
    sum.appendChild(el("span", "muted mono", ms(t.ms)));
    d.appendChild(sum);
    var body = el("div", "body");
    if (t.reason) body.appendChild(el("div", "muted", t.reason));
    t.errors.forEach(function (f) { body.appendChild(renderFailure(f)); });
    var dg = null;
    if (t.diagram) {
      body.appendChild(el("h2", null, "Conversation"));
      dg = renderDiagram(t.diagram, d);
      body.appendChild(dg);
    }
    if (t.console.length) {
      body.appendChild(el("h2", null, "Console"));
      body.appendChild(renderConsole(t.console));
    }
    if (!t.reason && !t.errors.length && !t.diagram && !t.console.length) body.appendChild(el("div", "muted", "Nothing more to show."));
    d.appendChild(body);
    if (dg && dg._focus) {
      d.addEventListener("toggle", function () { if (d.open) dg._focus(); });
      d._focus = dg._focus;
    }
    testBoxes.push(d);
    return d;
  }

  function renderFiles() {
    var main = document.getElementById("files");
    if (!data.files.length) main.appendChild(el("p", "muted", "No test files ran."));
    data.files.forEach(function (f) {
      var sec = el("section", "file");
      sec.dataset.path = f.path.toLowerCase();
      var h = el("h2");
      h.appendChild(el("span", "status " + f.status, f.status));
      h.appendChild(el("span", "name mono", f.path));
      h.appendChild(el("span", "muted mono", ms(f.ms)));
      sec.appendChild(h);
      if (f.error) sec.appendChild(renderFailure(f.error));
      f.tests.forEach(function (t) { sec.appendChild(renderTest(t)); });
      main.appendChild(sec);
    });
  }

  // --- filters -------------------------------------------------------------------------
  function renderFilters() {
    var nav = document.getElementById("filters"), state = { status: "all", text: "" };
    var buttons = [];
    ["all", "failed", "passed", "skipped", "flaky"].forEach(function (s) {
      var b = el("button", null, s);
      b.type = "button";
      b.dataset.filter = s;
      b.setAttribute("aria-pressed", s === "all" ? "true" : "false");
      b.addEventListener("click", function () {
        state.status = s;
        buttons.forEach(function (x) { x.setAttribute("aria-pressed", x === b ? "true" : "false"); });
        apply();
      });
      buttons.push(b);
      nav.appendChild(b);
    });
    var input = el("input");
    input.type = "search";
    input.id = "filter-text";
    input.placeholder = "Filter by name, file or message";
    input.addEventListener("input", function () { state.text = input.value.trim().toLowerCase(); apply(); });
    nav.appendChild(input);
    var shown = el("span", "muted", "");
    shown.id = "shown";
    nav.appendChild(shown);
    function apply() {
      var n = 0;
      document.querySelectorAll("section.file").forEach(function (sec) {
        var any = false;
        sec.querySelectorAll("details.test").forEach(function (d) {
          var st = d.dataset.status === "todo" ? "skipped" : d.dataset.status;
          var ok = state.status === "all" || (state.status === "flaky" ? d.dataset.flaky === "1" : st === state.status);
          if (ok && state.text) ok = d.dataset.text.indexOf(state.text) >= 0 || sec.dataset.path.indexOf(state.text) >= 0;
          d.hidden = !ok;
          if (ok) { any = true; n++; }
        });
        // A file's own error (it did not load, a hook failed) shows with failures that match.
        var own = sec.querySelector(":scope > .failure");
        var ownShown = own && (state.status === "all" || state.status === "failed") &&
          (!state.text || sec.dataset.path.indexOf(state.text) >= 0 || own.textContent.toLowerCase().indexOf(state.text) >= 0);
        sec.hidden = !any && !ownShown;
      });
      shown.textContent = n + " of " + testBoxes.length + " tests";
    }
    apply();
  }

  renderSummary();
  renderFiles();
  renderFilters();
  testBoxes.forEach(function (d) { if (d.open && d._focus) d._focus(); });
  document.documentElement.dataset.rendered = "1";
})();
