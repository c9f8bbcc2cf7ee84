#!/usr/bin/env bash
# Starts PostgreSQL 15 from the Debian packages on 127.0.0.1:5432 (installing it when missing) with a
# role that may create databases, and prints the connection string for ORCHESTRATOR_TEST_POSTGRES or
# ConnectionStrings:Orchestrator. Usage: infra/scripts/start-postgres.sh [user] [password]
set -euo pipefail
user=${1:-orchestrator}
password=${2:-orchestrator}
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null || [ ! -d /usr/lib/postgresql/15 ]; then
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql-15 >&2
fi
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main"' | grep -q .; then
  "${sudo[@]}" pg_createcluster 15 main >&2
fi
# Listen on the loopback interface only; the test suite runs many servers (each with its own database and pool) at once.
"${sudo[@]}" sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" /etc/postgresql/15/main/postgresql.conf
"${sudo[@]}" sed -i "s/^#\?max_connections.*/max_connections = 600/" /etc/postgresql/15/main/postgresql.conf
# After an unclean stop, recovery first syncs the data directory: one syncfs instead of an fsync per file (minutes on a
# cluster with many databases).
"${sudo[@]}" sed -i "s/^#\?recovery_init_sync_method.*/recovery_init_sync_method = syncfs/" /etc/postgresql/15/main/postgresql.conf
# glibc's malloc gives a backend's freed memory back to the kernel as soon as 128 KiB lie free at the top of its heap, and
# takes it again for the next statement: the journal's backend, whose batches bind arrays of hundreds of rows, spent a fifth
# of its CPU shrinking and growing its heap (brk, the TLB flush on every core that follows, page faults). Kept up to 64 MiB,
# PostgreSQL spent a third less CPU for the same instances and one node did 822-847 instances/s against 642-684
# (bench-nodes.sh 1, alternated). The postmaster's environment comes from this file and its backends inherit it (check with
# `tr '\0' '\n' < /proc/<postmaster pid>/environ`: pg_ctlcluster switches user on the way, and glibc lets only some
# tunables through that; this one it does).
tunables='glibc.malloc.trim_threshold=67108864'
environment=/etc/postgresql/15/main/environment
"${sudo[@]}" sed -i '/^GLIBC_TUNABLES/d' "$environment"
echo "GLIBC_TUNABLES = '$tunables'" | "${sudo[@]}" tee -a "$environment" >/dev/null
postmaster_has_tunables() {
  local pid
  pid=$("${sudo[@]}" head -n 1 /var/lib/postgresql/15/main/postmaster.pid 2>/dev/null) || return 1
  "${sudo[@]}" cat "/proc/$pid/environ" 2>/dev/null | tr '\0' '\n' | grep -qxF "GLIBC_TUNABLES=$tunables"
}
if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main" && $4 == "online"' | grep -q .; then
  # pg_ctl's own wait is 60 s; crash recovery may take longer.
  "${sudo[@]}" pg_ctlcluster 15 main start -- -t 600 >&2
elif [ "$(as_postgres psql -qAtc 'show max_connections' 2>/dev/null || echo 0)" -lt 600 ] || ! postmaster_has_tunables; then
  # Already running with fewer connections than the suite needs, or without the memory settings: restart it with the settings above.
  "${sudo[@]}" pg_ctlcluster 15 main restart -- -t 600 >&2
fi
for _ in $(seq 1 30); do
  as_postgres psql -qAtc "select 1" >/dev/null 2>&1 && break
  sleep 1
done
as_postgres psql -qAt >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE "$user" LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE "$user" LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
-- A test drops its database WITH (FORCE) when done: that ends every session on it, autovacuum workers included.
GRANT pg_signal_backend TO "$user";
SQL
# Without TLS: the server is on this machine and the connection never leaves the loopback interface, where encryption
# only costs (Debian's server offers TLS, which Npgsql then takes; it cost two nodes on two cores some 15% of their CPU).
echo "Host=127.0.0.1;Port=5432;Username=$user;Password=$password;SSL Mode=Disable;Database=postgres"
