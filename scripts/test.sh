#!/usr/bin/env bash
# Runs every test: native Rust, Wasm in headless Chromium, and the built package from Node
# and from a real browser. Installs what a fresh machine lacks first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "native Rust tests (cargo test)"
cargo test --quiet

step "build the package (pkg/web, pkg/node)"
scripts/build.sh

step "Wasm tests in headless Chromium (wasm-pack test --headless --chrome)"
wasm-pack --log-level warn test --headless --chrome

step "package tests: Node and headless Chromium (pkg-tests/)"
mkdir -p pkg-tests/artifacts
node --test --test-reporter=spec pkg-tests/node/ pkg-tests/browser/
echo "screenshots and other artefacts: pkg-tests/artifacts/"
