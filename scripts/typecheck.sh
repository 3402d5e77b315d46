#!/usr/bin/env bash
# Type-checks the TypeScript examples against wsrun.d.ts with tsc --noEmit (TypeScript 5 from
# npm, through npx): the shared-library example in scripts/library, the mock-function example in
# scripts/mocks, the typed API tour in testdata/modules/typed, and a fresh directory written by
# `wsrun init`. The first three include jsapi/types/wsrun.d.ts directly; the last checks the
# copy init writes.
set -euo pipefail
cd "$(dirname "$0")/.."

tsc() { npx --yes --package typescript@5 -- tsc "$@"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/wsrun" .
"$tmp/wsrun" init "$tmp/init" >/dev/null

for project in scripts/library scripts/mocks testdata/modules/typed "$tmp/init"; do
  echo "tsc --noEmit -p $project"
  tsc --noEmit -p "$project"
done
