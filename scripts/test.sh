#!/usr/bin/env bash
# Runs every test: native Rust, Wasm in headless Chromium, and the built package from Node
# and from a real browser. Installs what a fresh machine lacks first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

step "lints (rustfmt, clippy for native and both Wasm builds, warnings are errors)"
# clippy and rustfmt come with the toolchain's default profile; rustup cannot fetch them
# without internet access, so a toolchain without them skips this step and says so.
if cargo fmt --version >/dev/null 2>&1 && cargo clippy --version >/dev/null 2>&1; then
  cargo fmt --check
  cargo clippy --quiet --all-targets -- -D warnings
  cargo clippy --quiet --all-targets --target wasm32-unknown-unknown -- -D warnings
  cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
  cargo clippy --quiet --lib --target wasm32-unknown-unknown --features release-sources -- -D warnings
else
  echo "skipped: this toolchain has no rustfmt or clippy"
fi

step "native Rust tests (cargo test)"
cargo test --quiet

step "build the package (pkg/web, pkg/web/release, pkg/node)"
scripts/build.sh

step "Wasm tests in headless Chromium (wasm-pack test --headless --chrome)"
wasm-pack --log-level warn test --headless --chrome

step "complexity: the shapes that were quadratic, at n and 4n (pkg-tests/bench/complexity.mjs)"
node pkg-tests/bench/complexity.mjs 10000

step "fuzz: every target for a few seconds, seeded from the samples (scripts/fuzz.sh)"
scripts/fuzz.sh 8

step "package tests: Node and headless Chromium (pkg-tests/)"
mkdir -p pkg-tests/artifacts
node --test --test-reporter=spec pkg-tests/node/ pkg-tests/browser/
echo "screenshots and other artefacts: pkg-tests/artifacts/"
