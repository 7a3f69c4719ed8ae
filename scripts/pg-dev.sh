#!/usr/bin/env bash
# Optional: a local PostgreSQL 15 for trying OneSeal's production mode by hand (tests do not need it:
# scripts/test.sh starts its own throwaway server).
#
#   bash scripts/pg-dev.sh start    # installs postgresql if missing, creates the cluster once, starts it
#   bash scripts/pg-dev.sh url      # prints the connection string for ConnectionStrings:Default
#   bash scripts/pg-dev.sh psql     # a psql shell on the oneseal database
#   bash scripts/pg-dev.sh stop
#   bash scripts/pg-dev.sh destroy  # stops it and deletes its data
#
# Then, for example:
#   OneSeal__Mode=Production Database__Provider=Postgres \
#     ConnectionStrings__Default="$(bash scripts/pg-dev.sh url)" bash scripts/run.sh
#
# The cluster lives in $ONESEAL_PGDEV_DIR (default /var/tmp/oneseal-pgdev), listens on 127.0.0.1 only,
# on port $ONESEAL_PGDEV_PORT (default 55433), user postgres, password "oneseal" (a local toy, not a server).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ONESEAL_SCRIPT=pg-dev.sh
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

DIR=${ONESEAL_PGDEV_DIR:-/var/tmp/oneseal-pgdev}
PORT=${ONESEAL_PGDEV_PORT:-55433}
PASSWORD=oneseal
url() { echo "Host=127.0.0.1;Port=$(cat "$DIR/port" 2>/dev/null || echo "$PORT");Username=postgres;Password=$PASSWORD;Database=oneseal"; }
running() { [ -f "$DIR/pgdata/postmaster.pid" ] && (cd "$DIR" && as_pg_user "$PG_BIN/pg_ctl" -D "$DIR/pgdata" status >/dev/null 2>&1); }

case "${1:-start}" in
  start)
    ensure_packages "PostgreSQL 15 for OneSeal's production mode" postgresql
    if running; then say "already running: $(url)"; exit 0; fi
    if port_in_use "$PORT"; then say "port $PORT is taken; set ONESEAL_PGDEV_PORT"; exit 1; fi
    pg_cluster_start "$DIR" "$PORT" "$PASSWORD"
    if [ "$PG_PORT" != "$PORT" ]; then pg_cluster_stop "$DIR"; say "could not listen on $PORT"; exit 1; fi
    echo "$PG_PORT" >"$DIR/port"
    if ! as_pg_user "$PG_BIN/psql" -h "$DIR/sock" -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'oneseal'" | grep -q 1; then
      as_pg_user "$PG_BIN/psql" -h "$DIR/sock" -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE oneseal ENCODING 'UTF8' TEMPLATE template0"
    fi
    say "PostgreSQL 15 running in $DIR"
    url
    ;;
  url) url ;;
  psql) exec env PGPASSWORD=$PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$(cat "$DIR/port")" -U postgres -d oneseal ;;
  stop) pg_cluster_stop "$DIR"; say "stopped" ;;
  destroy) pg_cluster_stop "$DIR"; rm -rf "$DIR"; say "deleted $DIR" ;;
  *) sed -n '2,20p' "$0"; exit 2 ;;
esac
