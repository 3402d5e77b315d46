#!/usr/bin/env bash
# npm/pack.sh [--host-only] OUTDIR: builds the npm packages of wsrun into OUTDIR as tarballs:
# @wsrun/cli (the `wsrun` command, a small Node.js script) and one package per platform holding
# the Go binary. The version is the one in the VERSION file at the repository's root; it goes
# into every package.json and, through -X main.version, into the binary. --host-only builds only
# this machine's platform package (and @wsrun/cli), for CI. docs/install.md says how to publish.
set -euo pipefail

usage() { echo "usage: npm/pack.sh [--host-only] OUTDIR" >&2; exit 2; }
host_only=0
if [ "${1:-}" = "--host-only" ]; then host_only=1; shift; fi
[ $# -eq 1 ] || usage
[ -n "$1" ] || usage

root=$(cd "$(dirname "$0")/.." && pwd)
version=$(tr -d ' \t\r\n' < "$root/VERSION")
# npm takes only semver; a v prefix or a typo would fail later, after minutes of building.
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "npm/pack.sh: VERSION holds \"$version\"; want a semver such as 1.2.3 or 1.2.3-rc.1" >&2
  exit 1
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# npm's platform-arch names, as process.platform and process.arch spell them.
npm_os() { case $1 in windows) echo win32 ;; *) echo "$1" ;; esac; }
npm_cpu() { case $1 in amd64) echo x64 ;; *) echo "$1" ;; esac; }
targets="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64"
if [ $host_only = 1 ]; then
  targets="$(go env GOHOSTOS)/$(go env GOHOSTARCH)"
  case " linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 " in
    *" $targets "*) ;;
    *) echo "npm/pack.sh: no npm package is made for this machine ($targets)" >&2; exit 1 ;;
  esac
fi

fill() { # fill TEMPLATE DEST PLATFORM OS CPU EXE
  sed -e "s/__VERSION__/$version/g" -e "s/__PLATFORM__/$3/g" -e "s/__OS__/$4/g" \
    -e "s/__CPU__/$5/g" -e "s/__EXE__/$6/g" "$1" > "$2"
}

for target in $targets; do
  goos=${target%/*} goarch=${target#*/}
  os=$(npm_os "$goos") cpu=$(npm_cpu "$goarch")
  platform=$os-$cpu exe=wsrun
  [ "$goos" = windows ] && exe=wsrun.exe
  dir=$stage/$platform
  mkdir -p "$dir/bin"
  start=$(date +%s)
  (cd "$root" && CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath \
    -ldflags "-s -w -X main.version=$version" -o "$dir/bin/$exe" .)
  echo "built $platform in $(($(date +%s) - start))s" >&2
  for f in package.json README.md; do
    fill "$root/npm/platform/$f" "$dir/$f" "$platform" "$os" "$cpu" "$exe"
  done
  (cd "$out" && npm pack --silent "$dir" >/dev/null)
done

dir=$stage/cli
mkdir -p "$dir/bin"
cp "$root/npm/cli/bin/wsrun" "$dir/bin/wsrun"
chmod 755 "$dir/bin/wsrun"
cp "$root/npm/cli/README.md" "$dir/README.md"
fill "$root/npm/cli/package.json" "$dir/package.json" "" "" "" ""
(cd "$out" && npm pack --silent "$dir" >/dev/null)

ls -l "$out"/wsrun-*-"$version".tgz >&2
