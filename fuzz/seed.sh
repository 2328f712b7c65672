#!/usr/bin/env bash
# Seeds the fuzz corpora from the real samples: every release-source document for
# release_sources, the built-in catalog for catalog_json, and every inventory sample and
# realistic export for evaluate (first byte 0: formats detected; 0x80 + n: format n forced).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/release_sources corpus/catalog_json corpus/evaluate corpus/options
for f in ../tests/data/release-sources/*; do
  case "$f" in *.py|*.md) [ "${f##*/}" = "windows-server-release-info.2026-05-13.learn-markdown.md" ] || continue ;; esac
  # libFuzzer's default -max_len is 4096 bytes for new inputs; seeds are cut to 64 KiB.
  head -c 65536 "$f" > "corpus/release_sources/${f##*/}"
done
cp ../data/catalog.json corpus/catalog_json/built-in.json
for f in ../www/samples/* ../tests/data/exports/*/*; do
  case "$f" in *.md) continue ;; esac
  name="${f#../}"; name="${name//\//_}"
  { printf '\0'; head -c 65536 "$f"; } > "corpus/evaluate/$name"
done
# Options as the README and the tests give them.
printf '%s' '{"asOf":"2026-05-20","months":12,"format":["auto","graph"],"tenant":{"license":"eligible","hotpatch":"allow"},"rings":{"Broad":{"deferralDays":9,"deadlineDays":5,"graceDays":2}},"defaultRing":"Broad"}' > corpus/options/readme.json
printf '%s' '{"rings":{"Pilot":{"deferralDays":2,"deadlineDays":4,"graceDays":1,"activeHoursStart":8,"activeHoursEnd":17}},"catalog":["{\"lines\":{}}"],"builtInCatalog":true}' > corpus/options/rings.json
