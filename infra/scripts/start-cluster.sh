#!/usr/bin/env bash
# Starts a cluster on this machine from Debian packages: PostgreSQL 15 (start-postgres.sh), RabbitMQ 3.10
# (start-rabbitmq.sh), N server nodes from one
# publish of src/Orchestrator.Server on 127.0.0.1:8081..808N sharing one database, and nginx on 127.0.0.1:8080
# balancing across them (installing nginx from apt when missing). Waits until every node answers /health and prints
# the URLs. Everything it starts is recorded in the run directory (pids, logs, the generated nginx.conf, the publish);
# infra/scripts/stop-cluster.sh stops it.
# Usage: infra/scripts/start-cluster.sh [N]   (N nodes, default 2; ORCHESTRATOR_RUN=<dir> for another run directory)
# Settings: ORCHESTRATOR_DATABASE (default orchestrator), ORCHESTRATOR_ADMIN_PASSWORD_HASH (default: a generated
# password, printed), CARRIER_WEBHOOK_SECRET, WAREHOUSE_WEBHOOK_SECRET.
set -euo pipefail
nodes=${1:-2}
root=$(cd "$(dirname "$0")/../.." && pwd)
run=${ORCHESTRATOR_RUN:-$root/.run/cluster}
balancer_port=8080
first_node_port=8081

if ! [[ $nodes =~ ^[0-9]+$ ]] || [ "$nodes" -lt 1 ] || [ "$nodes" -gt 9 ]; then
  echo "usage: $0 [N]   (1 to 9 nodes on ports $first_node_port..$((first_node_port + 8)))" >&2
  exit 2
fi
mkdir -p "$run"
for pidfile in "$run"/*.pid; do
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "a cluster is running from $run ($(basename "$pidfile") is alive); stop it with infra/scripts/stop-cluster.sh" >&2
    exit 1
  fi
done
rm -f "$run"/*.pid

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
if [ ! -x /usr/sbin/nginx ]; then
  "${sudo[@]}" apt-get update -qq >&2
  # The package would start the system's nginx on :80 with /etc/nginx; policy-rc.d keeps it stopped (ours runs from $run).
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
    "${sudo[@]}" chmod +x "$policy"
    own_policy=true
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends nginx >&2
  if $own_policy; then "${sudo[@]}" rm -f "$policy"; fi
fi

# PostgreSQL: stop-cluster.sh stops it only when this script started it.
postgres_was_online=$(pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main" && $4 == "online"' | grep -c . || true)
server=$("$root/infra/scripts/start-postgres.sh")
[ "$postgres_was_online" -gt 0 ] || touch "$run/postgres.started"
database=${ORCHESTRATOR_DATABASE:-orchestrator}
connection="${server%Database=*}Database=$database"

# RabbitMQ: the broker the shipped logistics workflow also starts from (queue carrier.tracking) and process events go to.
# stop-cluster.sh stops it only when this script started it.
rabbitmq_was_running=false
rabbitmqctl -n rabbit@localhost status >/dev/null 2>&1 && rabbitmq_was_running=true
broker=$("$root/infra/scripts/start-rabbitmq.sh")
$rabbitmq_was_running || touch "$run/rabbitmq.started"

echo "publishing src/Orchestrator.Server to $run/app" >&2
dotnet publish "$root/src/Orchestrator.Server" -c Release -o "$run/app" --nologo -v quiet >&2

# Sign-in: a generated admin password unless a hash is given (kept in the run directory for later starts).
if [ -z "${ORCHESTRATOR_ADMIN_PASSWORD_HASH:-}" ]; then
  if [ ! -s "$run/admin.hash" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$run/admin.password")
    dotnet run --project "$root/src/Orchestrator.Cli" -c Release -- hash-password admin < "$run/admin.password" > "$run/admin.hash"
  fi
  ORCHESTRATOR_ADMIN_PASSWORD_HASH=$(cat "$run/admin.hash")
fi

# Every node gets the same settings (the keys docker-compose.yml and k8s/ set too; tests/.../Infra checks they agree
# and that the server reads each one). Only the address differs, and node ids are claimed in the database.
settings=(
  "Database__Provider=PostgreSql"
  "ConnectionStrings__Orchestrator=$connection"
  "Auth__Users__admin__PasswordHash=$ORCHESTRATOR_ADMIN_PASSWORD_HASH"
  "Auth__Users__admin__Roles__0=admin"
  "Webhooks__Secrets__carrier=${CARRIER_WEBHOOK_SECRET:-change-me-carrier}"
  "Webhooks__Secrets__warehouse=${WAREHOUSE_WEBHOOK_SECRET:-change-me-warehouse}"
  "Proxy__KnownNetworks__0=127.0.0.1/32"
  "Messaging__Provider=RabbitMq"
  "Messaging__RabbitMq__Uri=$broker"
  "Messaging__Events__Destination=orchestrator.events"
)

start_node() {
  local i=$1 port=$((first_node_port + $1 - 1))
  # Its own working directory: the node's state (logs/) stays apart from the others'.
  mkdir -p "$run/node-$i"
  # DOTNET_GCgen0size: see infra/README.md, "The .NET runtime".
  (cd "$run/node-$i" && exec setsid env "${settings[@]}" ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x10000000}" "$run/app/Orchestrator.Server" \
    >"$run/node-$i.log" 2>&1 </dev/null) &
  echo $! > "$run/node-$i.pid"
}

wait_healthy() {
  local url=$1 pidfile=$2 log=$3
  for _ in $(seq 1 120); do
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "$(basename "$pidfile" .pid) exited; the end of $log:" >&2
      tail -n 30 "$log" >&2
      exit 1
    fi
    curl -fsS -o /dev/null --max-time 2 "$url/health" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$url did not answer /health within 60 s; see $log" >&2
  exit 1
}

# The first node migrates the database; the others start once it is up.
start_node 1
wait_healthy "http://127.0.0.1:$first_node_port" "$run/node-1.pid" "$run/node-1.log"
for i in $(seq 2 "$nodes"); do start_node "$i"; done
for i in $(seq 2 "$nodes"); do
  wait_healthy "http://127.0.0.1:$((first_node_port + i - 1))" "$run/node-$i.pid" "$run/node-$i.log"
done

mkdir -p "$run/nginx-temp"
user_line=""
if [ "$(id -u)" -eq 0 ]; then
  user_line="user www-data;"
  chown www-data "$run/nginx-temp"
fi
{
  echo "# Generated by infra/scripts/start-cluster.sh: 127.0.0.1:$balancer_port balancing across $nodes node(s)."
  echo "$user_line"
  echo "daemon off;"
  echo "worker_processes auto;"
  echo "pid $run/nginx-temp/nginx.pid;"
  echo "error_log $run/nginx-error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http {"
  echo "  access_log $run/nginx-access.log;"
  for temp in client_body proxy fastcgi uwsgi scgi; do echo "  ${temp}_temp_path $run/nginx-temp/$temp;"; done
  echo "  upstream orchestrator {"
  echo "    least_conn;"
  for i in $(seq 1 "$nodes"); do echo "    server 127.0.0.1:$((first_node_port + i - 1)) max_fails=3 fail_timeout=5s;"; done
  echo "    keepalive 32;"
  echo "  }"
  echo "  server {"
  echo "    listen 127.0.0.1:$balancer_port;"
  cat "$root/infra/nginx/orchestrator-location.conf"
  echo "  }"
  echo "}"
} > "$run/nginx.conf"
/usr/sbin/nginx -t -q -c "$run/nginx.conf" -p "$run" -e "$run/nginx-error.log"
(exec setsid /usr/sbin/nginx -c "$run/nginx.conf" -p "$run" -e "$run/nginx-error.log" </dev/null >>"$run/nginx-error.log" 2>&1) &
echo $! > "$run/nginx.pid"
wait_healthy "http://127.0.0.1:$balancer_port" "$run/nginx.pid" "$run/nginx-error.log"

echo "cluster of $nodes node(s) on PostgreSQL database '$database' (run directory $run):"
echo "  http://127.0.0.1:$balancer_port  (nginx; the web UI at /)"
for i in $(seq 1 "$nodes"); do echo "  http://127.0.0.1:$((first_node_port + i - 1))  node $i, log $run/node-$i.log"; done
if [ -s "$run/admin.password" ]; then echo "sign in as admin with the password in $run/admin.password"; fi
echo "stop with infra/scripts/stop-cluster.sh"
