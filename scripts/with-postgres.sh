#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL: starts it, exports MAKEGOOD_TEST_POSTGRES_URL, runs the command,
# and stops and deletes the cluster whatever happens (the EXIT trap also runs on failure and on Ctrl-C).
# Usage: scripts/with-postgres.sh COMMAND [ARGS...]; exits with the command's status.
set -euo pipefail
scripts=$(dirname "$0")
# One state file per run, so parallel runs (and a developer's .pg/state cluster) never collide.
state=.pg/state-$$
trap 'bash "$scripts/stop-postgres.sh" "$state"' EXIT
trap 'exit 130' INT TERM

bash "$scripts/start-postgres.sh" "$state"
MAKEGOOD_TEST_POSTGRES_URL=$(sed -n 's/^MAKEGOOD_TEST_POSTGRES_URL=//p' "$state")
export MAKEGOOD_TEST_POSTGRES_URL

# Not exec: this shell must outlive the command so the EXIT trap stops PostgreSQL.
status=0
"$@" || status=$?
exit "$status"
