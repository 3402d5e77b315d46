# shellcheck shell=bash
# STOMP: RabbitMQ (Debian's rabbitmq-server) with the rabbitmq_web_stomp plugin, every listener
# on 127.0.0.1 (see testdata/protocols/stomp/rabbitmq.sh). Sourced by .ci/run: starts the node
# in the background once (reused when its port already accepts) and exports WSRUN_STOMP_URL,
# so protocol_stomp_test.go does not start its own.
if ! [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  # The package would start its own node (and epmd) on every interface: a policy-rc.d that
  # answers 101 ("not now") keeps it from starting, as Debian's container images do.
  if ! [ -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    stomp_policy=1
  fi
  apt-get update -qq && apt-get install -y -qq rabbitmq-server
  [ -z "${stomp_policy:-}" ] || rm -f /usr/sbin/policy-rc.d
fi
# Debian's package starts a node of its own on 0.0.0.0; CI wants only the loopback one.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet rabbitmq-server 2>/dev/null; then
  systemctl stop rabbitmq-server
fi
if (exec 3<>/dev/tcp/127.0.0.1/15674) 2>/dev/null; then
  WSRUN_STOMP_URL=ws://127.0.0.1:15674/ws
else
  WSRUN_STOMP_URL=$(testdata/protocols/stomp/rabbitmq.sh "${TMPDIR:-/tmp}/wsrun-stomp-rabbitmq")
fi
export WSRUN_STOMP_URL WSRUN_STOMP_LOGIN=guest WSRUN_STOMP_PASSCODE=guest
echo "  RabbitMQ web-stomp at $WSRUN_STOMP_URL"
