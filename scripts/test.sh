#!/usr/bin/env bash
# `make test` (run inside scripts/with-postgres.sh): the Swift tests on SQLite and PostgreSQL, then the
# black-box suite against the built binary. Both always run; the exit status is non-zero if either failed.
set -uo pipefail # no -e: a failing half must not stop the other from running
cd "$(dirname "$0")/.."
read -r -a flags <<<"${SWIFT_BUILD_FLAGS:-}"

# The Swift store tests fail (by design) without PostgreSQL; say why up front rather than 50 failures later.
[ -n "${MAKEGOOD_TEST_POSTGRES_URL:-}" ] || { echo "make test: MAKEGOOD_TEST_POSTGRES_URL is not set (run via scripts/with-postgres.sh)" >&2; exit 1; }

swift_status=0
# Build first so a compile error reads as one, then --verbose so the log names each database a store test ran on;
# the grep drops the PostgresNIO client's per-test noise.
if swift build --build-tests "${flags[@]}"; then
  swift test --skip-build --verbose "${flags[@]}" 2>&1 | grep --line-buffered -v -e 'PostgresClient.run()'
  swift_status=${PIPESTATUS[0]}
else
  swift_status=1
fi

e2e_status=0
if swift build --product makegood "${flags[@]}"; then
  MAKEGOOD_BIN="$(swift build --show-bin-path "${flags[@]}")/makegood"
  export MAKEGOOD_BIN
  # no:cacheprovider: no .pytest_cache in the checkout.
  .venv/bin/python -m pytest -p no:cacheprovider -q Tests/e2e || e2e_status=$?
else
  e2e_status=1
fi

echo
echo "make test: Swift tests $([ "$swift_status" -eq 0 ] && echo passed || echo "FAILED ($swift_status)")," \
  "black-box tests $([ "$e2e_status" -eq 0 ] && echo passed || echo "FAILED ($e2e_status)")"
[ "$swift_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
