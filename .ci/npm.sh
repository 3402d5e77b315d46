#!/usr/bin/env bash
# .ci/npm.sh: proves that wsrun installs from npm without Go. It packs this machine's platform
# package and @wsrun/cli (npm/pack.sh --host-only), installs both tarballs into an empty project
# with npm offline, an empty cache and an unreachable registry (so nothing can come from a
# registry), then through the installed command: checks --version against VERSION, runs an
# example suite, a failing test (exit code 1 must come through), wsrun init + npm run test:ws,
# and the explanation given when the platform package is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$(tr -d ' \t\r\n' < "$root/VERSION")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

start=$(date +%s)
"$root/npm/pack.sh" --host-only "$work/out"
echo "packed in $(($(date +%s) - start))s"

platform=$(node -p 'process.platform + "-" + process.arch')
mkdir "$work/project"
cd "$work/project"
# Both tarballs in one command: @wsrun/cli's optional dependency @wsrun/$platform@$version is
# then satisfied by the one installed from its tarball next to it; the other platforms'
# packages cannot be fetched offline, and npm drops optional dependencies it cannot get.
npm install --offline --no-audit --no-fund --cache "$work/cache" --registry http://127.0.0.1:9/ \
  "$work/out/wsrun-$platform-$version.tgz" "$work/out/wsrun-cli-$version.tgz"
export npm_config_offline=true npm_config_cache="$work/cache" npm_config_registry=http://127.0.0.1:9/

fail() { echo "npm.sh: $*" >&2; exit 1; }

got=$(npx wsrun --version | head -n 1)
[ "$got" = "wsrun $version" ] || fail "npx wsrun --version printed \"$got\", want \"wsrun $version\""
echo "npx wsrun --version: $got"

npx wsrun --color never "$root/scripts/basics" || fail "the basics example suite failed through the npm package (exit $?)"

cat > failing.test.js <<'JS'
test('fails', () => expect(1).toBe(2));
JS
code=0
npx wsrun --color never failing.test.js > failing.out 2>&1 || code=$?
[ $code = 1 ] || { cat failing.out; fail "a failing test exited $code through npx, want 1"; }
rm failing.test.js failing.out

npx wsrun init tests
grep -q '"test:ws": "wsrun tests"' package.json || { cat package.json; fail "wsrun init did not add the test:ws script"; }
npm run test:ws -- --color never || fail "npm run test:ws failed"

mv "node_modules/@wsrun/$platform" "$work/moved"
code=0
npx wsrun --version > missing.out 2>&1 || code=$?
grep -q "the package @wsrun/$platform, which holds the wsrun binary for this platform, is not installed" missing.out &&
  [ $code = 2 ] || { cat missing.out; fail "without @wsrun/$platform: exit $code, and not the explanation above"; }
echo "npm package: ok"
