#!/usr/bin/env bash
# Runs every Go fuzz target in the module for FUZZTIME each (default 20s), with minimising
# capped because its default stalls the search on these targets. Their seed corpora
# already run as ordinary tests under `go test ./...`; this explores past them. A failing input
# is written under the package's testdata/fuzz/ by go test, so it can be committed as a seed.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-20s}"
found=0
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    found=$((found + 1))
    echo "fuzz $pkg $target ($fuzztime)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime 200x -parallel 2 "$pkg"
  done
done
echo "fuzz targets run: $found"
[ "$found" -gt 0 ]
