#!/usr/bin/env bash
# Every test the project has, in the order CI runs them (.ci/run calls this):
# the Jest suite on SQLite, the same suite on PostgreSQL when one answers at
# 127.0.0.1:5432, then the browser test of the admin panel.
set -euo pipefail
cd "$(dirname "$0")/.."

npm test

# The whole suite again on PostgreSQL, each test app on its own throwaway database.
if node scripts/postgres-ready.mjs; then
  npm run test:postgres
else
  echo "SKIPPED: PostgreSQL not reachable at 127.0.0.1:5432 (the PostgreSQL test pass did not run)"
fi

# Browser test of the admin panel: Debian's Chromium, driven by playwright-core.
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  apt-get update && apt-get install -y --no-install-recommends chromium
fi
npm run test:e2e
