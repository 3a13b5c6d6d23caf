#!/usr/bin/env bash
# Stops the cluster scripts/start-postgres.sh started and deletes its directory; quiet when there is none.
# Usage: scripts/stop-postgres.sh [statefile]   (default .pg/state)
set -euo pipefail
state=${1:-.pg/state}
[ -f "$state" ] || exit 0

PGDATA_DIR=$(sed -n 's/^PGDATA_DIR=//p' "$state")
PG_BIN=$(sed -n 's/^PG_BIN=//p' "$state")
# Only ever delete what start-postgres.sh made, whatever the state file says.
case "$PGDATA_DIR" in /tmp/makegood-pg.*) ;; *) echo "stop-postgres: $state names no throwaway cluster" >&2; exit 1 ;; esac

data="$PGDATA_DIR/data"
if [ -f "$data/postmaster.pid" ]; then
  if ! (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" --pgdata="$data" --mode=fast --wait --timeout=30 stop >/dev/null 2>&1); then
    # pg_ctl could not stop it: kill the postmaster so deleting its files does not leave a server running.
    pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null || true)
    [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true
  fi
fi
rm -rf "$PGDATA_DIR"
rm -f "$state"
