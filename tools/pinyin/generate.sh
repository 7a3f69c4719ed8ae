#!/usr/bin/env bash
# Regenerates src/OneSeal/Catalog/Search/Data/pinyin.txt from Unihan (Debian package unicode-data, /usr/share/unicode).
# Usage: bash tools/pinyin/generate.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
src=/usr/share/unicode/Unihan_Readings.txt.bz2
if [[ ! -f $src ]]; then
  apt-get install -y unicode-data >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bzcat "$src" > "$tmp/Unihan_Readings.txt"
dotnet run "$root/tools/pinyin/GeneratePinyin.cs" -- "$tmp/Unihan_Readings.txt" "$root/src/OneSeal/Catalog/Search/Data/pinyin.txt"
