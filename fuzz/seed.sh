#!/usr/bin/env bash
# Seeds the fuzz corpora from the real samples: every release-source document for
# release_sources, the built-in catalog for catalog_json.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/release_sources corpus/catalog_json
for f in ../tests/data/release-sources/*; do
  case "$f" in *.py|*.md) [ "${f##*/}" = "windows-server-release-info.2026-05-13.learn-markdown.md" ] || continue ;; esac
  # libFuzzer's default -max_len is 4096 bytes for new inputs; seeds are cut to 64 KiB.
  head -c 65536 "$f" > "corpus/release_sources/${f##*/}"
done
cp ../data/catalog.json corpus/catalog_json/built-in.json
