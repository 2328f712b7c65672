#!/usr/bin/env bash
# Prints the shipped .wasm sizes, raw and gzipped; fails when the core module the page needs
# to evaluate is over its 150 KiB gzip budget. The release-data module (pkg/web/release) loads
# only when release data is loaded (DESIGN.md, "Size").
set -euo pipefail
cd "$(dirname "$0")/.."
gz=0
size() {
  local raw
  raw=$(wc -c < "$1")
  gz=$(gzip -9 -c "$1" | wc -c)
  awk -v r="$raw" -v g="$gz" -v w="$2" 'BEGIN { printf "%s: %d bytes raw, %d bytes gzip (%.1f KiB)\n", w, r, g, g / 1024 }'
}
size pkg/web/release/hotpatch_planner_release_bg.wasm "release-data module (pkg/web/release, loaded on demand)"
size pkg/web/hotpatch_planner_bg.wasm "core module (pkg/web; budget 150 KiB gzip)"
[ "$gz" -le $((150 * 1024)) ] || { echo "the core .wasm is over its 150 KiB gzip budget" >&2; exit 1; }
