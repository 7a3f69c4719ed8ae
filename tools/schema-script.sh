#!/usr/bin/env bash
# Prints the model's DDL for both providers, to author a new migration from (docs/decisions/0002-own-migrations.md).
# Usage: bash tools/schema-script.sh OUTDIR   → OUTDIR/sqlite.sql, OUTDIR/postgres.sql
set -euo pipefail
out=${1:?output folder}
mkdir -p "$out"
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/src/OneSeal" -c Debug -v q -nologo >/dev/null
dll="$root/src/OneSeal/bin/Debug/net10.0/OneSeal.dll"
tmp=$(mktemp -d)
Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$tmp/x.db" OneSeal__DataRoot="$tmp" dotnet "$dll" --schema-script > "$out/sqlite.sql"
# Generating the PostgreSQL script does not connect; any well-formed connection string will do.
Database__Provider=Postgres ConnectionStrings__Default="Host=127.0.0.1;Database=unused" OneSeal__DataRoot="$tmp" dotnet "$dll" --schema-script > "$out/postgres.sql"
rm -rf "$tmp"
echo "wrote $out/sqlite.sql and $out/postgres.sql"
