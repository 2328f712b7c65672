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
# Views: the filters and orders the page and the README use (filter, 0x1e, sort).
mkdir -p corpus/view
printf '%s\x1e%s' '{"verdict":"lcu","check":"fail:vbs"}' '{"key":"nextRestart","dir":"desc"}' > corpus/view/lcu.txt
printf '%s\x1e%s' '{"ring":null,"firstMonth":"2026-12","reason":"lcu:edition+vbs","line":"win11-24h2"}' '{"key":"os"}' > corpus/view/reason.txt
printf '%s\x1e%s' '{"search":"SRV-","fix":"edition","standing":"unknown","notSeen":true,"autopatch":"none","restartMonth":"2027-01"}' '{"key":"name","dir":"desc"}' > corpus/view/search.txt
# The JSON reader's differential target: every JSON document above, and the options.
mkdir -p corpus/json_reader corpus/csv_reader
for f in ../www/samples/*.json ../tests/data/exports/*/*.json ../tests/data/release-sources/*.json ../data/catalog.json; do
  name="${f#../}"; name="${name//\//_}"
  head -c 65536 "$f" > "corpus/json_reader/$name"
done
cp corpus/options/*.json corpus/json_reader/
# A key serde_json keeps for its own tokens (found by the fuzzer; the target excuses it).
printf '%s' '{"rings":{"Pilot":{"$serde_json::private::RawValue":4,"graceDays":1}}}' > corpus/json_reader/serde-reserved-key.json
# The CSV differential target: each real CSV as a table (rows split by 0x1e, cells by 0x1f),
# in every dialect (first byte: delimiter, line ending, quoting, Intune header).
python3 - ../www/samples/*.csv ../tests/data/exports/*/*.csv <<'PY'
import csv, hashlib, io, sys
for path in sys.argv[1:]:
    raw = open(path, 'rb').read()[:65536]
    text = raw.decode('utf-8-sig', errors='replace')
    if text.startswith('sep='):
        text = text.split('\n', 1)[1]
    delimiter = ';' if text.split('\n', 1)[0].count(';') > text.split('\n', 1)[0].count(',') else ','
    rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=delimiter))[:200]
    body = '\x1e'.join('\x1f'.join(r) for r in rows).encode()
    for dialect in (0x00, 0x05, 0x0a, 0x10, 0x20, 0x21):
        data = bytes([dialect]) + body
        open(f"corpus/csv_reader/{hashlib.sha1(data).hexdigest()}", 'wb').write(data)
PY
