#!/usr/bin/env bash
# The release step that refreshes the built-in release data: regenerates data/catalog.json
# from Microsoft's sources (DOMAIN.md section 9) with `hotpatch-planner catalog --fetch`,
# which downloads the MSRC CVRF documents of the months data/catalog.json does not settle
# yet and merges them over it.
#
#   scripts/refresh-catalog.sh [ARGS...]
#
# ARGS pass through to the command: saved release documents (release-health pages, a
# Graph export…), `--as-of YYYY-MM-DD`, `--from YYYY-MM --to YYYY-MM`, `--msrc-url URL`.
#
# data/catalog.json is replaced only when the command exits 0 (every document read and
# fetched). On exit 1 (some document could not be read or fetched) the partial result is
# left in data/catalog.json.new for review and nothing is replaced: a release should not
# ship data from half its sources; fix the source (or drop the file) and run again. Either
# way, run scripts/test.sh and review `git diff data/catalog.json` before committing.
set -euo pipefail
cd "$(dirname "$0")/.."

new=data/catalog.json.new
rm -f "$new"
status=0
cargo run --release --quiet --bin hotpatch-planner -- \
  catalog --fetch --base data/catalog.json --no-built-in --output "$new" "$@" || status=$?

if [ ! -s "$new" ]; then
  echo "refresh-catalog: no catalog written (exit $status); data/catalog.json unchanged" >&2
  exit "${status/#0/1}"
fi
echo "Changes (data/catalog.json -> $new):" >&2
git diff --no-index --stat data/catalog.json "$new" >&2 || true
if [ "$status" -ne 0 ]; then
  echo "refresh-catalog: some documents could not be read or fetched (exit $status);" \
    "data/catalog.json unchanged, the partial result is in $new" >&2
  exit "$status"
fi
mv "$new" data/catalog.json
# The browser's core module embeds the built-in catalog as Rust data generated from the JSON
# by the catalog reader (src/catalog/built_in.rs); regenerate it.
UPDATE_BUILT_IN=1 cargo test --quiet --lib catalog::built_in >&2
cargo test --quiet --lib catalog::built_in >&2
echo "refresh-catalog: data/catalog.json replaced. Now run scripts/test.sh and review" \
  "'git diff data/catalog.json' before committing." >&2
