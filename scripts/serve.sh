#!/usr/bin/env bash
# Builds the package and serves the planner on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec node scripts/serve.mjs --port "${PORT:-8080}"
