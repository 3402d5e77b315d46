# Sourced by .ci/run first (00-). Node.js and npm, which the protocol servers' scripts after it
# need, and which the tests of the @wsrun/cli command (npm_test.go)
# and .ci/npm.sh run wsrun's npm package with. Debian's nodejs is enough: the command needs
# Node.js 18 or later.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
