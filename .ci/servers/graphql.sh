# Sourced by .ci/run. Installs the real GraphQL over WebSocket servers of the protocol tests
# (graphql-ws 6 and subscriptions-transport-ws 0.11 from npm, pinned by package-lock.json) into
# testdata/protocols/graphql/server. protocol_graphql_test.go starts them itself, on port 0.
graphql_server_dir=testdata/protocols/graphql/server
# graphql-ws 6 declares Node 20 or later (Debian 12 ships 18, 13 ships 20): say so up front, the
# tests will show whether it matters.
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  echo "graphql.sh: warning: node $(node --version) is older than graphql-ws 6 asks for (20)" >&2
fi
# npm ci again only when the lock file changed since the last install (the stamp is its copy).
if ! cmp -s "$graphql_server_dir/package-lock.json" "$graphql_server_dir/node_modules/.wsrun-installed-lock"; then
  npm ci --prefix "$graphql_server_dir" --no-audit --no-fund --loglevel=error &&
    cp "$graphql_server_dir/package-lock.json" "$graphql_server_dir/node_modules/.wsrun-installed-lock"
fi
unset graphql_server_dir
