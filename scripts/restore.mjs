#!/usr/bin/env node
/**
 * `npm run restore -- <archive>`
 *
 * Replaces the content of the database the DATABASE_* variables (or .env) point
 * at with a backup made by `npm run backup`, with Strapi's own data transfer
 * (`strapi import --force`): every content type, relation, media record and
 * uploaded file is deleted and replaced by the archive's. An encrypted archive
 * (`.enc`) needs BACKUP_ENCRYPTION_KEY. Admin users and API tokens are not in a
 * backup: those of the target database are kept. The search index is not in a
 * backup either (it is derived from the content): it is rebuilt after the import
 * with `dist/scripts/search-reindex.js` (`npm run search:reindex`).
 */
import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith('-')) {
  console.error('[restore] usage: npm run restore -- <backups/newsroom-….tar.gz[.enc]>');
  process.exit(2);
}
const file = path.resolve(process.cwd(), args[0]);
if (!fs.existsSync(file)) {
  console.error(`[restore] no such file: ${file}`);
  process.exit(2);
}
const key = process.env.BACKUP_ENCRYPTION_KEY ?? '';
if (file.endsWith('.enc') && !key) {
  console.error('[restore] the archive is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with');
  process.exit(2);
}

const strapi = path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const importArgs = ['import', '--file', file, '--force', ...(file.endsWith('.enc') ? ['--key', key] : [])];
const res = spawnSync(process.execPath, [strapi, ...importArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
});
if (res.status !== 0) {
  console.error(`[restore] FAILED: strapi import exited with ${res.status ?? res.signal}`);
  process.exit(res.status ?? 1);
}
// strapi import compiles the app into dist/ and writes without the Document Service: rebuild the search index.
const reindex = spawnSync(process.execPath, [path.join(root, 'dist', 'scripts', 'search-reindex.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
});
if (reindex.status !== 0) {
  console.error(
    `[restore] FAILED: the content is restored but the search index was not rebuilt (npm run search:reindex)`,
  );
  process.exit(reindex.status ?? 1);
}
console.log(`[restore] restored ${file}`);
