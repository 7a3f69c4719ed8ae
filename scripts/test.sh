#!/usr/bin/env bash
# THE test command:  bash scripts/test.sh [extra `dotnet test` arguments, e.g. --filter Provider=Sqlite]
#
# 1. installs what the tests need when it is missing (Debian packages, via apt-get):
#    postgresql (15), chromium, fonts-noto-cjk, poppler-utils, rabbitmq-server. The .NET SDK must already be there.
# 2. starts a throwaway PostgreSQL 15 cluster on 127.0.0.1 (temp dir, free port from 55432 up),
#    stopped and deleted on exit, also on failure.
#    Also a throwaway RabbitMQ node (scripts/lib.sh rabbit_start), stopped and deleted on exit.
# 3. exports ONESEAL_TEST_PG (admin connection string; tests create their own databases), ONESEAL_TEST_RABBITMQ (AMQP URI)
#    and ONESEAL_CHROMIUM, then runs `dotnet test OneSeal.slnx -c Release` once (restore + build + test), then the
#    OpenAPI lint (scripts/openapi-lint.sh, Redocly via npm; counted as one test) on the document OpenApiTests wrote, and a
#    tiny smoke run of scripts/bench.sh, of scripts/bench-guide.sh and of bench/OneSeal.Benchmarks (each counted as one
#    test) unless extra arguments narrowed the run.
# 4. prints `N passed, N failed` as the very last line; exits non-zero if the build failed,
#    any test failed, or no test ran.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ONESEAL_SCRIPT=test.sh
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

started=$(date +%s)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || { say "the .NET 10 SDK (dotnet) is not installed"; echo "0 passed, 1 failed"; exit 1; }

# --- 1. system packages -------------------------------------------------------------------------
ensure_packages "PostgreSQL 15 for the tests on the production database; Chromium + CJK fonts for browser tests and PDF rendering; poppler-utils (pdftotext) to read generated PDFs" \
  postgresql chromium fonts-noto-cjk poppler-utils \
  || { echo "0 passed, 1 failed"; exit 1; }
# issue 13 — exchange: the broker tests publish to a real RabbitMQ
ensure_packages "RabbitMQ for the broker tests (events published with publisher confirms)" rabbitmq-server \
  || { echo "0 passed, 1 failed"; exit 1; }

# --- 2. throwaway PostgreSQL 15 -----------------------------------------------------------------
# In /tmp: the postgres user can reach it, and the socket path stays short.
PG_DIR=$(mktemp -d /tmp/oneseal-pg.XXXXXX)
PG_PASSWORD="t$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
RABBIT_DIR=$(mktemp -d /tmp/oneseal-mq.XXXXXX)
cleanup() {
  pg_cluster_stop "$PG_DIR" immediate
  rm -rf "$PG_DIR"
  rabbit_stop "$RABBIT_DIR"
  rm -rf "$RABBIT_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# fsync off etc.: a test cluster need not survive a crash. More connections: one database per test class.
PG_EXTRA_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
pg_cluster_start "$PG_DIR" "${ONESEAL_TEST_PG_PORT:-55432}" "$PG_PASSWORD" || { say "could not start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
say "PostgreSQL 15 on 127.0.0.1:$PG_PORT (data in $PG_DIR, removed on exit)"

export ONESEAL_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=postgres"
export ONESEAL_CHROMIUM=${ONESEAL_CHROMIUM:-/usr/bin/chromium}

# issue 13 — exchange: a throwaway RabbitMQ node (own name, epmd port, data and logs in a temp dir; stopped on exit).
# The broker tests need it and are never skipped here; they also stop and start its app (ONESEAL_TEST_RABBITMQCTL).
mq_started=$(date +%s)
rabbit_start "$RABBIT_DIR" "${ONESEAL_TEST_RABBITMQ_PORT:-55672}" || { say "could not start RabbitMQ"; echo "0 passed, 1 failed"; exit 1; }
say "RabbitMQ on 127.0.0.1:$RABBIT_PORT, up in $(( $(date +%s) - mq_started ))s (data in $RABBIT_DIR, removed on exit)"
export ONESEAL_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$RABBIT_PORT/" ONESEAL_TEST_RABBITMQCTL="$RABBIT_DIR/ctl.sh"

# --- 3. build and test, once ------------------------------------------------------------------------
RESULTS="$ROOT/TestResults/run"
rm -rf "$RESULTS"
# OpenApiTests writes the OpenAPI document here for the lint below; a stale one must not pass for this run's.
rm -f "$ROOT/TestResults/openapi.json"
mkdir -p "$RESULTS"
say "dotnet test OneSeal.slnx -c Release (results: ${RESULTS#"$ROOT"/})"
set +e
# --disable-build-servers: no MSBuild/compiler server is left running to hold this script's output open.
# A hung test is stopped after 15 minutes (well inside CI's limit) and reported as a failure.
dotnet test OneSeal.slnx -c Release --disable-build-servers \
  --results-directory "$RESULTS" \
  --logger "trx;LogFilePrefix=oneseal" \
  --logger "console;verbosity=normal" \
  --blame-hang-timeout 15m --blame-hang-dump-type none \
  "$@"
rc=$?
set -e

# --- 4. count --------------------------------------------------------------------------------------------
passed=0; failed=0; skipped=0; total=0; files=0
counter() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
while IFS= read -r -d '' trx; do
  files=$((files + 1))
  line=$(tr '\n' ' ' <"$trx" | grep -o '<Counters [^>]*>' | head -n 1 || true)
  [ -n "$line" ] || continue
  for k in total passed failed error timeout aborted notExecuted; do
    v=$(counter "$k" "$line"); v=${v:-0}
    case $k in
      total) total=$((total + v)) ;;
      passed) passed=$((passed + v)) ;;
      notExecuted) skipped=$((skipped + v)) ;;
      *) failed=$((failed + v)) ;;
    esac
  done
done < <(find "$RESULTS" -name '*.trx' -print0)

cleanup
trap - EXIT

# The failed tests again, near the end of the log (CI often keeps only the tail): name and the message's first line.
if [ "$failed" -gt 0 ]; then
  say "failed tests:"
  while IFS= read -r -d '' trx; do
    # One line per result; keep the failed ones; print the name and the message's first line.
    tr '\n' ' ' <"$trx" | sed 's/<UnitTestResult /\n<UnitTestResult /g' | grep '^<UnitTestResult [^>]*outcome="Failed"' \
      | sed -e 's/^[^>]* testName="\([^"]*\)"[^>]*>/  - \1 ::/' -e 's/<\/UnitTestResult>.*$//' \
            -e 's/::.*<Message>\([^<]*\)<\/Message>.*$/:: \1/' -e 's/::.*<[^M].*$//' \
      | cut -c1-500 || true
  done < <(find "$RESULTS" -name '*.trx' -print0)
fi

# --- 4b. OpenAPI lint ------------------------------------------------------------------------------------------------
# The document other systems build their clients from: Redocly's recommended rules, no error and no warning
# (scripts/openapi-lint.sh, tools/openapi-lint/), counted as one test. OpenApiTests wrote it; a filter that skipped that
# test skips the lint, a full run without it fails.
if [ -f "$ROOT/TestResults/openapi.json" ] || { [ "$#" -eq 0 ] && [ "$files" -gt 0 ]; }; then
  if bash "$ROOT/scripts/openapi-lint.sh" "$ROOT/TestResults/openapi.json"; then
    passed=$((passed + 1))
  else
    say "OpenAPI lint failed (bash scripts/openapi-lint.sh)"
    failed=$((failed + 1))
  fi
fi

# --- 5. benchmark smoke run ----------------------------------------------------------------------------------------
# A benchmark that no longer runs is a defect: run every benchmark of scripts/bench.sh (transitions, sweep, pdf, board, hall) at a tiny
# size, counted as one test. About a minute; only when a filter did not narrow the run.
if [ "$#" -eq 0 ] && [ "$files" -gt 0 ]; then
  say "benchmark smoke run: bash scripts/bench.sh at a tiny size (log: TestResults/bench/all.log)"
  # Every mode must run and print its summary line (the numbers are not checked: a tiny run on a busy machine).
  bench_summary_ok() {
    local line
    for line in 'OneSeal accept transition: ' 'OneSeal review transition: ' 'OneSeal decide transition' 'OneSeal deliver transition: ' \
        'OneSeal accept over HTTP (wrk): [0-9]' 'OneSeal accept over HTTP (wrk): p99 [0-9]' 'deadline sweep over .* run 2: ' \
        'PDF rendering, one Chromium process per document (before): [0-9]' 'PDF rendering, one long-lived browser (after): [0-9]' \
        'board fan-out, call to [0-9]* streams: p50 [0-9]' 'hall day, call to [0-9]* streams: p99 [0-9]'; do
      grep -q "^$line" "$RESULTS/bench-smoke.log" || { say "benchmark smoke run: no summary line '$line'"; return 1; }
    done
  }
  if BENCH_SECONDS=2 BENCH_STEP_SECONDS=2 BENCH_PREPARED_CASES=2000 BENCH_SWEEP_CASES=5000 BENCH_PDF_SECONDS=2 BENCH_PDF_ITEMS=1 BENCH_BOARD_CALLS=10 \
      BENCH_HALL_VISITORS=200 BENCH_HALL_WINDOWS=10 BENCH_HALL_SECONDS=4 \
      bash "$ROOT/scripts/bench.sh" all >"$RESULTS/bench-smoke.log" 2>&1 && bench_summary_ok; then
    passed=$((passed + 1))
  else
    tail -n 30 "$RESULTS/bench-smoke.log"
    say "benchmark smoke run failed"
    failed=$((failed + 1))
  fi
fi

# --- 5b. smoke runs of the benchmarks outside scripts/bench.sh -----------------------------------------------------
# The guide page under wrk (scripts/bench-guide.sh) and the catalog search under BenchmarkDotNet (bench/OneSeal.Benchmarks),
# each at a tiny size and counted as one test: each must run and print its summary line (numbers not checked). Seconds of
# running each, plus building and starting the app or the benchmark project.
if [ "$#" -eq 0 ] && [ "$files" -gt 0 ]; then
  smoke() { # name, log, summary line (grep -E), command...
    local name=$1 log=$2 line=$3; shift 3
    say "benchmark smoke run: $name (log: ${log#"$ROOT"/})"
    if "$@" >"$log" 2>&1 && grep -Eq "$line" "$log"; then
      passed=$((passed + 1))
    else
      tail -n 30 "$log"
      say "benchmark smoke run failed: $name (no line matching '$line', or it exited non-zero)"
      failed=$((failed + 1))
    fi
  }
  smoke "guide page (scripts/bench-guide.sh)" "$RESULTS/bench-guide-smoke.log" '^guide page /items/.*: [0-9.]+ requests/s' \
    env BENCH_SECONDS=1 BENCH_WARM_SECONDS=1 BENCH_CONNECTIONS=4 bash "$ROOT/scripts/bench-guide.sh"
  bdn_tmp=$(mktemp -d /tmp/oneseal-bdn-smoke.XXXXXX)
  # A fresh 300-item catalog in its own temp folder; BenchmarkDotNet's dry job, in-process; its summary table has a Search row.
  smoke "catalog search (bench/OneSeal.Benchmarks, BenchmarkDotNet)" "$RESULTS/bench-search-smoke.log" '^\| Search +\|' \
    env TMPDIR="$bdn_tmp" BENCH_SMOKE=1 BENCH_CATALOG_SIZE=300 dotnet run -c Release --project "$ROOT/bench/OneSeal.Benchmarks" -- \
      --filter '*' --artifacts "$bdn_tmp/artifacts"
  rm -rf "$bdn_tmp"
fi
elapsed=$(( $(date +%s) - started ))
status=0
if [ "$files" -eq 0 ]; then
  say "no test results: the build failed or the test run did not start (dotnet test exit code $rc)"
  status=1
elif [ "$rc" -ne 0 ]; then
  say "dotnet test exited with $rc"
  status=1
fi
if [ $((passed + failed)) -eq 0 ]; then
  say "no test ran"
  status=1
fi
[ "$failed" -gt 0 ] && status=1
say "finished in ${elapsed}s; TRX in ${RESULTS#"$ROOT"/}"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit $status
