#!/usr/bin/env bash
# THE run command:  bash scripts/run.sh [extra app arguments]
#
# Runs OneSeal on http://127.0.0.1:5080 in Demo mode (demo organisations, accounts and items are seeded;
# every demo password is OneSeal#2026) on an SQLite file under ./data (files and keys there too).
# Installs Chromium and the Noto CJK fonts first when they are missing: the app renders its PDF
# documents (certificates, notices) with headless Chromium, and Chinese text needs the CJK fonts.
#
# Settings come from the environment (ASP.NET Core style, __ for :), for example:
#   ONESEAL_URLS=http://0.0.0.0:8080 bash scripts/run.sh
#   OneSeal__Mode=Production Database__Provider=Postgres \
#     ConnectionStrings__Default="$(bash scripts/pg-dev.sh url)" bash scripts/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ONESEAL_SCRIPT=run.sh
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

ensure_packages "headless Chromium and CJK fonts render the app's PDF documents" chromium fonts-noto-cjk

urls=${ONESEAL_URLS:-http://127.0.0.1:5080}
export OneSeal__Mode=${OneSeal__Mode:-Demo}
export OneSeal__PublicBaseUrl=${OneSeal__PublicBaseUrl:-${urls%%;*}}
# Data under the repository's ./data (git-ignored), whatever folder dotnet run starts the app in.
export OneSeal__DataRoot=${OneSeal__DataRoot:-$PWD/data}
if [ "${Database__Provider:-Sqlite}" = Sqlite ] && [ -z "${ConnectionStrings__Default:-}" ]; then
  export ConnectionStrings__Default="Data Source=$OneSeal__DataRoot/oneseal.db"
fi
export ONESEAL_CHROMIUM=${ONESEAL_CHROMIUM:-/usr/bin/chromium}
# Readable log lines in a terminal; production keeps one JSON object per line (ADR 0010).
export OneSeal__LogFormat=${OneSeal__LogFormat:-text}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say "OneSeal ($OneSeal__Mode mode, database: ${Database__Provider:-Sqlite}) on $urls — Ctrl+C stops it"
exec dotnet run --project src/OneSeal -c Release --no-launch-profile --urls "$urls" -- "$@"
