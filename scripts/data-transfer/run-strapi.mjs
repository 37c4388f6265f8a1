/**
 * What `npm run backup` and `npm run restore` share: running Strapi's own data
 * transfer command (`strapi export` / `strapi import`) on the app, with the
 * encryption key kept off every command line.
 *
 * Strapi takes the key only as `--key <key>`, where `ps` (and /proc/<pid>/cmdline)
 * shows it to every user of the machine. So the key travels in the child's
 * environment (BACKUP_ENCRYPTION_KEY, readable by its owner only) and
 * scripts/data-transfer/key-from-env.cjs, preloaded in the child, appends it to
 * the child's in-memory argv before Strapi's CLI parses it: the command line the
 * system shows never holds it.
 */
import path from 'path';
import { spawn } from 'child_process';
import { fileURLToPath } from 'url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const strapiBin = path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
const keyFromEnv = path.join(root, 'scripts', 'data-transfer', 'key-from-env.cjs');

/** Prints `[label] message` on stderr and exits with `code`. */
export const fail = (label, message, code) => {
  console.error(`[${label}] ${message}`);
  process.exit(code);
};

/**
 * Runs `strapi <args…>` with the key (when there is one) handed over through the
 * environment; SIGINT/SIGTERM to this script are passed on to Strapi. Resolves
 * with Strapi's exit code (or 1 when it died of a signal).
 */
export const runStrapi = (args, key) =>
  new Promise((resolve) => {
    const env = { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' };
    delete env.BACKUP_ENCRYPTION_KEY;
    if (key) env.BACKUP_ENCRYPTION_KEY = key;
    const child = spawn(process.execPath, [...(key ? ['--require', keyFromEnv] : []), strapiBin, ...args], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
