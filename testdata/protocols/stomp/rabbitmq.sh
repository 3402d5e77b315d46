#!/usr/bin/env bash
# Starts a throwaway RabbitMQ node with the rabbitmq_web_stomp plugin, every listener on
# 127.0.0.1: web-stomp on $STOMP_WS_PORT (default 15674), no AMQP or plain STOMP listener, no
# management, epmd on loopback ($ERL_EPMD_PORT, default 4369), distribution on $STOMP_DIST_PORT.
# State lives in $1 (created if missing). Prints "ws://127.0.0.1:PORT/ws" once the web-stomp port
# accepts (bounded wait); the node runs on in the background (its pid in $1/pid).
# Used by .ci/servers/stomp.sh and by protocol_stomp_test.go (which stops it with $1/pid).
set -euo pipefail
dir=${1:?usage: rabbitmq.sh STATE_DIR}
ws_port=${STOMP_WS_PORT:-15674}
dist_port=${STOMP_DIST_PORT:-25672}
mkdir -p "$dir/mnesia" "$dir/log"

cat >"$dir/rabbitmq.conf" <<CONF
listeners.tcp = none
stomp.listeners.tcp = none
web_stomp.tcp.ip = 127.0.0.1
web_stomp.tcp.port = $ws_port
loopback_users = none
CONF
echo '[rabbitmq_web_stomp].' >"$dir/enabled_plugins"

export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
export RABBITMQ_MNESIA_BASE="$dir/mnesia"
export RABBITMQ_LOG_BASE="$dir/log"
export RABBITMQ_NODENAME="wsrun-stomp-$ws_port@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_DIST_PORT=$dist_port
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
export HOME="$dir" # the Erlang cookie goes here, not in the caller's home

# setsid: the node outlives this script and a test's process group; its pid is the group to stop.
setsid /usr/lib/rabbitmq/bin/rabbitmq-server >"$dir/log/stdout.log" 2>&1 </dev/null &
echo $! >"$dir/pid"

for _ in $(seq 1 600); do # 60 s at most
  if (exec 3<>"/dev/tcp/127.0.0.1/$ws_port") 2>/dev/null; then
    echo "ws://127.0.0.1:$ws_port/ws"
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "rabbitmq-server exited; its output:" >&2
    tail -n 30 "$dir/log/stdout.log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "rabbitmq-server: web-stomp port $ws_port did not accept within 60s; log in $dir/log" >&2
exit 1
