#!/bin/sh
# Runs one browser test (tests/browser/page_tests.mjs) or exits 77, which ctest
# reports as skipped, when Node.js or Chromium is missing.
# Install them with: scripts/install-deps browser   (Debian: chromium nodejs)
# Usage: run.sh TALASH_BIN SOURCE_DIR SHARED_DIR TEST...
set -eu
talash=$1 src=$2 shared=$3
shift 3

if ! command -v node >/dev/null 2>&1; then
  echo "SKIP: node not found; install it with: scripts/install-deps browser" >&2
  exit 77
fi
chromium=${TALASH_CHROMIUM:-}
if [ -z "$chromium" ]; then
  for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then chromium=$(command -v "$c"); break; fi
  done
fi
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
  echo "SKIP: chromium not found; install it with: scripts/install-deps browser (or set TALASH_CHROMIUM)" >&2
  exit 77
fi

exec node "$src/tests/browser/page_tests.mjs" --talash "$talash" --chromium "$chromium" \
  --web "$src/web" --corpus "$src/corpus/articles.jsonl" --seeds "$shared/seeds" "$@"
