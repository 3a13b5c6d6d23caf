# The README's two commands are `make demo` and `make test`; every target installs what it needs first.
# Override e.g. `make test SWIFT_BUILD_FLAGS="-c release"`.
SWIFT_BUILD_FLAGS ?=
# Recursive (=) so it is only asked for by the recipes that use it, after `build`.
BIN = $(shell swift build --show-bin-path $(SWIFT_BUILD_FLAGS))

.PHONY: deps build test demo fuzz bench postgres-start postgres-stop

deps:
	bash scripts/install-deps.sh

build: deps
	swift build --product makegood $(SWIFT_BUILD_FLAGS)

# A throwaway PostgreSQL for the whole run, always stopped (trap in scripts/with-postgres.sh); scripts/test.sh
# runs `swift test` and then the black-box suite, both always, failing if either failed.
test: deps
	SWIFT_BUILD_FLAGS="$(SWIFT_BUILD_FLAGS)" bash scripts/with-postgres.sh bash scripts/test.sh

demo: build
	$(BIN)/makegood demo

# A long schemathesis pass (schemathesis 4.32.5, pinned in requirements-e2e.txt; its 4.x CLI flags are used by
# Tests/e2e/test_fuzz.py) against /openapi.yaml, on SQLite and on PostgreSQL, so it needs the throwaway cluster too.
fuzz: build
	MAKEGOOD_BIN=$(BIN)/makegood MAKEGOOD_FUZZ_EXAMPLES=200 \
	  bash scripts/with-postgres.sh .venv/bin/python -m pytest -p no:cacheprovider -q Tests/e2e/test_fuzz.py

# Release-mode measurements (not part of `make test`): HTTP ingest against a bare Hummingbird route, bulk import,
# the daily run, dashboard latency at 10M responses, peak memory; one table. Settings: the top of scripts/bench.sh
# (e.g. `make bench BENCH_ROWS=1000000`, or BENCH_SCRATCH=/tmp/bench-build to build outside .build).
bench: deps
	bash scripts/bench.sh

# A cluster that outlives one command, for running single tests by hand:
#   make postgres-start && export $$(grep URL .pg/state) && swift test --filter ...
# Reuses the cluster .pg/state names while it answers, so running it twice does not move the port.
postgres-start:
	@if [ -f .pg/state ] && pg_isready -q -d "$$(sed -n 's/^MAKEGOOD_TEST_POSTGRES_URL=//p' .pg/state)"; \
	  then echo "already running:"; else bash scripts/start-postgres.sh .pg/state; fi
	@cat .pg/state

postgres-stop:
	bash scripts/stop-postgres.sh .pg/state
