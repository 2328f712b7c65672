#!/usr/bin/env bash
# Prints the shipped .wasm size, raw and gzipped; fails above the 150 KiB gzip budget.
set -euo pipefail
cd "$(dirname "$0")/.."
wasm=pkg/web/hotpatch_planner_bg.wasm
raw=$(wc -c < "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
awk -v r="$raw" -v g="$gz" 'BEGIN { printf "wasm size: %d bytes raw, %d bytes gzip (%.1f KiB; budget 150 KiB)\n", r, g, g / 1024 }'
[ "$gz" -le $((150 * 1024)) ] || { echo "the .wasm is over its 150 KiB gzip budget" >&2; exit 1; }
