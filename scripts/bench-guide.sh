#!/usr/bin/env bash
# wrk benchmark of the public guide page (issue 3, item 11). scripts/test.sh only smoke-runs it (1 s runs, summary line checked).
#
#   bash scripts/bench-guide.sh [item code]            (default QS-XK-003; about a minute)
#
# Builds OneSeal (Release), starts it in Demo mode on a fresh SQLite file in a temp folder on a free port from 5180 up
# (as scripts/run.sh does, but throwaway), warms both endpoints, then runs wrk against an empty endpoint (/health) and
# against the guide page /items/<code> in the same run, one after the other, and prints both requests/s and their ratio.
# Installs wrk with apt-get when it is missing (scripts/lib.sh).
#
# Settings (environment): BENCH_SECONDS (20) per measured run, BENCH_WARM_SECONDS (5), BENCH_CONNECTIONS (16),
# BENCH_THREADS (2). The app's log goes to TestResults/bench/guide-app.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ONESEAL_SCRIPT=bench-guide.sh
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

code=${1:-QS-XK-003}
SECS=${BENCH_SECONDS:-20}
WARM=${BENCH_WARM_SECONDS:-5}
CONNS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
command -v dotnet >/dev/null 2>&1 || { say "the .NET 10 SDK (dotnet) is not installed"; exit 1; }
ensure_packages "wrk measures requests per second" wrk || exit 1

port=5180
while port_in_use "$port"; do port=$((port + 1)); done
work=$(mktemp -d /tmp/oneseal-bench-guide.XXXXXX)
mkdir -p "$ROOT/TestResults/bench"
log="$ROOT/TestResults/bench/guide-app.log"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

say "building OneSeal (Release)"
dotnet build src/OneSeal -c Release -v quiet -nologo >/dev/null

say "starting OneSeal (Demo, SQLite in $work) on 127.0.0.1:$port"
(
  cd src/OneSeal
  export OneSeal__Mode=Demo OneSeal__DataRoot="$work" ConnectionStrings__Default="Data Source=$work/oneseal.db"
  export OneSeal__PublicBaseUrl="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production
  exec dotnet bin/Release/net10.0/OneSeal.dll --urls "http://127.0.0.1:$port"
) >"$log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { say "the app stopped; see $log"; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/items/$code" >/dev/null || { say "no guide page for $code"; exit 1; }

base="http://127.0.0.1:$port"
rps() { awk '/^Requests\/sec:/ { print $2 }'; }
run() { wrk -t"$THREADS" -c"$CONNS" -d"$1"s --latency "$2"; }

say "warming up ($WARM s each)"
run "$WARM" "$base/health" >/dev/null
run "$WARM" "$base/items/$code" >/dev/null

say "wrk -t$THREADS -c$CONNS -d${SECS}s $base/health"
health_out=$(run "$SECS" "$base/health"); echo "$health_out"
say "wrk -t$THREADS -c$CONNS -d${SECS}s $base/items/$code"
guide_out=$(run "$SECS" "$base/items/$code"); echo "$guide_out"

health=$(echo "$health_out" | rps)
guide=$(echo "$guide_out" | rps)
bytes=$(curl -fsS "$base/items/$code" | wc -c)
echo
echo "empty endpoint /health:       $health requests/s"
echo "guide page /items/$code: $guide requests/s ($bytes bytes of HTML)"
awk -v h="$health" -v g="$guide" 'BEGIN { printf "ratio guide/health:           %.3f (health is %.1fx the guide)\n", g / h, h / g }'
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
