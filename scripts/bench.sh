#!/usr/bin/env bash
# Load benchmarks of the case lifecycle on PostgreSQL 15 (issue 4, item 16). NOT part of scripts/test.sh.
#
#   bash scripts/bench.sh [transitions|sweep|pdf|board|hall|all]    (default: all; about 27 minutes on 2 cores, 20 of them the hall day)
#
# 1. installs PostgreSQL 15 when it is missing (Debian package, via apt-get; see scripts/lib.sh);
# 2. starts a throwaway PostgreSQL 15 cluster on 127.0.0.1 (temp dir, free port from 55632 up), stopped and deleted on
#    exit. Unlike the test cluster, DURABILITY IS ON: fsync=on, synchronous_commit=on, full_page_writes=on, so every
#    commit waits for its WAL flush, as in production. shared_buffers=1GB, max_wal_size=4GB (a bulk load does not force
#    checkpoints); everything else is PostgreSQL's default;
# 3. builds bench/OneSeal.LoadBench (Release) and runs it against databases of its own; it hosts the app in-process
#    (builder.AddOneSeal(), migrations + demo seed) and calls CaseCommands / DeadlineSweep like a request would.
#
# transitions: pgbench (scale 10, a single-row UPDATE, 4 clients, 2 threads, 30 s) and then OneSeal's accept transition
#              (4 concurrent workers on distinct pre-created submitted cases, 30 s; then review, decide and deliver on the
#              cases the step before finished, 15 s each; then accept over HTTP with wrk, 15 s) in the same cluster, one
#              after the other; prints each rate and its ratio to pgbench. For context also pgbench's UPDATE inside one
#              global advisory lock (15 s), the database-level ceiling of the audit chain's serialisation, and pgbench
#              once more after OneSeal (15 s) to show how much the machine's load drifted meanwhile.
# sweep:       generates 1,000,000 open cases in SQL, then times DeadlineSweep.RunOnceAsync twice and prints the plans.
# pdf:         PDFs per second through one Chromium process per document (the renderer before issue 9, kept in the
#              benchmark only) and through the app's long-lived browser, 2 callers, 20 s each; then the first renders of the
#              guides and blank forms of 8 demo items, 2 visitors at once, with each renderer (p50/p95 per request).
# board:       the queue under load: 203 tickets taken over HTTP (tickets/s), 50 SSE streams open on
#              /api/v1/queue/board/stream, 200 real call-next + finish at A01 one after another; p50/p99 of call-next and
#              of the time from a call to each stream receiving it.
# hall:        a hall's day pressed into BENCH_HALL_SECONDS (1200, 25 visitors a second): 30,000 visitors take tickets over HTTP at an even rate
#              over 5 demo themes, 100 windows (a clerk of their own each, signed in through the API) call-next, serve and
#              finish, 50 board streams listen; tickets/s, calls/s, p99 of taking a ticket and of call-next, the wait in the
#              queue, and the time from each call to each of the 50 streams (p99 ≤ 1 s is the target).
#
# Settings (environment): BENCH_SECONDS (30), BENCH_WORKERS (4), BENCH_STEP_SECONDS (15), BENCH_HTTP_SECONDS (= step), BENCH_PREPARED_CASES (60000),
# BENCH_SWEEP_CASES (1000000), BENCH_BOARD_STREAMS (50), BENCH_BOARD_CALLS (200),
# BENCH_HALL_VISITORS (30000), BENCH_HALL_WINDOWS (100), BENCH_HALL_SECONDS (1200), BENCH_PDF_SECONDS (20), BENCH_PDF_WORKERS (2), BENCH_PDF_ITEMS (8), ONESEAL_CHROMIUM
# (/usr/bin/chromium), ONESEAL_BENCH_PG_PORT (55632). The full output also goes to TestResults/bench/<mode>.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ONESEAL_SCRIPT=bench.sh
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

mode=${1:-all}
case $mode in transitions|sweep|pdf|board|hall|all) ;; *) echo "usage: bash scripts/bench.sh [transitions|sweep|pdf|board|hall|all]" >&2; exit 2 ;; esac
SECONDS_PER_RUN=${BENCH_SECONDS:-30}
WORKERS=${BENCH_WORKERS:-4}
# review, decide and deliver each run this long (BENCH_REVIEW_SECONDS is the old name), and so does accept over HTTP.
REVIEW_SECONDS=${BENCH_STEP_SECONDS:-${BENCH_REVIEW_SECONDS:-15}}
HTTP_SECONDS=${BENCH_HTTP_SECONDS:-$REVIEW_SECONDS}
PREPARED_CASES=${BENCH_PREPARED_CASES:-60000}
SWEEP_CASES=${BENCH_SWEEP_CASES:-1000000}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || { say "the .NET 10 SDK (dotnet) is not installed"; exit 1; }
ensure_packages "PostgreSQL 15 and pgbench for the benchmarks" postgresql || exit 1
if [ "$mode" = pdf ] || [ "$mode" = all ]; then
  ensure_packages "Chromium and CJK fonts for the PDF benchmark" chromium fonts-noto-cjk || exit 1
fi
[ -x "$PG_BIN/pgbench" ] || { say "pgbench missing ($PG_BIN/pgbench)"; exit 1; }
if [ "$mode" != sweep ] && [ "$mode" != board ] && [ "$mode" != hall ]; then ensure_packages "wrk drives accept over HTTP in the transitions benchmark" wrk || exit 1; fi

LOG_DIR="$ROOT/TestResults/bench"
mkdir -p "$LOG_DIR"
LOG="$LOG_DIR/$mode.log"
exec > >(tee "$LOG") 2>&1

started=$(date +%s)
say "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "$(dotnet --version | sed 's/^/.NET SDK /'); $("$PG_BIN/postgres" --version)"

# --- throwaway PostgreSQL, durable ---------------------------------------------------------------------------
PG_DIR=$(mktemp -d /tmp/oneseal-bench-pg.XXXXXX)
# One data root (keys for the encrypted form fields, files) for every run of the benchmark on these databases.
export ONESEAL_BENCH_DATA="$PG_DIR/app-data"
PG_PASSWORD="b$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
cleanup() {
  pg_cluster_stop "$PG_DIR" immediate
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

PG_EXTRA_OPTS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c shared_buffers=1GB -c max_wal_size=4GB -c max_connections=100"
pg_cluster_start "$PG_DIR" "${ONESEAL_BENCH_PG_PORT:-55632}" "$PG_PASSWORD" || { say "could not start PostgreSQL"; exit 1; }
say "PostgreSQL 15 on 127.0.0.1:$PG_PORT (data in $PG_DIR, removed on exit): fsync=on synchronous_commit=on full_page_writes=on shared_buffers=1GB"

export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGPASSWORD=$PG_PASSWORD
psql_q() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
# The app's own connection settings (Npgsql defaults: pool of 100, 30 s command timeout); the generator sets its own timeouts.
conn() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=$1"; }

# --- build ---------------------------------------------------------------------------------------------------------
say "building bench/OneSeal.LoadBench (Release)"
dotnet build bench/OneSeal.LoadBench/OneSeal.LoadBench.csproj -c Release --disable-build-servers -nologo -v quiet >"$LOG_DIR/build.log" 2>&1 \
  || { cat "$LOG_DIR/build.log"; say "build failed"; exit 1; }
BENCH_DLL="$ROOT/bench/OneSeal.LoadBench/bin/Release/net10.0/OneSeal.LoadBench.dll"
loadbench() { dotnet "$BENCH_DLL" "$@"; }

# --- transitions beside pgbench ------------------------------------------------------------------------------------
run_transitions() {
  say "== transitions: pgbench single-row UPDATE vs OneSeal accept, same cluster, same run =="
  psql_q -d postgres -c "CREATE DATABASE oneseal_transitions" -c "CREATE DATABASE pgbench"
  say "app database: migrations + demo seed (in-process), $PREPARED_CASES submitted cases"
  loadbench prepare-transitions --connection "$(conn oneseal_transitions)" --cases "$PREPARED_CASES"

  say "pgbench -i -s 10 (1,000,000 rows in pgbench_accounts)"
  "$PG_BIN/pgbench" -i -q -s 10 pgbench 2>&1 | tail -n 1
  local script="$PG_DIR/single-row-update.sql"
  cat >"$script" <<'SQL'
\set aid random(1, 1000000)
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;
SQL
  psql_q -d postgres -c "CHECKPOINT"
  say "pgbench: single-row UPDATE, 4 clients, 2 threads, ${SECONDS_PER_RUN} s"
  local out
  out=$("$PG_BIN/pgbench" -n -c 4 -j 2 -T "$SECONDS_PER_RUN" -f "$script" pgbench 2>&1)
  echo "$out" | grep -E '^(number of transactions actually processed|latency average|tps)' | sed 's/^/    /'
  PGBENCH_TPS=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')
  [ -n "$PGBENCH_TPS" ] || { echo "$out"; say "could not read pgbench's tps"; exit 1; }

  # Context, not part of the ratio: the same UPDATE, but every transaction first takes one database-wide advisory lock
  # that it holds until COMMIT, as OneSeal's audit chain does (UnitOfWork.CommitAsync). The database-level ceiling of
  # any design that serialises all writers across their commit.
  local locked="$PG_DIR/single-row-update-global-lock.sql"
  cat >"$locked" <<'SQL'
\set aid random(1, 1000000)
BEGIN;
SELECT pg_advisory_xact_lock(42);
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;
END;
SQL
  psql_q -d postgres -c "CHECKPOINT"
  say "pgbench (context): the same UPDATE inside one global advisory lock held to COMMIT, 4 clients, 2 threads, ${REVIEW_SECONDS} s"
  out=$("$PG_BIN/pgbench" -n -c 4 -j 2 -T "$REVIEW_SECONDS" -f "$locked" pgbench 2>&1)
  echo "$out" | grep -E '^(number of transactions actually processed|latency average|tps)' | sed 's/^/    /'
  PGBENCH_LOCKED_TPS=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')

  # Context for gapless document numbers (issue 9, section 2: numbers are taken inside the command's transaction, so
  # the counter row of a notice kind and year stays locked until COMMIT and serialises every transition that issues
  # that kind). A transition's four statements and its COMMIT, with the counter row (pgbench_branches bid 1) taken
  # first ("early", as the commands take numbers today) or in the last statement before COMMIT ("late").
  local early="$PG_DIR/counter-early.sql" late="$PG_DIR/counter-late.sql"
  cat >"$early" <<'SQL'
\set aid random(1, 1000000)
BEGIN;
UPDATE pgbench_branches SET bbalance = bbalance + 1 WHERE bid = 1;
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;
END;
SQL
  cat >"$late" <<'SQL'
\set aid random(1, 1000000)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;
UPDATE pgbench_branches SET bbalance = bbalance + 1 WHERE bid = 1;
END;
SQL
  local which
  for which in early late; do
    psql_q -d postgres -c "CHECKPOINT"
    say "pgbench (context): 4 statements + COMMIT with one counter row locked from the $which statement to COMMIT, 4 clients, 2 threads, ${REVIEW_SECONDS} s"
    out=$("$PG_BIN/pgbench" -n -c 4 -j 2 -T "$REVIEW_SECONDS" -f "$PG_DIR/counter-$which.sql" pgbench 2>&1)
    echo "$out" | grep -E '^(number of transactions actually processed|latency average|tps)' | sed 's/^/    /'
    printf -v "PGBENCH_COUNTER_${which^^}_TPS" '%s' "$(echo "$out" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')"
  done

  say "OneSeal: accept through CaseCommands, $WORKERS workers, ${SECONDS_PER_RUN} s; then review, decide, deliver (${REVIEW_SECONDS} s each); then accept over HTTP with wrk (${HTTP_SECONDS} s)"
  local tout
  tout=$(loadbench transitions --connection "$(conn oneseal_transitions)" --seconds "$SECONDS_PER_RUN" --workers "$WORKERS" \
    --step-seconds "$REVIEW_SECONDS" --http-seconds "$HTTP_SECONDS" | tee /dev/stderr)
  result() { sed -n "s/^RESULT $1=\([0-9.]*\)$/\1/p" <<<"$tout"; }
  ACCEPT_PER_SECOND=$(result accept_per_second)
  REVIEW_PER_SECOND=$(result review_per_second)
  DECIDE_PER_SECOND=$(result decide_per_second)
  DELIVER_PER_SECOND=$(result deliver_per_second)
  HTTP_ACCEPT_PER_SECOND=$(result http_accept_per_second)
  HTTP_ACCEPT_P99=$(result http_accept_p99_ms)
  local r
  for r in ACCEPT REVIEW DECIDE DELIVER HTTP_ACCEPT; do
    v="${r}_PER_SECOND"; [ -n "${!v}" ] || { say "could not read the ${r,,} rate"; exit 1; }
  done

  # Drift check: on a shared machine the load can change between the two measurements; pgbench once more, shorter.
  psql_q -d postgres -c "CHECKPOINT"
  say "pgbench again (drift check): single-row UPDATE, 4 clients, 2 threads, ${REVIEW_SECONDS} s"
  out=$("$PG_BIN/pgbench" -n -c 4 -j 2 -T "$REVIEW_SECONDS" -f "$script" pgbench 2>&1)
  echo "$out" | grep -E '^(number of transactions actually processed|latency average|tps)' | sed 's/^/    /'
  PGBENCH_AFTER_TPS=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p')
}

run_sweep() {
  say "== deadline sweep over $SWEEP_CASES generated open cases =="
  psql_q -d postgres -c "CREATE DATABASE oneseal_sweep"
  local sout
  sout=$(loadbench sweep --connection "$(conn oneseal_sweep)" --cases "$SWEEP_CASES" | tee /dev/stderr)
  SWEEP_RESULT=$(echo "$sout" | sed -n 's/^RESULT //p')
  [ -n "$SWEEP_RESULT" ] || { say "could not read the sweep result"; exit 1; }
}

run_pdf() {
  say "== PDF rendering: one Chromium process per document (before) vs one long-lived browser (after), same run =="
  psql_q -d postgres -c "CREATE DATABASE oneseal_pdf"
  local pout
  pout=$(loadbench pdf --connection "$(conn oneseal_pdf)" --seconds "${BENCH_PDF_SECONDS:-20}" --workers "${BENCH_PDF_WORKERS:-2}" \
    --items "${BENCH_PDF_ITEMS:-8}" | tee /dev/stderr)
  PDF_RESULT=$(echo "$pout" | sed -n 's/^RESULT //p')
  [ -n "$PDF_RESULT" ] || { say "could not read the PDF result"; exit 1; }
}

run_board() {
  say "== the hall board's fan-out: ${BENCH_BOARD_STREAMS:-50} SSE streams, ${BENCH_BOARD_CALLS:-200} calls =="
  psql_q -d postgres -c "CREATE DATABASE oneseal_board"
  local bout
  bout=$(loadbench board --connection "$(conn oneseal_board)" --streams "${BENCH_BOARD_STREAMS:-50}" --calls "${BENCH_BOARD_CALLS:-200}" \
    | tee /dev/stderr)
  BOARD_RESULT=$(echo "$bout" | sed -n 's/^RESULT //p')
  [ -n "$BOARD_RESULT" ] || { say "could not read the board result"; exit 1; }
}

run_hall() {
  say "== a hall's day: ${BENCH_HALL_VISITORS:-30000} visitors in ${BENCH_HALL_SECONDS:-1200} s at ${BENCH_HALL_WINDOWS:-100} windows, ${BENCH_BOARD_STREAMS:-50} board streams =="
  psql_q -d postgres -c "CREATE DATABASE oneseal_hall"
  local hout
  hout=$(loadbench hall-day --connection "$(conn oneseal_hall)" --visitors "${BENCH_HALL_VISITORS:-30000}" --windows "${BENCH_HALL_WINDOWS:-100}" \
    --streams "${BENCH_BOARD_STREAMS:-50}" --seconds "${BENCH_HALL_SECONDS:-1200}" | tee /dev/stderr)
  HALL_RESULT=$(echo "$hout" | sed -n 's/^RESULT //p')
  [ -n "$HALL_RESULT" ] || { say "could not read the hall day's result"; exit 1; }
}

case $mode in
  transitions) run_transitions ;;
  sweep) run_sweep ;;
  pdf) run_pdf ;;
  board) run_board ;;
  hall) run_hall ;;
  all) run_transitions; run_sweep; run_pdf; run_board; run_hall ;;
esac

# --- summary -------------------------------------------------------------------------------------------------------
echo
say "summary ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg))"
if [ -n "${PGBENCH_TPS:-}" ]; then
  printf 'pgbench single-row update: %.0f tps\n' "$PGBENCH_TPS"
  # Each transition's rate and its ratio to pgbench's tps of the same run.
  per_second() { awk -v a="$2" -v p="$PGBENCH_TPS" -v n="$1" 'BEGIN { printf "OneSeal %s: %.0f per second, ratio %.3f\n", n, a, a / p }'; }
  per_second "accept transition" "$ACCEPT_PER_SECOND"
  awk -v a="$ACCEPT_PER_SECOND" -v p="$PGBENCH_TPS" 'BEGIN { printf "ratio: %.3f\n", a / p }'
  per_second "review transition" "$REVIEW_PER_SECOND"
  per_second "decide transition (approve, PDF after commit)" "$DECIDE_PER_SECOND"
  per_second "deliver transition" "$DELIVER_PER_SECOND"
  per_second "accept over HTTP (wrk)" "$HTTP_ACCEPT_PER_SECOND"
  printf 'OneSeal accept over HTTP (wrk): p99 %s ms\n' "$HTTP_ACCEPT_P99"
  [ -n "${PGBENCH_AFTER_TPS:-}" ] && printf 'pgbench single-row update, again after OneSeal (drift check): %.0f tps\n' "$PGBENCH_AFTER_TPS"
  [ -n "${PGBENCH_LOCKED_TPS:-}" ] && printf 'pgbench single-row update inside one global advisory lock (context): %.0f tps\n' "$PGBENCH_LOCKED_TPS"
  [ -n "${PGBENCH_COUNTER_EARLY_TPS:-}" ] && printf 'pgbench 4 statements, counter row locked from the first to COMMIT (context): %.0f tps\n' "$PGBENCH_COUNTER_EARLY_TPS"
  [ -n "${PGBENCH_COUNTER_LATE_TPS:-}" ] && printf 'pgbench 4 statements, counter row locked from the last to COMMIT (context): %.0f tps\n' "$PGBENCH_COUNTER_LATE_TPS"
fi
if [ -n "${SWEEP_RESULT:-}" ]; then
  field() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$SWEEP_RESULT"; }
  printf 'deadline sweep over %s open cases, run 1: %s cases changed in %s s\n' "$SWEEP_CASES" "$(field sweep1_rows)" "$(field sweep1_seconds)"
  printf 'deadline sweep over %s open cases, run 2: %s cases changed in %s s\n' "$SWEEP_CASES" "$(field sweep2_rows)" "$(field sweep2_seconds)"
fi
if [ -n "${PDF_RESULT:-}" ]; then
  pfield() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$PDF_RESULT"; }
  printf 'PDF rendering, one Chromium process per document (before): %s PDFs per second\n' "$(pfield pdf_before_per_second)"
  printf 'PDF rendering, one long-lived browser (after): %s PDFs per second\n' "$(pfield pdf_after_per_second)"
  awk -v a="$(pfield pdf_after_per_second)" -v b="$(pfield pdf_before_per_second)" 'BEGIN { if (b > 0) printf "PDF speed-up: %.1fx\n", a / b }'
  printf 'guide/blank-form first renders (%s documents), before: p50 %s ms, p95 %s ms\n' "$(pfield first_documents)" "$(pfield first_before_p50_ms)" "$(pfield first_before_p95_ms)"
  printf 'guide/blank-form first renders (%s documents), after: p50 %s ms, p95 %s ms\n' "$(pfield first_documents)" "$(pfield first_after_p50_ms)" "$(pfield first_after_p95_ms)"
fi
if [ -n "${BOARD_RESULT:-}" ]; then
  bfield() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$BOARD_RESULT"; }
  printf 'queue: %s tickets per second taken over HTTP, call-next p99 %s ms\n' "$(bfield tickets_per_s)" "$(bfield call_next_p99_ms)"
  printf 'board fan-out, call to %s streams: p50 %s ms, p99 %s ms, missed %s\n' "$(bfield board_streams)" "$(bfield board_p50_ms)" "$(bfield board_p99_ms)" "$(bfield board_missed)"
fi
if [ -n "${HALL_RESULT:-}" ]; then
  hfield() { sed -n "s/.*\b$1=\([0-9.]*\).*/\1/p" <<<"$HALL_RESULT"; }
  printf 'hall day, %s visitors at %s windows: %s tickets per second (take p99 %s ms), %s calls per second (call-next p99 %s ms), %s finished\n' \
    "$(hfield hall_visitors)" "$(hfield hall_windows)" "$(hfield hall_tickets_per_s)" "$(hfield hall_take_p99_ms)" "$(hfield hall_calls_per_s)" \
    "$(hfield hall_call_next_p99_ms)" "$(hfield hall_finished)"
  printf 'hall day, call to %s streams: p99 %s ms, missed %s\n' "$(hfield hall_streams)" "$(hfield hall_board_p99_ms)" "$(hfield hall_board_missed)"
fi
say "finished in $(( $(date +%s) - started )) s; full output in ${LOG#"$ROOT"/}"
