/**
 * Preloaded (`node --require`) into `strapi export` / `strapi import` by
 * scripts/data-transfer/run-strapi.mjs: moves BACKUP_ENCRYPTION_KEY from the
 * environment into this process's argv as `--key <key>`, where Strapi's CLI reads
 * it. The argv the operating system shows (ps, /proc/<pid>/cmdline) is the one the
 * process was started with, without the key; the variable is removed so nothing
 * this process starts inherits it.
 */
const key = process.env.BACKUP_ENCRYPTION_KEY;
if (key) {
  process.argv.push('--key', key);
  delete process.env.BACKUP_ENCRYPTION_KEY;
}
