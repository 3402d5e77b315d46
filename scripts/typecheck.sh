#!/usr/bin/env bash
# Type-checks the TypeScript examples against wsrun.d.ts with tsc --noEmit (TypeScript 5 from
# npm, through npx): every project with a tsconfig.json under scripts/ and testdata/ (the
# shared-library and mock examples, the typed API tour, each protocol module's typed example),
# and a fresh directory written by `wsrun init`. The first include jsapi/types/wsrun.d.ts
# directly; the last checks the copy init writes.
set -euo pipefail
cd "$(dirname "$0")/.."

tsc() { npx --yes --package typescript@5 -- tsc "$@"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/wsrun" .
"$tmp/wsrun" init "$tmp/init" >/dev/null

for project in $(git ls-files 'scripts/*tsconfig.json' 'testdata/*tsconfig.json' | xargs -n1 dirname) "$tmp/init"; do
  echo "tsc --noEmit -p $project"
  tsc --noEmit -p "$project"
done
