#!/usr/bin/env bash
# `make bench`: builds release, measures each figure of issue 8 next to a baseline measured in the same run, and
# prints one table. Not part of `make test`. Everything it makes goes into a temporary folder (deleted at the end
# unless BENCH_KEEP=1) and a throwaway PostgreSQL cluster (always stopped).
#
# Settings (environment):
#   BENCH_SCRATCH=.build           where `swift build -c release` builds (--scratch-path)
#   BENCH_ONLY="ingest survey import alerts pages"   which figures to run
#   BENCH_DATABASES="sqlite postgres"         which stores the ingest, daily-run and page figures use
#   BENCH_DURATION=10 BENCH_CONNECTIONS=32 BENCH_THREADS=2   wrk, per ingest run (after a 3 s warm-up)
#   BENCH_SURVEY_CLICKS=200                   survey clicks timed under the ingest load
#   BENCH_IMPORT_ROWS=1000000                 rows in the imported CSV
#   BENCH_ALERT_INSTANCES=1000 BENCH_ALERT_GROUPS=20 BENCH_ALERT_UNHAPPY=10   the daily run's data
#   BENCH_ROWS=10000000 BENCH_PAGE_INSTANCES=10 BENCH_DAYS=730   responses behind the page figures: BENCH_ROWS in
#       the table, shared evenly by BENCH_PAGE_INSTANCES instances over BENCH_DAYS days; pages of the first one
#   BENCH_PAGE_REQUESTS=50                    timed requests per page
#   BENCH_KEEP=1                              keep the temporary folder (databases, logs, outboxes) afterwards
#   BENCH_DIR=DIR                             use DIR instead of a temporary folder (kept afterwards)
#   BENCH_TABLE=FILE                          also write the table as Markdown to FILE
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

BENCH_SCRATCH=${BENCH_SCRATCH:-.build}
BENCH_ONLY=${BENCH_ONLY:-ingest survey import alerts pages}
BENCH_SURVEY_CLICKS=${BENCH_SURVEY_CLICKS:-200}
BENCH_DATABASES=${BENCH_DATABASES:-sqlite postgres}
BENCH_DURATION=${BENCH_DURATION:-10}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_IMPORT_ROWS=${BENCH_IMPORT_ROWS:-1000000}
BENCH_ALERT_INSTANCES=${BENCH_ALERT_INSTANCES:-1000}
BENCH_ALERT_GROUPS=${BENCH_ALERT_GROUPS:-20}
BENCH_ALERT_UNHAPPY=${BENCH_ALERT_UNHAPPY:-10}
BENCH_ROWS=${BENCH_ROWS:-10000000}
BENCH_PAGE_INSTANCES=${BENCH_PAGE_INSTANCES:-10}
BENCH_DAYS=${BENCH_DAYS:-730}
BENCH_PAGE_REQUESTS=${BENCH_PAGE_REQUESTS:-50}
BENCH_KEEP=${BENCH_KEEP:-}

started_at=$(date +%s)
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)
say() { printf '\n== %s (load average %s)\n' "$*" "$(cut -d' ' -f1 /proc/loadavg)" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }
wants() { [[ " $BENCH_ONLY " == *" $1 "* ]]; }
wants_db() { [[ " $BENCH_DATABASES " == *" $1 "* ]]; }
clock() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(clock)" 'BEGIN { printf "%.3f", b - a }'; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }
table() { python3 Benchmarks/table.py "$@"; }

# --- work folder, processes, cleanup -------------------------------------------------------------------------------
# A folder named by BENCH_DIR is never deleted, only one made here.
if [ -n "${BENCH_DIR:-}" ]; then work=$BENCH_DIR; BENCH_KEEP=1; else work=$(mktemp -d /tmp/makegood-bench.XXXXXX); fi
mkdir -p "$work"
work=$(cd "$work" && pwd)
results="$work/results.jsonl"
: >"$results"
pg_state="$repo/.pg/bench-$$"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  bash scripts/stop-postgres.sh "$pg_state" || true
  if [ -n "$BENCH_KEEP" ]; then
    echo "bench: kept $work" >&2
  elif [ "$status" -ne 0 ]; then
    # Keep the logs to read, not the (large) databases and outboxes.
    rm -rf "$work"/*.sqlite* "$work"/outbox-* "$work"/*.csv
    echo "bench: failed; the logs are in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build ---------------------------------------------------------------------------------------------------------
say "building release into $BENCH_SCRATCH"
swift build -c release --scratch-path "$BENCH_SCRATCH" --product makegood
swift build -c release --scratch-path "$BENCH_SCRATCH" --product bench-bare-route
bin=$(swift build -c release --scratch-path "$BENCH_SCRATCH" --show-bin-path)
makegood="$bin/makegood"

# --- databases -----------------------------------------------------------------------------------------------------
# PostgreSQL: the throwaway cluster of scripts/start-postgres.sh, restarted durable (fsync, synchronous_commit and
# full_page_writes back on; the test cluster turns them off), with room for the 10M-row tables.
pg_admin=""
if wants_db postgres && { wants ingest || wants survey || wants alerts || wants pages; }; then
  say "starting a throwaway PostgreSQL"
  bash scripts/start-postgres.sh "$pg_state" >&2
  pg_url=$(sed -n 's/^MAKEGOOD_TEST_POSTGRES_URL=//p' "$pg_state")
  pg_dir=$(sed -n 's/^PGDATA_DIR=//p' "$pg_state")
  pg_bin=$(sed -n 's/^PG_BIN=//p' "$pg_state")
  pg_port=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).port)' "$pg_url")
  as_postgres() { (cd / && if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi); }
  as_postgres "$pg_bin/pg_ctl" --pgdata="$pg_dir/data" --log="$pg_dir/server.log" --mode=fast --wait --timeout=60 restart -o "\
    -c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c max_connections=300 \
    -c fsync=on -c synchronous_commit=on -c full_page_writes=on \
    -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=15min" >/dev/null \
    || { cat "$pg_dir/server.log" >&2; fail "could not restart PostgreSQL durable"; }
  pg_admin="postgres://postgres@127.0.0.1:$pg_port/postgres"
  [ "$(psql -X -qtA "$pg_admin" -c 'SHOW fsync')" = on ] || fail "PostgreSQL did not come back with fsync on"
fi

# new_db KIND NAME: prints a MAKEGOOD_DATABASE URL for a new, empty database.
new_db() {
  case "$1" in
    sqlite) rm -f "$work/$2.sqlite"*; echo "sqlite://$work/$2.sqlite" ;;
    postgres)
      PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$pg_admin" \
        -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" >&2
      echo "postgres://postgres@127.0.0.1:$pg_port/$2" ;;
  esac
}
# query URL SQL: prints the result rows, columns separated by |.
query() {
  case "$1" in
    sqlite://*) python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1], isolation_level=None).execute(sys.argv[2]): print(*row, sep="|")' "${1#sqlite://}" "$2" ;;
    *) psql -X -qtA -v ON_ERROR_STOP=1 "$1" -c "$2" ;;
  esac
}
# load URL: runs the SQL on stdin.
load() {
  case "$1" in
    sqlite://*) python3 Benchmarks/runsql.py "${1#sqlite://}" ;;
    *) psql -X -q -v ON_ERROR_STOP=1 "$1" >/dev/null ;;
  esac
}
kind_of() { case "$1" in sqlite://*) echo sqlite ;; *) echo postgres ;; esac; }
label() { case "$1" in sqlite) echo SQLite ;; postgres) echo PostgreSQL ;; esac; }

# create_instance URL: `makegood instance create --cpc bench` (UTC) plus groups G01–G20 and segments S1–S3 in SQL;
# prints the credentials JSON.
create_instance() {
  local credentials id
  credentials=$(MAKEGOOD_DATABASE="$1" MAKEGOOD_LOG_LEVEL=warning "$makegood" instance create --cpc bench --name "Bench" --timezone UTC)
  id=$(query "$1" "SELECT id FROM instances WHERE cpc = 'bench'")
  python3 Benchmarks/gensql.py org --kind "$(kind_of "$1")" --instance "$id" | load "$1"
  echo "$credentials"
}

# start NAME COMMAND…: starts a server in the background, remembers its pid in $server, waits for GET /health.
start() {
  local name=$1 port=$2
  shift 2
  "$@" >"$work/$name.log" 2>&1 &
  server=$!
  pids+=("$server")
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null; then return 0; fi
    kill -0 "$server" 2>/dev/null || { cat "$work/$name.log" >&2; fail "$name exited before answering"; }
    sleep 0.1
  done
  cat "$work/$name.log" >&2
  fail "$name did not answer on port $port within 60 s"
}
stop() {
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
serve() { # NAME URL PORT: makegood serve, without the scheduler and outbox worker, so only requests use the CPU
  start "$1" "$3" env MAKEGOOD_DATABASE="$2" MAKEGOOD_OUTBOX="$work/outbox-$1" "$makegood" serve --port "$3" --no-scheduler
}
hwm_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# --- 1 and 5: HTTP ingest, peak memory -----------------------------------------------------------------------------
# wrk_run PORT RUN TOKEN DURATION: prints "REQ_PER_S REQUESTS CREATED OTHER".
wrk_run() {
  local out
  out=$(BENCH_RUN=$2 BENCH_TOKEN=$3 wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$4"s --timeout 10s \
    -s Benchmarks/ingest.lua "http://127.0.0.1:$1" 2>&1) || { echo "$out" >&2; fail "wrk failed"; }
  echo "$out" >>"$work/wrk.log"
  local rps line
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  line=$(grep '^BENCH ' <<<"$out") || { echo "$out" >&2; fail "wrk printed no BENCH line"; }
  echo "$rps $(sed -E 's/.*requests=([0-9]+) created=([0-9]+) other=([0-9]+).*/\1 \2 \3/' <<<"$line")"
}

if wants ingest; then
  for kind in $BENCH_DATABASES; do
    # The baseline right before each measurement, so both see the same machine.
    say "HTTP ingest: the bare Hummingbird route (baseline for $(label "$kind"))"
    port=$(free_port)
    start bare "$port" "$bin/bench-bare-route" --port "$port"
    wrk_run "$port" warm none 3 >/dev/null
    measured=$(wrk_run "$port" run none "$BENCH_DURATION")
    read -r bare_rps bare_requests bare_created bare_other <<<"$measured"
    bare_hwm=$(hwm_mb "$server")
    stop
    [ "$bare_created" -gt 0 ] && [ "$bare_other" -eq 0 ] || fail "the bare route answered $bare_other requests with other than 201"
    echo "bare route: $bare_rps req/s ($bare_requests requests), VmHWM $bare_hwm MB" >&2

    say "HTTP ingest: makegood on $(label "$kind")"
    url=$(new_db "$kind" bench_ingest)
    token=$(json "$(create_instance "$url")" apiToken)
    port=$(free_port)
    serve "ingest-$kind" "$url" "$port"
    wrk_run "$port" warm "$token" 3 >/dev/null
    measured=$(wrk_run "$port" run "$token" "$BENCH_DURATION")
    read -r rps requests created other <<<"$measured"
    hwm=$(hwm_mb "$server")
    stop
    # Durable before the 201: every 201 has its row; at most the requests still in flight when wrk stopped have a
    # row without wrk having counted the answer.
    stored=$(query "$url" "SELECT COUNT(*) FROM survey_responses WHERE ticket_id LIKE 'run-%' AND status = 'valid'")
    echo "makegood on $kind: $rps req/s, $requests requests, $created answered 201, $other otherwise, $stored rows stored, VmHWM $hwm MB" >&2
    [ "$other" -eq 0 ] || fail "$other ingest requests were not answered 201 (see $work/wrk.log)"
    [ "$stored" -ge "$created" ] || fail "only $stored rows stored for $created answers 201"
    [ "$stored" -le $((requests + BENCH_CONNECTIONS)) ] || fail "$stored rows stored for $requests requests"
    table add "$results" --figure "HTTP ingest, $(label "$kind")" --measured "$rps" --baseline "$bare_rps" \
      --baseline-name "bare route" --unit req/s --rule ratio-at-least --target 0.5 --note "$stored rows stored"
    table add "$results" --figure "peak memory under ingest, $(label "$kind")" --measured "$hwm" --baseline "$bare_hwm" \
      --baseline-name "bare route" --unit MB --rule below --target 150 --note "VmHWM"
    if [ "$kind" = sqlite ]; then
      # What a 201 on disk costs: the same load with synchronous = NORMAL (a power loss may drop the last commits).
      say "HTTP ingest: makegood on $(label "$kind") with synchronous = NORMAL"
      url=$(new_db "$kind" bench_ingest_normal)
      token=$(json "$(create_instance "$url")" apiToken)
      port=$(free_port)
      start "ingest-normal" "$port" env MAKEGOOD_DATABASE="$url" MAKEGOOD_OUTBOX="$work/outbox-ingest-normal" \
        MAKEGOOD_SQLITE_SYNCHRONOUS=normal "$makegood" serve --port "$port" --no-scheduler
      wrk_run "$port" warm "$token" 3 >/dev/null
      read -r normal_rps _ _ normal_other <<<"$(wrk_run "$port" run "$token" "$BENCH_DURATION")"
      stop
      [ "$normal_other" -eq 0 ] || fail "$normal_other ingest requests were not answered 201 with synchronous = NORMAL"
      echo "makegood on $kind with synchronous = NORMAL: $normal_rps req/s" >&2
      table add "$results" --figure "HTTP ingest, SQLite, on disk (FULL) against NORMAL" --measured "$rps" \
        --baseline "$normal_rps" --baseline-name "synchronous = NORMAL" --unit req/s --rule ratio-at-least --target 0.8
      table add "$results" --figure "HTTP ingest, SQLite, on disk (FULL)" --measured "$rps" --unit req/s \
        --rule at-least --target 10000
    fi
  done
fi

# --- 6: a survey click under the ingest load -------------------------------------------------------------------------
if wants survey; then
  for kind in $BENCH_DATABASES; do
    say "survey clicks under the ingest load ($(label "$kind"))"
    url=$(new_db "$kind" bench_survey)
    token=$(json "$(create_instance "$url")" apiToken)
    port=$(free_port)
    serve "survey-$kind" "$url" "$port"
    python3 Benchmarks/survey.py invite --base "http://127.0.0.1:$port" --token "$token" --count "$BENCH_SURVEY_CLICKS" "$work/survey-urls"
    wrk_run "$port" warm "$token" 3 >/dev/null
    # The clicks start once wrk's load has; wrk runs on until they are done.
    BENCH_RUN=load BENCH_TOKEN=$token wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d300s --timeout 10s \
      -s Benchmarks/ingest.lua "http://127.0.0.1:$port" >"$work/survey-wrk.log" 2>&1 &
    load=$!
    pids+=("$load")
    sleep 2
    latencies=$(python3 Benchmarks/survey.py click --base "http://127.0.0.1:$port" "$work/survey-urls")
    kill -INT "$load" 2>/dev/null || true
    wait "$load" 2>/dev/null || true
    grep -q '^BENCH ' "$work/survey-wrk.log" || { cat "$work/survey-wrk.log" >&2; fail "wrk's load did not run to the end"; }
    stop
    stored=$(query "$url" "SELECT COUNT(*) FROM survey_responses WHERE ticket_id LIKE 'survey-%' AND superseded_by IS NULL")
    [ "$stored" -eq "$BENCH_SURVEY_CLICKS" ] || fail "only $stored of $BENCH_SURVEY_CLICKS survey clicks stored"
    get() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]][sys.argv[3]])' "$latencies" "$1" "$2"; }
    echo "survey clicks on $kind: p50 $(get click p50) / p95 $(get click p95) ms; /health p95 $(get health p95) ms" >&2
    table add "$results" --figure "survey click to stored under the ingest load, $(label "$kind")" --measured "$(get click p95)" \
      --p50 "$(get click p50)" --baseline "$(get health p95)" --baseline-name "GET /health p95, same load" --unit ms \
      --rule below --target 50 --note "$stored clicks stored"
  done
fi

now_ms=$(( $(date +%s) * 1000 ))

# --- 2: bulk import ------------------------------------------------------------------------------------------------
if wants import; then
  say "bulk import of $BENCH_IMPORT_ROWS responses (SQLite)"
  csv="$work/import.csv"
  python3 Benchmarks/importcsv.py generate --rows "$BENCH_IMPORT_ROWS" --now-ms "$now_ms" "$csv"
  url=$(new_db sqlite import)
  create_instance "$url" >/dev/null
  t0=$(clock)
  MAKEGOOD_DATABASE="$url" "$makegood" import responses --cpc bench "$csv" 2>"$work/import.log" \
    || { cat "$work/import.log" >&2; fail "makegood import responses failed"; }
  import_s=$(since "$t0")
  tail -n 1 "$work/import.log" >&2
  imported=$(query "$url" "SELECT COUNT(*) FROM survey_responses WHERE status = 'valid'")
  [ "$imported" -eq "$BENCH_IMPORT_ROWS" ] || fail "imported $imported valid rows of $BENCH_IMPORT_ROWS"

  base_url=$(new_db sqlite import-baseline)
  MAKEGOOD_DATABASE="$base_url" MAKEGOOD_LOG_LEVEL=warning "$makegood" migrate >/dev/null
  query "$base_url" "INSERT INTO instances (id, cpc, name, threshold, alert_time, timezone, weekend_alerts, target_hours, created_at)
    VALUES ('b0000000-0000-4000-8000-00000000beef', 'raw', 'Raw', 6, '09:00', 'UTC', 1, 24, 0)"
  t0=$(clock)
  python3 Benchmarks/importcsv.py baseline --instance b0000000-0000-4000-8000-00000000beef "$csv" "${base_url#sqlite://}"
  raw_s=$(since "$t0")
  echo "import: makegood $import_s s, raw insert loop $raw_s s" >&2
  table add "$results" --figure "bulk import, $BENCH_IMPORT_ROWS rows, SQLite" --measured "$import_s" --baseline "$raw_s" \
    --baseline-name "Python sqlite3 executemany, same table" --unit s --rule below --target 10
  rm -f "$csv"
fi

# --- 3: the daily run ----------------------------------------------------------------------------------------------
if wants alerts; then
  # The latest 09:00 UTC at least an hour ago: the run every instance is due.
  at=$(python3 -c '
import datetime
now = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=1)
at = now.replace(hour=9, minute=0, second=0, microsecond=0)
if at > now: at -= datetime.timedelta(days=1)
print(int(at.timestamp()) * 1000, at.strftime("%Y-%m-%dT%H:%M:%SZ"))')
  read -r at_ms at_text <<<"$at"
  expected=$((BENCH_ALERT_INSTANCES * BENCH_ALERT_GROUPS))
  for kind in $BENCH_DATABASES; do
    say "daily run: $BENCH_ALERT_INSTANCES instances × $BENCH_ALERT_GROUPS groups × $BENCH_ALERT_UNHAPPY responses ($(label "$kind"))"
    url=$(new_db "$kind" bench_alerts)
    MAKEGOOD_DATABASE="$url" MAKEGOOD_LOG_LEVEL=warning "$makegood" migrate >/dev/null
    python3 Benchmarks/gensql.py alerts --kind "$kind" --instances "$BENCH_ALERT_INSTANCES" --groups "$BENCH_ALERT_GROUPS" \
      --unhappy "$BENCH_ALERT_UNHAPPY" --at-ms "$at_ms" | load "$url"
    if [ "$kind" = postgres ]; then query "$url" "VACUUM ANALYZE" >/dev/null; fi
    outbox="$work/outbox-alerts-$kind"
    rm -rf "$outbox"
    t0=$(clock)
    summary=$(MAKEGOOD_DATABASE="$url" MAKEGOOD_OUTBOX="$outbox" "$makegood" alerts run --at "$at_text" 2>"$work/alerts-$kind.log") \
      || { tail -n 20 "$work/alerts-$kind.log" >&2; fail "makegood alerts run failed"; }
    run_s=$(since "$t0")
    echo "$summary" >"$work/alerts-$kind.json"
    counts=$(python3 -c '
import json, sys
s = json.load(open(sys.argv[1])); r = s["runs"]
print(len(r), sum(x["responses"] for x in r), sum(x["emails"] for x in r), sum(x["sms"] for x in r), s["delivered"])' "$work/alerts-$kind.json")
    read -r runs responses emails sms delivered <<<"$counts"
    files=$(find "$outbox" -type f | wc -l)
    bytes=$(du -sm "$outbox" | cut -f1)
    echo "daily run on $kind: $run_s s; $runs runs, $responses responses, $emails emails, $sms SMS, $delivered delivered, $files files ($bytes MB)" >&2
    [ "$emails" -eq "$expected" ] && [ "$sms" -eq "$expected" ] && [ "$delivered" -eq $((2 * expected)) ] \
      || fail "expected $expected emails and $expected SMS delivered"
    # Baseline: the floor of putting those messages in the folder: the same files, bytes copied by a plain loop.
    t0=$(clock)
    python3 -c '
import os, sys
src, dst = sys.argv[1], sys.argv[2]
for folder, _, names in os.walk(src):
    target = os.path.join(dst, os.path.relpath(folder, src)); os.makedirs(target, exist_ok=True)
    for name in names:
        with open(os.path.join(folder, name), "rb") as f: data = f.read()
        with open(os.path.join(target, name), "wb") as f: f.write(data)' "$outbox" "$outbox-copy"
    copy_s=$(since "$t0")
    # Kept until the end: ext4 is slow to create files for a while after many were deleted (its inode allocator
    # skips recently freed inodes), which would slow the next run's outbox — and the baseline's — by seconds.
    table add "$results" --figure "daily run, $BENCH_ALERT_INSTANCES×$BENCH_ALERT_GROUPS×$BENCH_ALERT_UNHAPPY, $(label "$kind")" \
      --measured "$run_s" --baseline "$copy_s" --baseline-name "copying its $files files" --unit s --rule below --target 60 \
      --note "$((2 * expected)) messages"
  done
fi

# --- 4: page latency at BENCH_ROWS responses -----------------------------------------------------------------------
if wants pages; then
  from=$(date -u -d '29 days ago' +%F)
  to=$(date -u +%F)
  per_instance=$((BENCH_ROWS / BENCH_PAGE_INSTANCES))
  for kind in $BENCH_DATABASES; do
    say "pages at $BENCH_ROWS responses ($(label "$kind")): generating"
    url=$(new_db "$kind" bench_pages)
    credentials=$(create_instance "$url")
    id=$(query "$url" "SELECT id FROM instances WHERE cpc = 'bench'")
    tenants=(--instance "$id")
    for n in $(seq 1 $((BENCH_PAGE_INSTANCES - 1))); do tenants+=(--instance "$(printf 'b0000000-0000-4000-8000-0000000f%04x' "$n")"); done
    t0=$(clock)
    python3 Benchmarks/gensql.py responses --kind "$kind" "${tenants[@]}" --rows "$BENCH_ROWS" --days "$BENCH_DAYS" \
      --now-ms "$now_ms" | load "$url"
    # A server that has run a while has been vacuumed and analysed by autovacuum; SQLite gets no ANALYZE from
    # Makegood, so none is run here either.
    if [ "$kind" = postgres ]; then query "$url" "VACUUM ANALYZE" >/dev/null; fi
    echo "generated $BENCH_ROWS responses in $(since "$t0") s" >&2
    if [ "$kind" = postgres ]; then
      size=$(query "$url" "SELECT pg_size_pretty(pg_total_relation_size('survey_responses')) || ' responses with their indexes, '
        || pg_size_pretty(pg_total_relation_size('notes')) || ' notes, ' || pg_size_pretty(pg_database_size(current_database())) || ' in all'")
    else
      size="$(du -m "$work/bench_pages.sqlite" | cut -f1) MB in the SQLite file"
    fi
    echo "size: $size" >&2
    in_window=$(query "$url" "SELECT COUNT(*) FROM survey_responses WHERE instance_id = '$id' AND received_at >= $((now_ms - 30 * 86400000))")
    port=$(free_port)
    serve "pages-$kind" "$url" "$port"
    latencies=$(python3 Benchmarks/pages.py --base "http://127.0.0.1:$port" --cpc bench \
      --email "$(json "$credentials" adminEmail)" --password "$(json "$credentials" adminPassword)" \
      --requests "$BENCH_PAGE_REQUESTS" --from "$from" --to "$to")
    stop
    get() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]][sys.argv[3]])' "$latencies" "$1" "$2"; }
    health_p95=$(get health p95)
    open_cases=$(query "$url" "SELECT COUNT(*) FROM recovery_cases WHERE instance_id = '$id' AND state <> 'closed'")
    for page in "SRES" "SRES srn=r" "SRP" "My queue" "My queue rgid=G01"; do
      table add "$results" --figure "$page page, $(label "$kind")" --measured "$(get "$page" p95)" --p50 "$(get "$page" p50)" \
        --baseline "$health_p95" --baseline-name "GET /health p95" --unit ms --rule below --target 100 \
        --note "$BENCH_ROWS rows; the instance's $per_instance, $in_window in 30 days, $open_cases cases not closed"
    done
    if [ -z "$BENCH_KEEP" ]; then
      if [ "$kind" = postgres ]; then psql -X -q "$pg_admin" -c "DROP DATABASE bench_pages" >/dev/null; fi
      rm -f "$work/bench_pages.sqlite"*
    fi
  done
fi

# --- the table -----------------------------------------------------------------------------------------------------
elapsed=$(( $(date +%s) - started_at ))
machine="$(nproc) cores, $(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r), $(swift --version 2>/dev/null | head -n 1)"
# The load average before the run tells whether something else was using the cores (the figures assume not).
heading="$machine — $(date -u +%FT%TZ), $elapsed s in all; load average $load_at_start before it started"
echo
echo "make bench — $heading"
echo
table print "$results"
if [ -n "${BENCH_TABLE:-}" ]; then
  { echo "$heading"; echo; table print "$results" --markdown; } >"$BENCH_TABLE"
fi
