import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync, spawn, spawnSync } from 'child_process';
import { Client } from 'pg';
import { ROOT } from '../helpers/strapi';
import { childEnv } from '../helpers/cms-process';
import { PG } from '../helpers/test-database';

/**
 * The bench's engine flag and search rows, end to end at a tiny N, without
 * timing: `--engines=postgres` imports into a database of its own, reports the
 * import's search indexing per published locale version, checks and loads the
 * search mix on the uncached CMS (every query a 200 with hits, no non-2xx under
 * load), then drops its database and its temporary folder; and stopped by
 * Ctrl-C during that import, it still drops them. Needs PostgreSQL whatever
 * the pass; skipped, saying so, without.
 */
const reachable =
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'postgres-ready.mjs')], { encoding: 'utf8' }).status === 0;
if (!reachable) console.warn(`SKIPPED bench on PostgreSQL: PostgreSQL not reachable at ${PG.host}:${PG.port}`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-postgres-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Report = {
  flags: { engines: string[] };
  complete: boolean;
  results: {
    n: number;
    imports: Record<string, { searchIndex: { versions: number; ms: number } | null }>;
    servers: { engine: string; server: string; search?: { queries: number; withHits: number; failures: string[] } }[];
    samples: { engine: string; server: string; request: string; total: number; non2xx: number; errors: number }[];
  }[];
};

const databaseExists = async (name: string): Promise<boolean> => {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
};

const DATABASE = /importing the corpus into (newsroom_bench_[0-9a-f]+)/;

/** `bench/dist/bench/run.js --engines=postgres …` in a child process, its temporary files in a folder of its own. */
const startBench = (args: string[]) => {
  const benchTmp = fs.mkdtempSync(path.join(tmp, 'tmp-'));
  const bench = spawn(
    process.execPath,
    [path.join(ROOT, 'bench', 'dist', 'bench', 'run.js'), '--engines=postgres', '--duration=1', ...args],
    {
      cwd: ROOT,
      env: childEnv({
        TMPDIR: benchTmp,
        BENCH_PG_HOST: PG.host,
        BENCH_PG_PORT: String(PG.port),
        BENCH_PG_USER: PG.user,
        BENCH_PG_PASSWORD: PG.password,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  bench.stdout.on('data', (c: Buffer) => (output += c.toString()));
  bench.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => bench.once('exit', (c) => resolve(c)));
  return { bench, benchTmp, exited, output: () => output };
};

beforeAll(() => {
  if (!reachable) return;
  // The bench has its own build (bench/tsconfig.json); the global setup compiled the app it imports.
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'bench', 'tsconfig.json')], { cwd: ROOT });
}, 170000);

(reachable ? it : it.skip)(
  'measures search on a throwaway PostgreSQL database, then drops it',
  async () => {
    const out = path.join(tmp, 'out');
    const run = startBench(['--n=25', '--connections=2', '--modes=uncached', `--out=${out}`]);
    const code = await run.exited;
    expect({ code, output: code === 0 ? '' : run.output() }).toEqual({ code: 0, output: '' });

    const database = DATABASE.exec(run.output())?.[1];
    expect(database).toBeDefined();
    expect(await databaseExists(database as string)).toBe(false);
    expect(fs.readdirSync(run.benchTmp)).toEqual([]);

    const report = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as Report;
    expect(report.flags.engines).toEqual(['postgres']);
    expect(report.complete).toBe(true);
    const [result] = report.results;
    expect(result?.n).toBe(25);
    expect(Object.keys(result?.imports ?? {})).toEqual(['postgres']);
    expect(result?.imports.postgres?.searchIndex?.versions).toBe(50);
    expect(result?.servers.map((s) => [s.engine, s.server, s.search])).toEqual([
      ['postgres', 'uncached', { queries: 50, withHits: 50, failures: [] }],
    ]);
    expect(result?.samples.map((s) => [s.engine, s.server, s.request, s.non2xx, s.errors])).toEqual([
      ['postgres', 'uncached', 'search', 0, 0],
    ]);
    expect(result?.samples[0]?.total).toBeGreaterThan(0);
  },
  400000,
);

(reachable ? it : it.skip)(
  'on Ctrl-C during the PostgreSQL import, drops its database and removes its temporary folder',
  async () => {
    const run = startBench(['--n=5000', '--modes=uncached', `--out=${path.join(tmp, 'out-sigint')}`]);
    const deadline = Date.now() + 150000;
    while (Date.now() < deadline && run.bench.exitCode === null && !DATABASE.test(run.output())) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const database = DATABASE.exec(run.output())?.[1];
    expect({ database: database !== undefined, output: database ? '' : run.output() }).toEqual({
      database: true,
      output: '',
    });
    // Let the import get under way: its Strapi is booting or writing into the database.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await databaseExists(database as string)).toBe(true);

    run.bench.kill('SIGINT');
    expect(await run.exited).toBe(130);
    expect(await databaseExists(database as string)).toBe(false);
    expect(fs.readdirSync(run.benchTmp)).toEqual([]);
  },
  240000,
);
