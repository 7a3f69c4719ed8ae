#!/usr/bin/env bash
# Lints the OpenAPI document with Redocly's recommended rules:  bash scripts/openapi-lint.sh [document]
# (default TestResults/openapi.json, written by OpenApiTests). Installs @redocly/cli as pinned by
# tools/openapi-lint/package-lock.json into .cache/redocly (npm ci; again only when the lock changes), then fails on any
# error or warning (tools/openapi-lint/redocly.yaml). scripts/test.sh runs it after the tests and counts it as one test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ONESEAL_SCRIPT=${ONESEAL_SCRIPT:-openapi-lint.sh}
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

DOC=${1:-$ROOT/TestResults/openapi.json}
TOOL="$ROOT/tools/openapi-lint"
CACHE="$ROOT/.cache/redocly"
[ -f "$DOC" ] || { say "no OpenAPI document at ${DOC#"$ROOT"/} (OpenApiTests writes it)"; exit 1; }
command -v npm >/dev/null 2>&1 || ensure_packages "Node.js and npm for the OpenAPI lint (Redocly CLI)" nodejs npm || exit 1

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1 npm_config_fund=false npm_config_audit=false
stamp=$(sha256sum "$TOOL/package-lock.json" | cut -c1-64)
if [ ! -x "$CACHE/node_modules/.bin/redocly" ] || [ "$(cat "$CACHE/.lock-sha256" 2>/dev/null)" != "$stamp" ]; then
  say "installing @redocly/cli (pinned by tools/openapi-lint/package-lock.json) into .cache/redocly"
  rm -rf "$CACHE"
  mkdir -p "$CACHE"
  cp "$TOOL/package.json" "$TOOL/package-lock.json" "$CACHE/"
  (cd "$CACHE" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$stamp" >"$CACHE/.lock-sha256"
fi

REPORT="$(dirname "$DOC")/openapi-lint.json"
set +e
"$CACHE/node_modules/.bin/redocly" lint --config "$TOOL/redocly.yaml" --format=stylish "$DOC"
"$CACHE/node_modules/.bin/redocly" lint --config "$TOOL/redocly.yaml" --format=json "$DOC" >"$REPORT" 2>/dev/null
set -e
# Redocly exits non-zero on errors only; warnings fail here too.
counts=$(node -e 'const t=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).totals; console.log(t.errors+" "+t.warnings)' "$REPORT") \
  || { say "OpenAPI lint: no report"; exit 1; }
read -r errors warnings <<<"$counts"
say "OpenAPI lint: $errors errors, $warnings warnings"
[ "$errors" -eq 0 ] && [ "$warnings" -eq 0 ]
