#!/usr/bin/env node
/**
 * Fails when types/generated differs from what `strapi ts:generate-types`
 * makes from the current schemas. It runs the same generator with the same
 * options as the CLI, on the compiled app in dist/ (`npm run build`, or the
 * test run's global setup, makes it), into a scratch folder under .tmp/.
 *
 *   node scripts/check-generated-types.js   # exit 0: current; 1: stale (names the files)
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { randomBytes } = require('crypto');

const ROOT = path.resolve(__dirname, '..');
// TYPES_DIR: compare another folder instead (the test uses it to prove a stale copy is caught).
const COMMITTED = process.env.TYPES_DIR ? path.resolve(process.env.TYPES_DIR) : path.join(ROOT, 'types', 'generated');
const DIST = path.join(ROOT, 'dist');

const dts = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.d.ts'))
        .sort()
    : [];

const main = async () => {
  if (!fs.existsSync(path.join(DIST, 'src'))) {
    throw new Error('dist/ is missing: run "npm run build" (or the test suite) first');
  }
  // Loading the app's config needs its secrets; none is used, so throwaway ones do.
  const random = () => randomBytes(24).toString('base64');
  for (const key of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
    process.env[key] = process.env[key] || random();
  }
  process.env.APP_KEYS = process.env.APP_KEYS || `${random()},${random()}`;
  process.env.DATABASE_CLIENT = 'sqlite';
  process.env.DATABASE_FILENAME = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'types-drift-')), 'data.db');
  process.env.LOG_LEVEL = 'error';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';

  const { createStrapi } = require('@strapi/strapi');
  const { generators } = require('@strapi/typescript-utils');
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const scratch = fs.mkdtempSync(path.join(ROOT, '.tmp', 'types-drift-'));
  // register() is all the generator needs: the schemas, no database, no server.
  const app = await createStrapi({ appDir: ROOT, distDir: DIST }).register();
  try {
    await generators.generate({
      strapi: app,
      pwd: ROOT,
      rootDir: path.relative(ROOT, scratch),
      logger: { silent: true },
      artifacts: { contentTypes: true, components: true },
    });
    const fresh = path.join(scratch, 'generated');
    const expected = dts(fresh);
    if (expected.length === 0) throw new Error('the type generator wrote nothing');
    const names = [...new Set([...expected, ...dts(COMMITTED)])];
    const stale = names.filter((file) => {
      const a = path.join(fresh, file);
      const b = path.join(COMMITTED, file);
      return !fs.existsSync(a) || !fs.existsSync(b) || fs.readFileSync(a, 'utf8') !== fs.readFileSync(b, 'utf8');
    });
    if (stale.length > 0) {
      console.error(
        `types/generated is out of date (${stale.join(', ')}): run "npm run typegen" and commit the result`,
      );
      process.exitCode = 1;
    } else {
      console.log(`types/generated is current (${expected.join(', ')})`);
    }
  } finally {
    await app.destroy();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
};

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
