#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a free 127.0.0.1 port and writes how to reach it to a state file:
#   MAKEGOOD_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:PORT/makegood_test
#   PGDATA_DIR=<the cluster's temporary directory>   (scripts/stop-postgres.sh deletes it)
# Usage: scripts/start-postgres.sh [statefile]   (default .pg/state)
set -euo pipefail
scripts=$(dirname "$0")
state=${1:-.pg/state}

fail() { echo "start-postgres: $*" >&2; exit 1; }

# A state file naming a cluster that may still run would be overwritten and the cluster leaked: stop that one first.
if [ -f "$state" ]; then bash "$scripts/stop-postgres.sh" "$state"; fi
mkdir -p "$(dirname "$state")"

# The real server binaries, not Debian's /usr/bin wrappers, which insist on clusters registered under /etc/postgresql.
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || fail "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (run: make deps)"

# PostgreSQL refuses to run as root, so the cluster belongs to the `postgres` system user.
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
# cd / first: the checkout may sit in a directory `postgres` cannot enter.
as_postgres() { (cd / && if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi); }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
dir=$(mktemp -d /tmp/makegood-pg.XXXXXX)
chown postgres "$dir"
# Leave nothing behind if any step below fails (the trap is cleared once the state file is written).
discard() { as_postgres "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap discard EXIT

as_postgres "$bin/initdb" --pgdata="$dir/data" --username=postgres --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; fail "initdb failed"; }
# Trust, but only over TCP from 127.0.0.1: no other host line and no unix-socket line.
echo "host all all 127.0.0.1/32 trust" >"$dir/data/pg_hba.conf"

# The unix socket goes into the private temp dir so it never clashes with a system cluster.
# fsync/synchronous_commit/full_page_writes off: the data is thrown away, so durability only costs time.
# max_connections: every Swift test suite and e2e server opens its own pool.
if ! as_postgres "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 start -o "\
    -c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" >/dev/null; then
  cat "$dir/server.log" >&2 || true
  fail "the PostgreSQL server did not start (log above)"
fi
as_postgres "$bin/createdb" --host=127.0.0.1 --port="$port" --username=postgres makegood_test \
  || fail "could not create database makegood_test"

cat >"$state" <<STATE
MAKEGOOD_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/makegood_test
PGDATA_DIR=$dir
PG_BIN=$bin
STATE
trap - EXIT
echo "PostgreSQL on 127.0.0.1:$port ($dir), state in $state"
