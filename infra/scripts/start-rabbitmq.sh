#!/usr/bin/env bash
# Starts RabbitMQ 3.10 from the Debian packages on 127.0.0.1:5672 (installing it when missing), with a user that may use
# the default virtual host, and prints its AMQP URI for ORCHESTRATOR_TEST_RABBITMQ or Messaging:RabbitMq:Uri.
# Usage: infra/scripts/start-rabbitmq.sh [user] [password]
set -euo pipefail
user=${1:-orchestrator}
password=${2:-orchestrator}
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)

if ! command -v rabbitmq-server >/dev/null; then
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends rabbitmq-server >&2
fi
# The loopback interface only: AMQP, the Erlang port mapper and the node's distribution port.
"${sudo[@]}" tee /etc/rabbitmq/rabbitmq-env.conf >/dev/null <<'CONF'
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
ERL_EPMD_ADDRESS=127.0.0.1
export ERL_EPMD_ADDRESS
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
CONF
ctl() { "${sudo[@]}" rabbitmqctl -n rabbit@localhost "$@"; }
if ! ctl status >/dev/null 2>&1; then
  # An Erlang port mapper the package started on every interface gives way to one on the loopback interface.
  if pgrep -x epmd >/dev/null && ! ss -ltn 2>/dev/null | awk '{print $4}' | grep -q '^127\.0\.0\.1:4369$'; then
    "${sudo[@]}" pkill -x epmd || true
  fi
  "${sudo[@]}" service rabbitmq-server start >&2 || "${sudo[@]}" rabbitmq-server -detached >&2
fi
for _ in $(seq 1 60); do
  ctl await_startup >/dev/null 2>&1 && break
  sleep 1
done
ctl await_startup >/dev/null
if ctl list_users -q 2>/dev/null | awk '{print $1}' | grep -qx "$user"; then
  ctl change_password "$user" "$password" >/dev/null
else
  ctl add_user "$user" "$password" >/dev/null
fi
ctl set_permissions -p / "$user" '.*' '.*' '.*' >/dev/null
echo "amqp://$user:$password@127.0.0.1:5672/"
