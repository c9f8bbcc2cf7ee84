#!/usr/bin/env bash
# Stops what infra/scripts/start-cluster.sh started: nginx, then every node (SIGTERM, so each finishes its requests and
# commits; SIGKILL after 30 s), then PostgreSQL if the start script was the one that started it. The run directory keeps
# the logs, the publish and the generated admin password. Usage: infra/scripts/stop-cluster.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
run=${ORCHESTRATOR_RUN:-$root/.run/cluster}
[ -d "$run" ] || { echo "no run directory at $run" >&2; exit 0; }

stop() {
  local pidfile=$1 expected=$2 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  # Only the process that was started (a pid can be reused after a reboot).
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$expected"; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$(basename "$pidfile" .pid) did not stop within 30 s; killing it" >&2
      kill -KILL "$pid"
    fi
    echo "stopped $(basename "$pidfile" .pid) (pid $pid)"
  fi
  rm -f "$pidfile"
}

stop "$run/nginx.pid" nginx
for pidfile in "$run"/node-*.pid; do
  [ -e "$pidfile" ] || continue
  stop "$pidfile" Orchestrator.Server &
done
wait

if [ -f "$run/rabbitmq.started" ]; then
  if [ "$(id -u)" -eq 0 ]; then rabbitmqctl -n rabbit@localhost stop >/dev/null; else sudo rabbitmqctl -n rabbit@localhost stop >/dev/null; fi
  rm -f "$run/rabbitmq.started"
  echo "stopped RabbitMQ (started by start-cluster.sh)"
fi

if [ -f "$run/postgres.started" ]; then
  if [ "$(id -u)" -eq 0 ]; then pg_ctlcluster 15 main stop; else sudo pg_ctlcluster 15 main stop; fi
  rm -f "$run/postgres.started"
  echo "stopped PostgreSQL 15 (started by start-cluster.sh)"
fi
