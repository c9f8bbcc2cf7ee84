#!/usr/bin/env bash
# Times a whole server's cold start, until /health answers, over a copy of a filled database (made by the start-up
# benchmark with ORCHESTRATOR_STARTUP_DB set: 100 definitions of 5,000 elements, 100,000 waiting instances).
# Usage: tests/Orchestrator.Benchmarks/Startup/server-start.sh /tmp/startup.db [runs]
set -euo pipefail
db=${1:?the filled SQLite file}
runs=${2:-3}
root=$(cd "$(dirname "$0")/../../.." && pwd)
server="$root/src/Orchestrator.Server/bin/Release/net10.0/Orchestrator.Server.dll"
[ -f "$server" ] || dotnet build "$root/src/Orchestrator.Server" -c Release >/dev/null
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for run in $(seq 1 "$runs"); do
  cp "$db" "$work/startup.db"
  start=$(date +%s.%N)
  (cd "$work" && exec dotnet "$server" --urls http://127.0.0.1:8199 --environment Production --Auth:Anonymous=true \
    --Workflows:Path="$work/none" --ConnectionStrings:Orchestrator="Data Source=$work/startup.db" >"$work/server.log" 2>&1) &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:8199/health; do sleep 0.05; done
  echo "run $run: /health answered after $(echo "$(date +%s.%N) - $start" | bc) s"
  kill "$pid"; wait "$pid" 2>/dev/null || true
done
