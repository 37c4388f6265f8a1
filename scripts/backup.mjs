#!/usr/bin/env node
/**
 * `npm run backup [-- --file <name>]`
 *
 * Exports the whole CMS — content in every locale, relations, media library
 * records and the uploaded files, configuration (core store) — with Strapi's own
 * data transfer (`strapi export`) into one archive under backups/ (BACKUP_DIR),
 * gzip-compressed, and encrypted (aes-128-ecb) when BACKUP_ENCRYPTION_KEY is set.
 * The database is the one the DATABASE_* variables (or .env) point at.
 * Admin users, API tokens and transfer tokens are not part of an export.
 *
 * Prints the archive's path and exits with strapi export's code.
 */
import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let name = `newsroom-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')}`;
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--file' && args[i + 1]) name = args[(i += 1)];
  else {
    console.error(`[backup] unknown argument "${args[i]}" (expected --file <name>)`);
    process.exit(2);
  }
}

const dir = path.resolve(root, process.env.BACKUP_DIR ?? 'backups');
fs.mkdirSync(dir, { recursive: true });
const base = path.join(dir, name.replace(/\.tar(\.gz)?(\.enc)?$/, ''));
const key = process.env.BACKUP_ENCRYPTION_KEY ?? '';

const strapi = path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const exportArgs = ['export', '--file', base, ...(key ? ['--key', key] : ['--no-encrypt'])];
const res = spawnSync(process.execPath, [strapi, ...exportArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
});
if (res.status !== 0) {
  console.error(`[backup] FAILED: strapi export exited with ${res.status ?? res.signal}`);
  process.exit(res.status ?? 1);
}
const file = `${base}.tar.gz${key ? '.enc' : ''}`;
if (!fs.existsSync(file)) {
  console.error(`[backup] FAILED: strapi export reported success but ${file} does not exist`);
  process.exit(1);
}
const shown = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
console.log(`[backup] written ${shown} (${fs.statSync(file).size} bytes${key ? ', encrypted' : ''})`);
