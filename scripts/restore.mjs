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
 * target database are kept. The search index is not in a backup either (it is
 * derived from the content): it is rebuilt after the import with
 * `dist/scripts/search-reindex.js` (`npm run search:reindex`).
 */
import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';
import { fail, root, runStrapi } from './data-transfer/run-strapi.mjs';

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
// strapi import compiles the app into dist/ and writes without the Document Service: rebuild the search index.
const reindex = spawnSync(process.execPath, [path.join(root, 'dist', 'scripts', 'search-reindex.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
});
if (reindex.status !== 0) {
  fail('restore', 'FAILED: the content is restored but the search index was not rebuilt (npm run search:reindex)', 1);
}
console.log(`[restore] restored ${file}`);
