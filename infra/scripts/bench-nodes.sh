#!/usr/bin/env bash
# Measures `orchestrator bench-http` against N server nodes on one fresh PostgreSQL database (README "Benchmarks"): starts
# PostgreSQL (start-postgres.sh), creates a new database, starts N nodes of the Release build on 127.0.0.1:8201..820N, runs the
# bench (its warm-up first), prints its report, the CPU the tool, the nodes and PostgreSQL spent during it (jiffies from /proc, 10 ms
# each) and each node's group commits (from its /metrics), then stops the nodes and drops the database.
# Usage: infra/scripts/bench-nodes.sh [N] [instances]   (default 2 nodes, 5000 instances; 8000 to warm up, 64 in flight,
# activation batches of 32). Build first: dotnet build -c Release.
# Settings: ORCHESTRATOR_BUILD (the server's build folder), ORCHESTRATOR_NODE_ENV (extra environment for the nodes only, e.g.
# "DOTNET_gcServer=0"; the nodes get DOTNET_GCgen0size=0x10000000 as start-cluster.sh gives it, which this overrides),
# BENCH_WARMUP, BENCH_CONCURRENCY, BENCH_LOADED (how many of the nodes the bench drives; the others only follow what they write).
set -euo pipefail
nodes=${1:-2}
instances=${2:-5000}
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${ORCHESTRATOR_BUILD:-$root/src/Orchestrator.Server/bin/Release/net10.0}
cli=$root/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator.dll
first_port=8201

if ! [[ $nodes =~ ^[1-9]$ && $instances =~ ^[0-9]+$ ]]; then
  echo "usage: $0 [N] [instances]   (1 to 9 nodes)" >&2
  exit 2
fi
for file in "$build/Orchestrator.Server.dll" "$cli"; do
  [ -f "$file" ] || { echo "$file is missing: dotnet build -c Release first" >&2; exit 1; }
done

server=$("$root/infra/scripts/start-postgres.sh")
database="bench_$$_$(date +%s)"
run=$(mktemp -d)
psql "postgresql://orchestrator:orchestrator@127.0.0.1:5432/postgres" -qc "CREATE DATABASE $database" >/dev/null
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql "postgresql://orchestrator:orchestrator@127.0.0.1:5432/postgres" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null || true
  rm -rf "$run"
}
trap cleanup EXIT

read -r -a node_env <<< "${ORCHESTRATOR_NODE_ENV:-}"
urls=()
for i in $(seq 1 "$nodes"); do
  port=$((first_port + i - 1))
  mkdir -p "$run/node-$i"
  (cd "$run/node-$i" && exec env DOTNET_GCgen0size=0x10000000 "${node_env[@]}" dotnet "$build/Orchestrator.Server.dll" --urls "http://127.0.0.1:$port" \
    --Auth:Anonymous=true --Serilog:MinimumLevel:Default=Warning --Database:Provider=PostgreSql \
    "--ConnectionStrings:Orchestrator=${server%Database=*}Database=$database" >"$run/node-$i.log" 2>&1) &
  pids+=($!)
  [ "$i" -gt "${BENCH_LOADED:-$nodes}" ] || urls+=(--url "http://127.0.0.1:$port")
  # The first node migrates the database; the others start once it answers.
  ready=false
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/health/ready" 2>/dev/null; then ready=true; break; fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.5
  done
  $ready || { echo "node $i did not become ready; the end of its log:" >&2; tail -n 30 "$run/node-$i.log" >&2; exit 1; }
done

# CPU (user + system jiffies) of a process and of the PostgreSQL processes alive at the end (approximate: a backend that
# ended during the run is not counted, other databases' are).
jiffies() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
postgres_jiffies() { local sum=0; for p in $(pgrep -u postgres); do sum=$((sum + $(jiffies "$p" 2>/dev/null || echo 0))); done; echo "$sum"; }
# (exec: each node's pid is the dotnet process itself.)
node_pids=("${pids[@]}")
before=(); for pid in "${node_pids[@]}"; do before+=("$(jiffies "$pid")"); done
postgres_before=$(postgres_jiffies)

# The load tool's own CPU too (it shares the cores with the nodes and PostgreSQL).
TIMEFORMAT="tool:         %U s user, %S s system, %R s elapsed (warm-up included)"
time dotnet "$cli" bench-http "${urls[@]}" --instances "$instances" --warmup "${BENCH_WARMUP:-8000}" \
  --concurrency "${BENCH_CONCURRENCY:-64}" --batch 32

spent=()
for i in "${!node_pids[@]}"; do spent+=("$(( $(jiffies "${node_pids[$i]}") - before[i] ))"); done
echo "cpu:          nodes ${spent[*]} jiffies, PostgreSQL $(( $(postgres_jiffies) - postgres_before )) (warm-up included)"
# Each node's group commits from its /metrics (warm-up and start-up included): how many, how full, how long, how many were
# checked in two round trips, how many commits were left out for a conflict with another node.
for i in $(seq 1 "$nodes"); do
  curl -fsS --max-time 5 "http://127.0.0.1:$((first_port + i - 1))/metrics" | awk -v node="$i" '
    /^orchestrator_journal_batch_size_count/ { batches = $2 } /^orchestrator_journal_batch_size_sum/ { commands = $2 }
    /^orchestrator_journal_commit_duration_seconds_sum/ { seconds = $2 }
    /^orchestrator_journal_rechecked_total/ { rechecked = $2 } /^orchestrator_journal_conflicts_total/ { conflicts = $2 }
    /^orchestrator_catchup_duration_seconds_count\{.*phase="read"/ { catchups = $2 } /^orchestrator_catchup_duration_seconds_sum\{.*phase="read"/ { read = $2 }
    /^orchestrator_catchup_duration_seconds_sum\{.*phase="apply"/ { applied = $2 }
    END { if (batches > 0) printf "journal:      node %d: %d group commits, %.1f commands and %.1f ms each, %d checked in two round trips, %d commits left out\n",
      node, batches, commands / batches, seconds * 1000 / batches, rechecked, conflicts
      if (catchups > 0) printf "catch-ups:    node %d: %d, %.1f ms reading and %.1f ms applying each\n", node, catchups, read * 1000 / catchups, applied * 1000 / catchups }'
done
