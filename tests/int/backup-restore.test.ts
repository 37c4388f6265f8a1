import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn, spawnSync } from 'child_process';
import { ROOT, databaseEnv } from '../helpers/strapi';
import { PG, createTestDatabase, postgresEnv } from '../helpers/test-database';
import { childEnv, freePort, sharedSecrets, startCmsProcess } from '../helpers/cms-process';
import { rowCounts } from '../helpers/db-inspect';
import { publicSnapshot } from '../helpers/public-snapshot';

/**
 * `npm run backup` and `npm run restore` (scripts/backup.mjs, scripts/restore.mjs,
 * wrapping `strapi export` / `strapi import`) as an operator runs them, in child
 * processes: seed a database, back it up encrypted, restore the archive into a
 * fresh database, and the CMS on the restored database serves exactly what the
 * original serves — every list and article page in both locales, and the media
 * files byte for byte. Runs on the pass's database (SQLite, or PostgreSQL with
 * TEST_DATABASE=postgres).
 */
type Result = { code: number | null; output: string };

const secrets = sharedSecrets();
const dirs: string[] = [];
const KEY = 'a-backup-key-for-this-test-only';
/** A restore keeps documentIds and timestamps: only row ids may differ. */
const strict = { volatile: ['id'] };

const makeApp = async (): Promise<Record<string, string>> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-backup-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  return { ...secrets, ...(await databaseEnv(dir)), PUBLIC_DIR: path.join(dir, 'public'), STRAPI_STARTUP_LOG: 'false' };
};

const run = (script: string, args: string[], env: Record<string, string>): Promise<Result> =>
  new Promise((resolve) => {
    const proc = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: childEnv(env) });
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
    proc.on('exit', (code) => resolve({ code, output }));
  });

let source: Record<string, string>;
let backupDir: string;

beforeAll(async () => {
  source = await makeApp();
  backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-backups-'));
  dirs.push(backupDir);
  const seeded = await run(path.join(ROOT, 'dist', 'scripts', 'seed', 'cli.js'), [], source);
  expect(seeded.code).toBe(0);
}, 170000);

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

it('npm run backup without a key writes a gzip archive under BACKUP_DIR and prints its path', async () => {
  const res = await run(path.join(ROOT, 'scripts', 'backup.mjs'), ['--file', 'plain'], {
    ...source,
    BACKUP_DIR: backupDir,
  });
  expect(res.code).toBe(0);
  const file = path.join(backupDir, 'plain.tar.gz');
  expect(res.output).toContain(`[backup] written ${file}`);
  expect(fs.readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b])); // gzip, readable without a key
}, 170000);

it('refuses to restore an encrypted archive without the key, and unknown arguments', async () => {
  fs.writeFileSync(path.join(backupDir, 'x.tar.gz.enc'), 'not read');
  const noKey = await run(path.join(ROOT, 'scripts', 'restore.mjs'), [path.join(backupDir, 'x.tar.gz.enc')], source);
  expect(noKey.code).toBe(2);
  expect(noKey.output).toContain('set BACKUP_ENCRYPTION_KEY');
  const bad = await run(path.join(ROOT, 'scripts', 'backup.mjs'), ['--frobnicate'], source);
  expect(bad.code).toBe(2);
  expect(bad.output).toContain('unknown argument "--frobnicate"');
});

/** Every command line on the machine (what `ps` shows any user), read from /proc. */
const commandLines = (): string[] =>
  fs
    .readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) => {
      try {
        return [fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')];
      } catch {
        return []; // the process ended meanwhile
      }
    });

it('an encrypted backup restored into a fresh database serves the same public API and media', async () => {
  // While the backup runs, every command line is read: Strapi's export must show up, the key never.
  const seen = new Set<string>();
  const watch = setInterval(() => commandLines().forEach((line) => seen.add(line)), 50);
  const backup = await run(path.join(ROOT, 'scripts', 'backup.mjs'), ['--file', 'encrypted'], {
    ...source,
    BACKUP_DIR: backupDir,
    BACKUP_ENCRYPTION_KEY: KEY,
  });
  clearInterval(watch);
  expect([...seen].some((line) => line.includes('strapi.js export'))).toBe(true);
  expect([...seen].filter((line) => line.includes(KEY))).toEqual([]);
  expect(backup.code).toBe(0);
  const file = path.join(backupDir, 'encrypted.tar.gz.enc');
  expect(backup.output).toContain(`[backup] written ${file}`);
  expect(fs.readFileSync(file).subarray(0, 2)).not.toEqual(Buffer.from([0x1f, 0x8b])); // not readable as gzip

  const target = await makeApp();
  const wrongKey = await run(path.join(ROOT, 'scripts', 'restore.mjs'), [file], {
    ...target,
    BACKUP_ENCRYPTION_KEY: 'not-the-key',
  });
  expect(wrongKey.code).not.toBe(0);

  const restore = await run(path.join(ROOT, 'scripts', 'restore.mjs'), [file], {
    ...target,
    BACKUP_ENCRYPTION_KEY: KEY,
  });
  expect(restore.output).not.toMatch(/FAILED/);
  expect(restore.code).toBe(0);
  expect(restore.output).toContain(`[restore] restored ${file}`);

  // Content rows are all there (admin users and API tokens are not part of a backup; there are none here).
  const [before, after] = [await rowCounts(source), await rowCounts(target)];
  for (const table of [
    'articles',
    'authors',
    'tags',
    'related_links',
    'files',
    'site_settings',
    'i18n_locale',
    'up_permissions',
  ]) {
    expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
  }

  const [original, restored] = [startCmsProcess(await freePort(), source), startCmsProcess(await freePort(), target)];
  try {
    await Promise.all([original.ready, restored.ready]);
    const [expected, actual] = [
      await publicSnapshot(original.http, strict),
      await publicSnapshot(restored.http, strict),
    ];
    expect(Object.keys(expected.media as object)).toHaveLength(5); // the cover and its four formats
    expect(actual).toEqual(expected);
  } finally {
    await Promise.all([original.stop(), restored.stop()]);
  }
}, 400000);

/**
 * Across engines: a SQLite deployment's backup restored into PostgreSQL, and that
 * PostgreSQL deployment's own backup restored into SQLite, each serve what the
 * original served. It uses both engines whatever the pass, so it runs once, in the
 * PostgreSQL pass (TEST_DATABASE=postgres); skipped, saying so, in a SQLite pass or
 * without PostgreSQL.
 */
const postgresPass = process.env.TEST_DATABASE === 'postgres';
const postgresReachable =
  postgresPass &&
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'postgres-ready.mjs')], { encoding: 'utf8' }).status === 0;
if (!postgresPass)
  console.warn('SKIPPED cross-engine restore here: it runs in the PostgreSQL pass (npm run test:postgres)');
else if (!postgresReachable)
  console.warn(`SKIPPED cross-engine restore: PostgreSQL not reachable at ${PG.host}:${PG.port}`);
(postgresReachable ? it : it.skip)(
  'restores SQLite → PostgreSQL and PostgreSQL → SQLite with the same public output',
  async () => {
    const app = async (engine: 'sqlite' | 'postgres'): Promise<Record<string, string>> => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `newsroom-${engine}-`));
      dirs.push(dir);
      fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
      const database =
        engine === 'sqlite'
          ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') }
          : postgresEnv(await createTestDatabase());
      return { ...secrets, ...database, PUBLIC_DIR: path.join(dir, 'public'), STRAPI_STARTUP_LOG: 'false' };
    };
    const snapshot = async (env: Record<string, string>): Promise<Record<string, unknown>> => {
      const cms = startCmsProcess(await freePort(), env);
      try {
        await cms.ready;
        return await publicSnapshot(cms.http, strict);
      } finally {
        await cms.stop();
      }
    };
    const move = async (from: Record<string, string>, to: Record<string, string>, name: string): Promise<void> => {
      const backup = await run(path.join(ROOT, 'scripts', 'backup.mjs'), ['--file', name], {
        ...from,
        BACKUP_DIR: backupDir,
      });
      expect(backup.code).toBe(0);
      const restore = await run(
        path.join(ROOT, 'scripts', 'restore.mjs'),
        [path.join(backupDir, `${name}.tar.gz`)],
        to,
      );
      expect(restore.output).not.toMatch(/FAILED/);
      expect(restore.code).toBe(0);
    };

    const sqlite = await app('sqlite');
    expect((await run(path.join(ROOT, 'dist', 'scripts', 'seed', 'cli.js'), [], sqlite)).code).toBe(0);
    const expected = await snapshot(sqlite);
    expect(Object.keys(expected.media as object)).toHaveLength(5);

    const postgres = await app('postgres');
    await move(sqlite, postgres, 'sqlite-to-postgres');
    expect(await snapshot(postgres)).toEqual(expected);

    const sqliteAgain = await app('sqlite');
    await move(postgres, sqliteAgain, 'postgres-to-sqlite');
    expect(await snapshot(sqliteAgain)).toEqual(expected);
  },
  900000,
);
