#!/usr/bin/env node
/**
 * `npm run backup [-- --file <name>]`
 *
 * Exports the whole CMS — content in every locale, relations, media library
 * records and the uploaded files, configuration (core store) — with Strapi's own
 * data transfer (`strapi export`) into one archive under backups/ (BACKUP_DIR),
 * gzip-compressed, and encrypted (aes-128-ecb) when BACKUP_ENCRYPTION_KEY is set
 * (the key reaches Strapi through its environment, never its command line:
 * scripts/data-transfer/run-strapi.mjs).
 * The database is the one the DATABASE_* variables (or .env) point at.
 * Admin users, API tokens and transfer tokens are not part of an export.
 *
 * Prints the archive's path and exits with strapi export's code.
 */
import fs from 'fs';
import path from 'path';
import { fail, root, runStrapi } from './data-transfer/run-strapi.mjs';

const args = process.argv.slice(2);
let name = `newsroom-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')}`;
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--file' && args[i + 1]) name = args[(i += 1)];
  else fail('backup', `unknown argument "${args[i]}" (expected --file <name>)`, 2);
}

const dir = path.resolve(root, process.env.BACKUP_DIR ?? 'backups');
fs.mkdirSync(dir, { recursive: true });
const base = path.join(dir, name.replace(/\.tar(\.gz)?(\.enc)?$/, ''));
const key = process.env.BACKUP_ENCRYPTION_KEY ?? '';

const code = await runStrapi(['export', '--file', base, ...(key ? [] : ['--no-encrypt'])], key);
if (code !== 0) fail('backup', `FAILED: strapi export exited with ${code}`, code);
const file = `${base}.tar.gz${key ? '.enc' : ''}`;
if (!fs.existsSync(file)) fail('backup', `FAILED: strapi export reported success but ${file} does not exist`, 1);
const shown = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
console.log(`[backup] written ${shown} (${fs.statSync(file).size} bytes${key ? ', encrypted' : ''})`);
