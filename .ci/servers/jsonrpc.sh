# Sourced by .ci/run. The JSON-RPC tests start testdata/protocols/jsonrpc/server.py themselves;
# it needs Python 3 with Debian's websockets package (PyPI is not used).
if ! /usr/bin/python3 -c 'import websockets' 2>/dev/null; then
  apt-get update -qq && apt-get install -y -qq python3-websockets
fi
