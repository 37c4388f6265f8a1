import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn } from 'child_process';
import { ROOT, databaseEnv } from '../helpers/strapi';
import { childEnv, freePort, sharedSecrets, startCmsProcess } from '../helpers/cms-process';
import { rowCounts } from '../helpers/db-inspect';
import { publicSnapshot } from '../helpers/public-snapshot';

/**
 * Crash safety of `npm run seed`: the real CLI (dist/scripts/seed/cli.js) in a child
 * process is killed with SIGKILL at several points of its run — twice during
 * Strapi's boot (schema creation, roles and permissions), and after the k-th record it reported (k drawn at
 * random in each stretch of the run: media and author, tags, related links, the
 * article's two locale versions, at the commit) — one crash after the
 * other on the same database. After every crash the database holds the seed's
 * article completely or not at all; a last run then completes, and the result
 * is the same as a clean seed's: the same rows in every table, the same public
 * REST answers in both locales, the same media files. Runs on the pass's
 * database (SQLite, or PostgreSQL with TEST_DATABASE=postgres).
 */
type Run = { code: number | null; signal: NodeJS.Signals | null; lines: string[]; output: string; bootMs: number };
type KillPoint = { label: string; afterLines?: number; afterMs?: number };

const secrets = sharedSecrets();
const dirs: string[] = [];

/** A throwaway app folder (uploads, SQLite file) and the env of a child process on it. */
const makeApp = async (): Promise<Record<string, string>> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-seed-crash-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  return { ...secrets, ...(await databaseEnv(dir)), PUBLIC_DIR: path.join(dir, 'public'), STRAPI_STARTUP_LOG: 'false' };
};

const runSeed = (env: Record<string, string>, kill?: KillPoint): Promise<Run> =>
  new Promise((resolve) => {
    const started = Date.now();
    let bootMs = 0;
    const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'seed', 'cli.js')], {
      cwd: ROOT,
      env: childEnv(env),
    });
    const lines: string[] = [];
    let output = '';
    let pending = '';
    const killNow = (): boolean => proc.kill('SIGKILL');
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts.filter((l) => l.startsWith('[seed] '))) {
        if (lines.length === 0) bootMs = Date.now() - started;
        lines.push(line);
        if (kill?.afterLines !== undefined && lines.length === kill.afterLines) killNow();
        // A boot timed from the reference can end sooner (the schema already exists, the machine got quieter):
        // then the kill lands at the end of the boot, its first record line, instead of after a finished run.
        if (kill?.afterMs !== undefined && lines.length === 1) killNow();
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = kill?.afterMs !== undefined ? setTimeout(killNow, kill.afterMs) : undefined;
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, lines, output, bootMs });
    });
  });

/** An integer in [min, max]. */
const pick = (min: number, max: number): number => Math.round(min + Math.random() * (max - min));

let reference: { env: Record<string, string>; run: Run };
const started = new Date();

beforeAll(async () => {
  const env = await makeApp();
  reference = { env, run: await runSeed(env) };
}, 170000);

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

it('a clean seed run reports 39 records and a summary (the reference)', () => {
  expect(reference.run.code).toBe(0);
  expect(reference.run.lines).toHaveLength(40);
  expect(reference.run.lines[39]).toBe('[seed] summary: 39 created, 0 filled, 0 skipped, 0 deleted, 0 failed');
});

it('after SIGKILL at several points and one more run, the data is complete and the same as a clean seed', async () => {
  const env = await makeApp();
  const referenceCounts = await rowCounts(reference.env);
  const total = reference.run.lines.length - 1; // records reported before the summary line
  const killPoints: KillPoint[] = [
    // The boot (schema creation, Strapi's and our first-boot set-up) takes most of a run: two kills in it.
    { label: 'early in the first boot', afterMs: pick(reference.run.bootMs * 0.2, reference.run.bootMs * 0.5) },
    { label: 'late in boot', afterMs: pick(reference.run.bootMs * 0.5, reference.run.bootMs * 0.95) },
    { label: 'media and author', afterLines: pick(1, 3) },
    { label: 'tags', afterLines: pick(4, 15) },
    { label: 'related links', afterLines: pick(16, total - 2) },
    { label: 'first article version', afterLines: total - 1 },
    { label: 'second article version, at the commit', afterLines: total },
  ];
  console.log(
    `seed kill points: ${killPoints.map((k) => `${k.label} (${k.afterMs !== undefined ? `${k.afterMs} ms` : `line ${k.afterLines}`})`).join('; ')}`,
  );

  for (const point of killPoints) {
    const run = await runSeed(env, point);
    expect({ point: point.label, signal: run.signal }).toEqual({ point: point.label, signal: 'SIGKILL' });
    // All or nothing: no seed record at all, or every row of a complete seed.
    const counts = await rowCounts(env);
    const seeded = ['articles', 'authors', 'tags', 'related_links', 'files'].filter(
      (table) => (counts[table] ?? 0) > 0,
    );
    if (seeded.length > 0)
      expect({ point: point.label, counts }).toEqual({ point: point.label, counts: referenceCounts });
  }

  const last = await runSeed(env);
  expect(last.output).not.toMatch(/FAILED/);
  expect(last.code).toBe(0);
  expect(last.lines.at(-1)).toMatch(/^\[seed\] summary: \d+ created, 0 filled, \d+ skipped, 0 deleted, 0 failed$/);

  // The same rows as a clean seed, table by table...
  expect(await rowCounts(env)).toEqual(referenceCounts);

  // ...and the same public answers and media, served by the CMS on each database.
  const [crashed, clean] = [startCmsProcess(await freePort(), env), startCmsProcess(await freePort(), reference.env)];
  try {
    await Promise.all([crashed.ready, clean.ready]);
    const [after, expected] = [
      await publicSnapshot(crashed.http, { since: started }),
      await publicSnapshot(clean.http, { since: started }),
    ];
    expect(Object.keys(expected.media as object)).toHaveLength(5); // the cover and its four formats
    expect(after).toEqual(expected);
  } finally {
    await Promise.all([crashed.stop(), clean.stop()]);
  }
}, 600000);
