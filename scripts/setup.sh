#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test the planner. Safe to run again: each
# step checks first and does nothing when the tool is already there.
#
#   scripts/setup.sh          toolchain for building (wasm target, wasm-pack, wasm-bindgen, npm packages)
#   scripts/setup.sh --test   also what the tests need (Chromium, ChromeDriver, cargo-fuzz, Python helpers)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup (https://rustup.rs) first." >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js 20+ and npm are missing: install them first." >&2; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v wasm-pack >/dev/null; then
  say "installing wasm-pack (cargo install, takes a few minutes)"
  cargo install wasm-pack
fi

# wasm-pack cannot download wasm-bindgen without internet access, so the CLI must be on PATH
# at exactly the version Cargo.lock uses.
[ -f Cargo.lock ] || cargo generate-lockfile
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version (matches Cargo.lock)"
  cargo install wasm-bindgen-cli --version "=$wb_version" --force
fi

# npm packages: binaryen (a current wasm-opt) and playwright-core.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

if $want_test; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver (Debian packages)"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  if ! command -v cargo-fuzz >/dev/null; then
    say "installing cargo-fuzz (the fuzz targets in fuzz/; cargo install, about a minute)"
    cargo install cargo-fuzz
  fi
  if ! python3 -c 'import icalendar, jsonschema' 2>/dev/null; then
    say "installing Python test helpers (pkg-tests/requirements.txt)"
    python3 -m pip install --quiet -r pkg-tests/requirements.txt
  fi
fi
