import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import { ROOT } from '../helpers/strapi';
import { sharedSecrets } from '../helpers/cms-process';

/** The part of better-sqlite3 (the app's SQLite driver, untyped here) this test uses. */
type SqliteDatabase = { prepare(sql: string): { all(): unknown[] }; close(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string, options: { readonly: boolean }) => SqliteDatabase;

/**
 * `npm run seed` as a user runs it: the compiled CLI (dist/scripts/seed/cli.js, built
 * by the global setup) in a child process, on a throwaway SQLite database.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-seed-cli-'));
const dbFile = path.join(dir, 'data.db');
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  LOG_LEVEL: 'warn',
  STRAPI_STARTUP_LOG: 'false',
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: dbFile,
  PUBLIC_DIR: path.join(dir, 'public'),
  ...sharedSecrets(),
};

const seed = (...args: string[]) => {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'seed', 'cli.js'), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 170000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
};

/** Every row of every table but Strapi's own bookkeeping, read straight from the file. */
const contentSnapshot = (): Record<string, unknown[]> => {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'strapi_%' and name not like 'nr_search_fts_%' order by name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`select * from "${name}" order by rowid`).all()]),
    );
  } finally {
    db.close();
  }
};

beforeAll(() => {
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  // A fixture module that is the real one with the Indonesian title removed.
  fs.writeFileSync(
    path.join(dir, 'broken-fixture.js'),
    `const base = require(${JSON.stringify(path.join(ROOT, 'dist', 'database', 'seed', 'newsroom.js'))}).default;
const fixture = JSON.parse(JSON.stringify(base));
delete fixture.articles[0].locales.id.title;
module.exports = { fixture };
`,
  );
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run seed (CLI)', () => {
  it('refuses unknown arguments with exit code 2, before booting Strapi', () => {
    const res = seed('--frobnicate');
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('unknown argument "--frobnicate"');
    expect(fs.existsSync(dbFile)).toBe(false);
  });

  it('--if-empty seeds an empty database, printing progress and a summary line', () => {
    const res = seed('--if-empty');
    expect(res.stderr).not.toMatch(/FAILED/);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('[seed] created media "placeholder-cover.png"');
    expect(res.stdout).toMatch(/\[seed\] created article "kim-jong-un-teken-pakta-.*" \(id\)/);
    expect(res.stdout).toMatch(/\[seed\] created article "kim-jong-un-teken-pakta-.*" \(en\)/);
    expect(res.stdout).toContain('[seed] summary: 39 created, 0 filled, 0 skipped, 0 deleted, 0 failed');
  });

  it('exits non-zero on a broken fixture, naming the record and field, before writing anything', () => {
    const before = contentSnapshot();
    expect(before.articles).toHaveLength(4);
    const res = seed('--fixture', path.join(dir, 'broken-fixture.js'));
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      '[seed] FAILED: Invalid seed fixture: articles[0] "kim-jong-un-teken-pakta-baru-korut-bisa-ikut-bantu-rusia-...", field "locales.id.title": is missing',
    );
    expect(res.stderr).toContain('[seed] nothing was written');
    expect(contentSnapshot()).toEqual(before);
  });

  // (A plain second run is tested in-process in seed.test.ts.)
  it('--if-empty does nothing on a database that has articles', () => {
    const before = contentSnapshot();
    const ifEmpty = seed('--if-empty');
    expect(ifEmpty.status).toBe(0);
    expect(ifEmpty.stdout).toContain('nothing seeded (--if-empty)');
    expect(ifEmpty.stdout).not.toContain('[seed] summary:');
    expect(contentSnapshot()).toEqual(before);
  });
});
