// Opens the HTML report from disk in Chromium (playwright-core driving Debian's
// /usr/bin/chromium) and checks what a reader does with it: the failing test is there and
// open, its diagram has an arrow per frame, clicking a frame shows its whole payload, the
// failing wait is in view, filters hide tests, nothing is fetched and no payload runs.
//
//   node check.js REPORT.html SCREENSHOT-DARK.png
"use strict";
const { chromium } = require("playwright-core");
const path = require("path");

const [report, darkShot] = process.argv.slice(2);
const problems = [];
function check(ok, what) {
  console.log((ok ? "  ok   " : "  FAIL ") + what);
  if (!ok) problems.push(what);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const fetched = [], dialogs = [], errors = [];
    await page.route("**/*", (route) => {
      const u = route.request().url();
      if (u.startsWith("file:")) return route.continue();
      fetched.push(u);
      return route.abort();
    });
    page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto("file://" + path.resolve(report));
    await page.waitForSelector("html[data-rendered]", { timeout: 10000 });

    const data = JSON.parse(await page.textContent("#wsrun-data"));
    const names = await page.$$eval("details.test .name", (els) => els.map((e) => e.textContent));
    check(names[0] === "alice and bob chat", "the failing test comes first: " + JSON.stringify(names));
    check(names.includes("<b>not bold</b> is a test name"), "a name with markup is shown as text");
    check(await page.$$eval("details.test .name b", (els) => els.length) === 0, "no <b> element came from a name");
    check(await page.$eval("details.test", (d) => d.open), "the failing test is open");

    const failing = data.files[0].tests[0];
    const frames = failing.diagram.rows.filter((r) => ["sent", "received", "ping", "pong"].includes(r.kind)).length;
    const arrows = await page.$$eval("details.test:first-of-type .diagram svg .arrow", (els) => els.length);
    check(frames >= 8 && arrows === frames, `an arrow per frame: ${arrows} arrows, ${frames} frames`);
    const waits = await page.$$eval("details.test:first-of-type .diagram rect.wait", (els) => els.length);
    check(waits === failing.diagram.waits.length && waits >= 5, `a span per wait: ${waits}`);
    const lanes = await page.$$eval("details.test:first-of-type .lane-name", (els) => els.map((e) => e.textContent));
    check(lanes.includes("alice") && lanes.includes("server:conn1"), "lifelines: " + lanes.join(", "));

    // The failing wait is in view in its scrolled diagram.
    const inView = await page.$eval("details.test:first-of-type", (d) => {
      const wrap = d.querySelector(".diagram"), bads = d.querySelectorAll(".wait-label.bad"), bad = bads[bads.length - 1];
      const a = wrap.getBoundingClientRect(), b = bad.getBoundingClientRect();
      return { top: b.top >= a.top && b.bottom <= a.bottom, scrolled: wrap.scrollTop, text: bad.textContent };
    });
    check(inView.top && /timed out/.test(inView.text), `the failing wait is in view (scrollTop ${inView.scrolled}): ${inView.text}`);

    // Clicking the frame that carries </script> shows its whole payload, pretty-printed.
    const frame = page.locator("details.test:first-of-type g.frame-row", { hasText: "</script>" }).first();
    await frame.scrollIntoViewIfNeeded();
    await frame.click();
    const payload = await page.textContent("details.test:first-of-type .payload");
    check(payload.includes('"text": "</script><script>alert(1)</script><img src=x onerror=alert(2)>"') && payload.includes('\n  "type": "say"'),
      "a clicked frame shows its payload, pretty JSON: " + JSON.stringify(payload.slice(0, 160)));
    check(await page.$$eval("script", (s) => s.length) === 2 && await page.$$eval("img", (s) => s.length) === 0,
      "the payload added no element to the page");

    // Binary frames show as hex.
    await page.click("details.test:nth-of-type(2) > summary");
    await page.locator("details.test:nth-of-type(2) g.frame-row").first().click();
    const hex = await page.textContent("details.test:nth-of-type(2) .payload");
    check(/00 01 02 fa ff/.test(hex), "a binary frame shows as hex: " + JSON.stringify(hex.slice(-40)));

    // Filters.
    const visible = () => page.$$eval("details.test", (els) => els.filter((e) => !e.hidden).map((e) => e.querySelector(".name").textContent));
    await page.click('#filters button[data-filter="failed"]');
    let v = await visible();
    check(v.length === 1 && v[0] === "alice and bob chat", "status filter failed: " + JSON.stringify(v));
    await page.click('#filters button[data-filter="all"]');
    await page.fill("#filter-text", "binary");
    v = await visible();
    check(v.length === 1 && v[0] === "a binary frame and a close code", "text filter: " + JSON.stringify(v));
    check((await page.textContent("#shown")) === "1 of 4 tests", "the count of shown tests");
    await page.fill("#filter-text", "");

    // Dark.
    await page.emulateMedia({ colorScheme: "dark" });
    const bg = await page.$eval("body", (b) => getComputedStyle(b).backgroundColor);
    check(bg === "rgb(13, 17, 23)", "dark colors with prefers-color-scheme: dark: " + bg);
    if (darkShot) await page.screenshot({ path: darkShot });

    check(fetched.length === 0, "nothing fetched: " + JSON.stringify(fetched));
    check(dialogs.length === 0, "no payload ran: " + JSON.stringify(dialogs));
    check(errors.length === 0, "no script errors: " + JSON.stringify(errors));
  } finally {
    await browser.close();
  }
  if (problems.length) {
    console.error(`${problems.length} problem(s) in the HTML report`);
    process.exit(1);
  }
})().catch((e) => { console.error(e); process.exit(1); });
