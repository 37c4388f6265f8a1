#!/usr/bin/env node
// The README's first command: install, create .env, seed an empty database,
// then start Strapi in development mode with its admin panel at /admin.
// Plain Node (no dependencies) so it can run on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const run = (cmd, args) => {
  console.log(`\n[quickstart] ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
  });
  if (result.status !== 0) {
    console.error(`[quickstart] "${cmd} ${args.join(' ')}" failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
};

if (!existsSync(resolve(root, 'node_modules', '@strapi', 'strapi'))) {
  run(npm, ['ci', '--no-audit', '--no-fund']);
}
run(process.execPath, ['scripts/env.mjs']);
if (existsSync(resolve(root, 'scripts', 'seed', 'cli.ts'))) {
  run(npm, ['run', 'seed', '--', '--if-empty']);
}
run(npm, ['run', 'develop']);
