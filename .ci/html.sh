#!/usr/bin/env bash
# Checks the HTML report (-r html=PATH) in a real browser, opened from disk.
#
#   .ci/html.sh [PATH/TO/wsrun]
#
# It runs the failing chat of testdata/html (ws.serve, frames both ways, a ping, a binary
# frame, a payload holding </script>, an expect that times out with a diff) with -r html,
# then, in headless Chromium (Debian's, installed when missing):
#   (a) --dump-dom after the page's script ran: the test names and an SVG arrow per frame;
#   (b) --screenshot to bin/html-report.png, the CI artifact to look at;
#   (c) testdata/html/browser/check.js (playwright-core, pinned in its package-lock.json)
#       clicks a frame and checks its payload, applies the filters, checks the failing wait
#       is in view, that nothing was fetched and no payload ran, and saves the dark theme to
#       bin/html-report-dark.png.
# It exits non-zero on any problem.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-bin/wsrun}
[ -x "$bin" ] || go build -o "$bin" .

if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
if ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report=$work/report.html
status=0
"$bin" --color never -r html="$report" testdata/html >"$work/out.txt" 2>&1 || status=$?
if [ "$status" -ne 1 ] || [ ! -s "$report" ]; then
  echo "html: want exit 1 (one test fails on purpose) and a report, got exit $status" >&2
  cat "$work/out.txt" >&2
  exit 1
fi
echo "  report: $(wc -c <"$report") bytes"

chromium_run() {
  local profile
  profile=$(mktemp -d "$work/profile.XXXX")
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>"$work/chromium.log"
}

# (a) The DOM after scripts ran.
chromium_run --virtual-time-budget=5000 --dump-dom "file://$report" >"$work/dom.html"
fail=0
for want in 'data-rendered="1"' '>alice and bob chat<' '>&lt;b&gt;not bold&lt;/b&gt; is a test name<' '>server:conn1<'; do
  if ! grep -qF "$want" "$work/dom.html"; then
    echo "  FAIL the DOM lacks $want" >&2
    fail=1
  fi
done
arrows=$(grep -o 'class="arrow [a-z ]*"' "$work/dom.html" | wc -l)
if [ "$arrows" -lt 10 ]; then
  echo "  FAIL $arrows SVG arrows in the DOM, want 10 or more (one per frame)" >&2
  fail=1
else
  echo "  ok   --dump-dom: names, lifelines and $arrows arrows"
fi
if grep -q '<script>alert\|<img' "$work/dom.html"; then
  echo "  FAIL a payload became markup" >&2
  fail=1
fi

# (b) The screenshot, a CI artifact.
mkdir -p bin
chromium_run --virtual-time-budget=5000 --window-size=1280,1500 --screenshot="$(pwd)/bin/html-report.png" "file://$report" >/dev/null
[ -s bin/html-report.png ] || { echo "  FAIL no screenshot" >&2; fail=1; }
echo "  ok   screenshot: bin/html-report.png"

# (c) Clicks and filters.
(cd testdata/html/browser && npm ci --no-audit --no-fund --silent)
node testdata/html/browser/check.js "$report" bin/html-report-dark.png || fail=1
exit $fail
