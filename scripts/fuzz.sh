#!/usr/bin/env bash
# Runs every fuzz target (fuzz/, cargo-fuzz) for SECONDS each, seeded from the samples and
# fixtures (fuzz/seed.sh); fails when one finds a crash, a hang or a failed check, and leaves
# the input that did it in fuzz/artifacts/TARGET/. scripts/test.sh runs it briefly; the long
# runs DESIGN.md reports are `scripts/fuzz.sh 3600`.
#
#   scripts/fuzz.sh [SECONDS=10] [TARGET…]
#
# cargo-fuzz needs nightly features: on the stable toolchain RUSTC_BOOTSTRAP=1 allows them.
# `-s none` builds without a sanitizer (the runtime is not on every machine, and the planner
# has no unsafe code of its own for AddressSanitizer to watch); a panic still stops the run.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-10}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(evaluate options view json_reader csv_reader catalog_json release_sources)

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz is missing: run scripts/setup.sh --test (or cargo install cargo-fuzz)" >&2; exit 1; }
export RUSTC_BOOTSTRAP=1
bash seed.sh
cargo fuzz build -s none
for target in "${targets[@]}"; do
  mkdir -p "artifacts/$target"
  log=$(mktemp)
  # -timeout: one input taking 20 s is a hang; -print_final_stats: the counts DESIGN.md gives.
  if ! cargo fuzz run -s none "$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=20 -print_final_stats=1 \
      -artifact_prefix="artifacts/$target/" >"$log" 2>&1; then
    grep -v '^#\|^INFO\|^WARNING\|NEW_FUNC\|Uses:' "$log" | head -60
    echo "fuzz target $target failed: the input is in fuzz/artifacts/$target/" >&2
    rm -f "$log"
    exit 1
  fi
  runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | awk '{print $2}')
  echo "ok   $target: ${seconds} s, ${runs:-?} executions, coverage ${edges:-?} edges"
  rm -f "$log"
done
