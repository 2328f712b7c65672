#!/usr/bin/env bash
# Prints the shipped .wasm sizes, raw and gzipped; fails when the core module the page needs
# to evaluate is over its 150 KiB gzip budget. The release-data module loads only when
# release data is loaded (DESIGN.md).
set -euo pipefail
cd "$(dirname "$0")/.."
size() {
  local wasm=$1 what=$2 raw gz
  raw=$(wc -c < "$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  awk -v r="$raw" -v g="$gz" -v w="$what" 'BEGIN { printf "%s: %d bytes raw, %d bytes gzip (%.1f KiB)\n", w, r, g, g / 1024 }'
  echo "$gz"
}
core=$(size pkg/web/hotpatch_planner_bg.wasm "core module (pkg/web; budget 150 KiB gzip)" | tee /dev/stderr | tail -1)
size pkg/web/release/hotpatch_planner_release_bg.wasm "release-data module (pkg/web/release, loaded on demand)" >&2
[ "$core" -le $((150 * 1024)) ] || { echo "the core .wasm is over its 150 KiB gzip budget" >&2; exit 1; }
