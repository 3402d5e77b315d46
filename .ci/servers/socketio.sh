# Sourced by .ci/run. Installs the real Socket.IO 4 server of testdata/protocols/socketio/server
# (socket.io pinned by its package-lock.json); protocol_socketio_test.go
# starts and stops the server itself. Idempotent: npm ci only when node_modules is missing or
# older than the lock file.
sio_dir=testdata/protocols/socketio/server
if [ ! -d "$sio_dir/node_modules/socket.io" ] || [ "$sio_dir/package-lock.json" -nt "$sio_dir/node_modules" ]; then
  npm ci --prefix "$sio_dir" --no-audit --no-fund --loglevel=error
fi
unset sio_dir
