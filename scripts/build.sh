#!/usr/bin/env bash
# Builds the Wasm package twice: pkg/web (ES module for browsers, needs `await init()`) and
# pkg/node (CommonJS for Node.js). Both come from the same crate and export the same API.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
# wasm-opt from the npm package binaryen: Debian's wasm-opt 108 breaks externref tables.
export PATH="$PWD/node_modules/.bin:$PATH"
for target in web nodejs; do
  out=pkg/${target%js}
  wasm-pack --log-level warn build --release --target "$target" --out-dir "$out"
  rm -f "$out/.gitignore"
done
scripts/size.sh
