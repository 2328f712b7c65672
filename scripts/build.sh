#!/usr/bin/env bash
# Builds the Wasm package three times from the same crate:
#   pkg/web          the browser's core module (ES module, needs `await init()`), without the
#                    release-source readers, to stay within its size budget;
#   pkg/web/release  the second browser module: the core plus the readers of Microsoft's
#                    release documents and `readReleaseData`, loaded only when release data is;
#   pkg/node         CommonJS for Node.js, with the readers (size does not matter there).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# wasm-opt from the npm package binaryen: Debian's wasm-opt 108 breaks externref tables.
export PATH="$PWD/node_modules/.bin:$PATH"
build() {
  local target=$1 out=$2 name=$3
  shift 3
  wasm-pack --log-level warn build --release --target "$target" --out-dir "$out" --out-name "$name" "$@"
  rm -f "$out/.gitignore"
}
build web pkg/web hotpatch_planner -- --no-default-features
build web pkg/web/release hotpatch_planner_release -- --features release-sources
build nodejs pkg/node hotpatch_planner -- --features release-sources
scripts/size.sh
