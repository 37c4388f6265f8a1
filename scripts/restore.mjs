#!/usr/bin/env node
/**
 * `npm run restore -- <archive>`
 *
 * Replaces the content of the database the DATABASE_* variables (or .env) point
 * at with a backup made by `npm run backup`, with Strapi's own data transfer
 * (`strapi import --force`): every content type, relation, media record and
 * uploaded file is deleted and replaced by the archive's. An encrypted archive
 * (`.enc`) needs BACKUP_ENCRYPTION_KEY (passed to Strapi through its
 * environment). Admin users and API tokens are not in a backup: those of the
 * target database are kept.
 */
import fs from 'fs';
import path from 'path';
import { fail, runStrapi } from './data-transfer/run-strapi.mjs';

const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith('-')) {
  fail('restore', 'usage: npm run restore -- <backups/newsroom-….tar.gz[.enc]>', 2);
}
const file = path.resolve(process.cwd(), args[0]);
if (!fs.existsSync(file)) fail('restore', `no such file: ${file}`, 2);
const encrypted = file.endsWith('.enc');
const key = process.env.BACKUP_ENCRYPTION_KEY ?? '';
if (encrypted && !key) {
  fail('restore', 'the archive is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with', 2);
}

// The key goes through Strapi's environment, never its command line (scripts/data-transfer/run-strapi.mjs).
const code = await runStrapi(['import', '--file', file, '--force'], encrypted ? key : '');
if (code !== 0) fail('restore', `FAILED: strapi import exited with ${code}`, code);
console.log(`[restore] restored ${file}`);
