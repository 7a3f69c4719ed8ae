#!/usr/bin/env bash
# Fault script (issue 13, reliability): kill -9 of the app during a burst of decisions loses no event.
#
#   bash scripts/faults/kill-during-decisions.sh        # FAULT_CASES=60 decisions by default
#
# 1. starts its own throwaway PostgreSQL 15 (temp dir, free port from 55532) and builds the app (Release);
# 2. runs the app on it in Demo mode and prepares FAULT_CASES food-licence cases up to review, through the API;
# 3. fires all their decisions at once (8 at a time) and kill -9's the app a moment into the burst;
# 4. restarts the app and decides the cases the kill cut off;
# 5. checks in the database that every decided case has exactly one case.decided event (and, when the supervision
#    table supervision_pushes exists, its push), that no case.decided event exists without its decision, and that
#    the pull feed (GET /api/v1/events as the exchange account) returns every case.decided event;
# prints PASS or FAIL (exit 0 / 1). About 3 minutes on 2 cores, most of it building the app and preparing the cases.
# Run 2026-12-08 (load ~8): killed with 17 of 60 decided (34 requests cut mid-flight), second pass 43 decided + 17 × 409,
# 60 case.decided events, 60 pushes, 60 in the feed: PASS.
# Not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
ONESEAL_SCRIPT=kill-during-decisions.sh
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"
CASES=${FAULT_CASES:-60}
started=$(date +%s)

ensure_packages "PostgreSQL 15 for the fault run" postgresql curl python3 || exit 1
WORK=$(mktemp -d /tmp/oneseal-fault.XXXXXX)
chmod 755 "$WORK"   # the postgres user runs the cluster under it
APP_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill -9 "$APP_PID" 2>/dev/null || true
  pg_cluster_stop "$WORK/pg" immediate
  rm -rf "$WORK"
}
trap cleanup EXIT

PG_EXTRA_OPTS="-c max_connections=200"
pg_cluster_start "$WORK/pg" 55532 oneseal || { say "could not start PostgreSQL"; exit 1; }
psql_() { (cd "$WORK" && as_pg_user "$PG_BIN/psql" -h "$WORK/pg/sock" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"); }
psql_ -d postgres -c "CREATE DATABASE oneseal"

say "building the app (Release)"
dotnet build src/OneSeal -c Release --disable-build-servers -nologo -v q 2>&1 | grep -E " error |rror\(s\)" || true
DLL="$ROOT/src/OneSeal/bin/Release/net10.0/OneSeal.dll"
[ -f "$DLL" ] || { say "build failed"; exit 1; }

PORT=$(free_port_from 55580)
BASE="http://127.0.0.1:$PORT"
start_app() {
  ( cd "$ROOT/src/OneSeal" && \
    Database__Provider=Postgres ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=oneseal;Database=oneseal" \
    OneSeal__Mode=Demo OneSeal__DataRoot="$WORK/data" OneSeal__PublicBaseUrl="$BASE" Outbox__Enabled=false \
    SignIn__PermitsPerMinute=100000 OneSeal__LogFormat=text Logging__LogLevel__Default=Warning \
    exec dotnet "$DLL" --urls "$BASE" >>"$WORK/app.log" 2>&1 ) &
  APP_PID=$!
  for _ in $(seq 1 120); do
    curl -fs "$BASE/health" >/dev/null 2>&1 && return 0
    kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$WORK/app.log"; return 1; }
    sleep 0.5
  done
  say "the app did not answer /health"; tail -n 40 "$WORK/app.log"; return 1
}
start_app || exit 1
say "app on $BASE (pid $APP_PID); preparing $CASES cases up to review"

# The HTTP side in Python (standard library only): prepare, burst, finish.
cat >"$WORK/drive.py" <<'PY'
import json, sys, urllib.request, uuid, concurrent.futures as cf
base, mode, path = sys.argv[1], sys.argv[2], sys.argv[3]
def call(method, url, token=None, body=None, raw=None, ctype='application/json'):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + url, data=data, method=method)
    if data is not None: req.add_header('Content-Type', ctype)
    if token: req.add_header('Authorization', 'Bearer ' + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        text = r.read()
        return json.loads(text) if text else None
def token(user): return call('POST', '/api/v1/auth/token', body={'username': user, 'password': 'OneSeal#2026'})['accessToken']
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
def upload(tok, case, code):
    b = uuid.uuid4().hex
    body = (f'--{b}\r\nContent-Disposition: form-data; name="materialCode"\r\n\r\n{code}\r\n'
            f'--{b}\r\nContent-Disposition: form-data; name="file"; filename="{code}.pdf"\r\nContent-Type: application/pdf\r\n\r\n').encode() + PDF + f'\r\n--{b}--\r\n'.encode()
    call('POST', f'/api/v1/cases/{case}/materials', tok, raw=body, ctype=f'multipart/form-data; boundary={b}')
if mode == 'prepare':
    n = int(sys.argv[4])
    app, clerk, rev = token('applicant'), token('clerk'), token('reviewer')
    guide = call('GET', '/api/v1/items/QS-XK-003', app)
    codes = [m['code'] for m in guide['materials'] if m['required']]
    form = {"enterpriseName": "青山县张三小吃店", "uscc": "91360999MA35QT8K7B", "legalRepresentative": "张三",
            "legalRepresentativeIdNumber": "360999199003071239", "address": "青山县解放路1号", "phone": "13807960001",
            "businessFormat": "餐饮服务经营者（小型餐饮）", "operatingArea": "45"}
    def one(_):
        c = call('POST', '/api/v1/cases', app, body={'itemCode': 'QS-XK-003', 'form': form})['id']
        for code in codes: upload(app, c, code)
        call('POST', f'/api/v1/cases/{c}/submit', app)
        call('POST', f'/api/v1/cases/{c}/accept', clerk)
        call('POST', f'/api/v1/cases/{c}/review', rev, body={'opinion': '材料齐全，符合法定条件。', 'recommend': 'approve'})
        return c
    with cf.ThreadPoolExecutor(4) as pool: ids = list(pool.map(one, range(n)))
    open(path, 'w').write(''.join(i + '\n' for i in ids))
elif mode == 'decide':
    chief = token('chief')
    ids = [l for l in open(path).read().split() if l]
    def one(c):
        try: call('POST', f'/api/v1/cases/{c}/decide', chief, body={'approve': True}); return 'ok'
        except urllib.error.HTTPError as e: return f'http {e.code}'
        except Exception as e: return 'cut: ' + type(e).__name__
    with cf.ThreadPoolExecutor(8) as pool: results = list(pool.map(one, ids))
    print(json.dumps({r: results.count(r) for r in set(results)}, ensure_ascii=False))
elif mode == 'feed':
    tok, cursor, decided = token('exchange'), '0', set()
    while True:
        page = call('GET', f'/api/v1/events?after={cursor}&limit=1000', tok)
        decided |= {e['subject'] for e in page['events'] if e['type'] == 'case.decided'}
        if not page['events'] and page['next'] == cursor: break
        cursor = page['next']
    print(len(decided))
PY
python3 "$WORK/drive.py" "$BASE" prepare "$WORK/cases.txt" "$CASES" || { say "preparing the cases failed"; tail -n 30 "$WORK/app.log"; exit 1; }
say "prepared $(wc -l <"$WORK/cases.txt" | tr -d ' ') cases in $(( $(date +%s) - started ))s since start; firing the decisions"

python3 "$WORK/drive.py" "$BASE" decide "$WORK/cases.txt" >"$WORK/burst1.json" 2>&1 &
BURST=$!
# A moment into the burst: some decisions committed, some in flight, most not started.
for _ in $(seq 1 200); do
  n=$(psql_ -d oneseal -c "SELECT count(*) FROM cases WHERE decided_at IS NOT NULL")
  [ "$n" -ge $((CASES / 4)) ] && break
  sleep 0.05
done
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
wait "$BURST" || true
before=$(psql_ -d oneseal -c "SELECT count(*) FROM cases WHERE decided_at IS NOT NULL")
say "killed the app with $before of $CASES decided; the burst's requests: $(cat "$WORK/burst1.json")"

start_app || exit 1
say "restarted; deciding the cases the kill cut off"
python3 "$WORK/drive.py" "$BASE" decide "$WORK/cases.txt" >"$WORK/burst2.json" 2>&1 || true
say "second pass: $(cat "$WORK/burst2.json") (409 = decided before the kill)"

decided=$(psql_ -d oneseal -c "SELECT count(*) FROM cases WHERE decided_at IS NOT NULL")
missing=$(psql_ -d oneseal -c "SELECT count(*) FROM cases c WHERE c.decided_at IS NOT NULL AND
  (SELECT count(*) FROM events e WHERE e.type = 'case.decided' AND e.subject = c.case_number) <> 1")
orphans=$(psql_ -d oneseal -c "SELECT count(*) FROM events e WHERE e.type = 'case.decided' AND NOT EXISTS
  (SELECT 1 FROM cases c WHERE c.case_number = e.subject AND c.decided_at IS NOT NULL)")
pushes=skipped
if [ "$(psql_ -d oneseal -c "SELECT to_regclass('supervision_pushes') IS NOT NULL")" = t ]; then
  pushes=$(psql_ -d oneseal -c "SELECT count(*) FROM cases c WHERE c.decided_at IS NOT NULL AND NOT EXISTS
    (SELECT 1 FROM supervision_pushes p WHERE p.case_id = c.id)")
fi
in_feed=$(python3 "$WORK/drive.py" "$BASE" feed -)
elapsed=$(( $(date +%s) - started ))
say "decided cases: $decided; without exactly one case.decided event: $missing; case.decided events without a decision: $orphans;" \
    "decided cases without a supervision push: $pushes; case.decided events in the pull feed: $in_feed; took ${elapsed}s"
if [ "$decided" -eq "$CASES" ] && [ "$missing" -eq 0 ] && [ "$orphans" -eq 0 ] && [ "$in_feed" -eq "$decided" ] \
   && { [ "$pushes" = skipped ] || [ "$pushes" -eq 0 ]; }; then
  extra=""; [ "$pushes" = skipped ] || extra=" and its supervision push"
  say "PASS: after kill -9 mid-burst and a restart, every decision has its case.decided event$extra (and no event lacks its decision)"
  exit 0
fi
say "FAIL (app log: tail below)"; tail -n 20 "$WORK/app.log"
exit 1
