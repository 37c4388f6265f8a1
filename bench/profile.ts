/**
 * `npm run bench:profile [-- --n=1000] [--duration=12] [--connections=10]`
 *
 * Where an uncached public read spends its CPU: imports the bench corpus of N
 * articles (bench/import-corpus.ts, throwaway folder), then for each of the list
 * (`/api/articles?locale=id`), the article by slug (200 slugs in turn) and the
 * bench's search mix (bench/search-queries.ts, both locales) starts
 * the CMS (bench/serve-cms.ts, production build, CACHE_ENABLED=false) under
 * `node --cpu-prof`, loads it with autocannon for the duration, stops it, and
 * sorts the profile's samples of the load (not of the boot) into the packages
 * that ran them: the leaf frame's package, or its nearest caller's for helper
 * libraries (lodash, node internals). Prints one table per request and keeps
 * the .cpuprofile files (artifacts/bench/profile/, open them in Chrome DevTools).
 * Loopback only; children stop within 2 s of SIGTERM; the folder is removed.
 */
import { fork, spawn, type ChildProcess } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { exitPromptlyOnSignal, stopChildren } from '../scripts/lib/processes';
import { searchQueries } from './search-queries';

type Frame = { functionName: string; url: string };
type CpuProfile = {
  nodes: { id: number; callFrame: Frame; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
};
type Autocannon = (opts: Record<string, unknown>) => Promise<{ requests: { average: number }; non2xx: number }>;
type Db = { prepare(sql: string): { all(): { slug: string }[] }; close(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string, options?: { readonly?: boolean }) => Db;

const APP_DIR = path.resolve(__dirname, '..', '..', '..');
const OUT = path.join(APP_DIR, 'artifacts/bench/profile');

/** The first rule that matches a frame, from the leaf towards the root, names the sample. */
const CATEGORIES: [string, (f: Frame) => boolean][] = [
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['async hooks (AsyncLocalStorage promise tracking)', (f) => f.url.includes('async_hooks')],
  [
    'query validation and output sanitizing (@strapi/utils traverse)',
    (f) => /@strapi\/utils\/dist\/(traverse|validate|sanitize)/.test(f.url),
  ],
  ['SQL (knex and better-sqlite3)', (f) => /node_modules\/(knex|better-sqlite3)\//.test(f.url)],
  ['population and row transforms (@strapi/database)', (f) => f.url.includes('@strapi/database/')],
  ['Document Service and core controllers (@strapi/core)', (f) => f.url.includes('@strapi/core/')],
  ['Koa: routing, body, response', (f) => /node_modules\/(koa|@koa|koa-[a-z-]+)\//.test(f.url)],
  ['the project (dist/src)', (f) => f.url.includes('/dist/src/')],
  ['other Strapi packages', (f) => f.url.includes('@strapi/')],
];

const arg = (name: string, fallback: number): number => {
  const raw = process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name}: a positive integer`);
  return value;
};

/** Share of each category among the samples of the last `windowMs` of the profile. */
export const categorise = (profile: CpuProfile, windowMs: number): [string, number][] => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const times: number[] = [];
  let t = 0;
  for (const d of profile.timeDeltas) times.push((t += d));
  const from = t - windowMs * 1000;
  const shares = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((sample, i) => {
    if ((times[i] ?? 0) < from) return;
    const d = profile.timeDeltas[i] ?? 0;
    total += d;
    let name: string | undefined;
    for (let id: number | undefined = sample; id !== undefined && !name; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (frame) name = CATEGORIES.find(([, matches]) => matches(frame))?.[0];
    }
    const leaf = byId.get(sample)?.callFrame.functionName;
    name ??= leaf === '(idle)' ? 'idle' : 'other (V8, node internals, other packages)';
    shares.set(name, (shares.get(name) ?? 0) + d);
  });
  return [...shares].map(([name, d]): [string, number] => [name, d / total]).sort((a, b) => b[1] - a[1]);
};

const children = new Set<ChildProcess>();

const waitExit = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => child.once('exit', (code) => resolve(code)));

const importCorpus = async (n: number, dir: string): Promise<void> => {
  const child = spawn(process.execPath, [path.join(__dirname, 'import-corpus.js'), `--n=${n}`, `--dir=${dir}`], {
    cwd: APP_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  const code = await waitExit(child);
  children.delete(child);
  if (code !== 0) throw new Error(`import of ${n} articles failed (exit ${code})`);
};

const profileOne = async (
  name: string,
  dir: string,
  requests: { path: string }[],
  duration: number,
  connections: number,
): Promise<{ rps: number; shares: [string, number][]; file: string }> => {
  const profileDir = fs.mkdtempSync(path.join(dir, `profile-${name}-`));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = fork(path.join(__dirname, 'serve-cms.js'), [`--dir=${dir}`], {
    cwd: APP_DIR,
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CACHE_ENABLED: 'false' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.add(child);
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { type?: string }) => m?.type === 'ready' && resolve());
    child.once('exit', (code) => reject(new Error(`the CMS exited (${code}) before it was ready`)));
  });
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections, duration, requests });
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} answers were not 2xx`);
  child.send({ type: 'stop' });
  await waitExit(child);
  children.delete(child);
  const [written] = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
  if (!written) throw new Error(`${name}: the CMS wrote no profile`);
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `uncached-${name}.cpuprofile`);
  fs.copyFileSync(path.join(profileDir, written), file);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  // The last (duration − 1) s: the load, without the boot or the stop.
  return { rps: result.requests.average, shares: categorise(profile, (duration - 1) * 1000), file };
};

const main = async (): Promise<void> => {
  const n = arg('n', 1000);
  const duration = arg('duration', 12);
  const connections = arg('connections', 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-profile-'));
  exitPromptlyOnSignal(async () => {
    await stopChildren(children);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  try {
    console.log(`importing ${n} articles…`);
    await importCorpus(n, dir);
    const db = new Database(path.join(dir, 'data.db'), { readonly: true });
    const slugs = db
      .prepare("select slug from articles where locale = 'id' and published_at is not null limit 200")
      .all()
      .map((r) => r.slug);
    db.close();
    const runs: [string, { path: string }[]][] = [
      ['list', [{ path: '/api/articles?locale=id' }]],
      ['slug', slugs.map((slug) => ({ path: `/api/articles/slug/${slug}?locale=id` }))],
      ['search', searchQueries().map((query) => ({ path: query.path }))],
    ];
    for (const [name, requests] of runs) {
      const { rps, shares, file } = await profileOne(name, dir, requests, duration, connections);
      console.log(`\nuncached ${name}, N=${n}: ${rps.toFixed(0)} req/s; CPU of the load by package`);
      console.log('| share | where |\n| ---: | --- |');
      for (const [where, share] of shares) console.log(`| ${(share * 100).toFixed(1)}% | ${where} |`);
      console.log(`profile: ${path.relative(APP_DIR, file)}`);
    }
  } finally {
    await stopChildren(children);
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench profile] FAILED:', error);
    process.exit(1);
  },
);
