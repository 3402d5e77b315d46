# Sourced by .ci/run (after 00-node.sh, which installs node and npm). Installs Node's ws package
# (pinned by its package-lock.json) into testdata/record/node, whose server.js and client.js
# record_test.go runs around `wsrun record`; the test starts and stops them itself. Idempotent:
# npm ci only when node_modules is missing or older than the lock file.
rec_dir=testdata/record/node
if [ ! -d "$rec_dir/node_modules/ws" ] || [ "$rec_dir/package-lock.json" -nt "$rec_dir/node_modules" ]; then
  npm ci --prefix "$rec_dir" --no-audit --no-fund --loglevel=error
fi
unset rec_dir
