/**
 * `npm run bench -- --workload=newsroom [--n=10000] [--duration=60] [--connections=10] [--publish-every=20]
 *  [--warm-up=1] [--out=artifacts/bench/newsroom.json] [--keep]`
 *
 * A newsroom's day in one run: readers and an editor at the same time.
 * Imports the corpus of N articles (bench/import-corpus.ts, as bench/run.ts
 * does), then loads, with autocannon for `duration` seconds (after `warm-up`
 * seconds of readers alone, on another sequence), the read mix of bench/newsroom-mix.ts against
 *   - the floor (bench/floor-server.js), readers only;
 *   - the CMS (production build, response cache on), while the writer
 *     (bench/newsroom-writer.ts, its own process) saves a draft every second
 *     and publishes every `publish-every` seconds through the Content Manager
 *     API as the editor.
 * It reports throughput, p50/p99, the cache hit rate (the CMS's `X-Cache`
 * header), non-2xx answers, stale reads (bench/newsroom-freshness.ts: the
 * writer's checker after each publish, and every reader answer sent after a
 * publish was known) and the CMS's peak RSS against its idle RSS, next to
 * the issue's targets; writes the report to `--out`.
 *
 * bench/run.ts dispatches here and lends its servers, import and cleanup
 * (`BenchKit`): loopback only, children stopped and temp files removed at the
 * end, on failure and on Ctrl-C.
 */
import { fork, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { randomPassword } from '../src/bootstrap/admin-accounts';
import { Freshness, type PublishEvent } from './newsroom-freshness';
import { AGGREGATE_SHARES, ZIPF_S, readMix, readPool, requestOf, type Page, type Pool } from './newsroom-mix';
import type { WriterSummary } from './newsroom-writer';

// autocannon ships no types; the part used here.
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type AutocannonContext = { page?: Page; known?: number };
type AutocannonRequest = {
  setupRequest: (req: Record<string, unknown>, context: AutocannonContext) => Record<string, unknown>;
  onResponse: (status: number, body: string, context: AutocannonContext, headers: Record<string, unknown>) => void;
};
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GRAPHQL_LIST } = require(path.join(__dirname, '../../floor-server.js')) as { GRAPHQL_LIST: string };

const APP_DIR = path.resolve(__dirname, '..', '..', '..');

/** A server bench/run.ts started (the floor or the CMS), driven over its IPC channel. */
type BenchServer = { port: number; ask: <T>(type: string) => Promise<T>; stop: () => Promise<void> };

/** What bench/run.ts lends this workload. */
export type BenchKit = {
  runImport: (n: number, dir: string) => Promise<{ seconds: number; articlesPerSecond: number }>;
  prepareFloorDb: (source: string, target: string) => void;
  startFloor: (dbFile: string) => Promise<BenchServer>;
  startCms: (dir: string, env: Record<string, string>) => Promise<BenchServer>;
  /** Every child in here is stopped by the bench's cleanup (and its signal handlers). */
  children: Set<ChildProcess>;
  /** Removed by the bench's cleanup. */
  tempDirs: Set<string>;
  machineInfo: () => Record<string, unknown>;
};

type Flags = {
  n: number;
  duration: number;
  connections: number;
  publishEvery: number;
  warmUp: number;
  out: string;
  keep: boolean;
};

const parseFlags = (argv: readonly string[]): Flags => {
  const flags: Flags = {
    n: 10000,
    duration: 60,
    connections: 10,
    publishEvery: 20,
    warmUp: 1,
    out: path.join(APP_DIR, 'artifacts/bench/newsroom.json'),
    keep: false,
  };
  for (const arg of argv) {
    const [key, value = ''] = arg.replace(/^--/, '').split('=');
    if (key === 'n') flags.n = Number(value);
    else if (key === 'duration') flags.duration = Number(value);
    else if (key === 'connections') flags.connections = Number(value);
    else if (key === 'publish-every') flags.publishEvery = Number(value);
    else if (key === 'warm-up') flags.warmUp = Number(value);
    else if (key === 'out') flags.out = path.resolve(value);
    else if (key === 'keep') flags.keep = true;
    else
      throw new Error(
        `unknown flag "${arg}" for --workload=newsroom (expected --n=, --duration=, --connections=, --publish-every=, --warm-up=, --out=, --keep)`,
      );
  }
  if (!Number.isInteger(flags.n) || flags.n < 25) throw new Error('--n: one integer of at least 25');
  if (!Number.isInteger(flags.duration) || flags.duration < 2) throw new Error('--duration: whole seconds, at least 2');
  if (!Number.isInteger(flags.connections) || flags.connections < 1) throw new Error('--connections: at least 1');
  if (!Number.isInteger(flags.warmUp) || flags.warmUp < 1) throw new Error('--warm-up: whole seconds, at least 1');
  if (!Number.isInteger(flags.publishEvery) || flags.publishEvery < 1)
    throw new Error('--publish-every: whole seconds, at least 1');
  return flags;
};

/** The issue's targets (for N = 10,000). */
const TARGETS = { ratio: 0.5, hitRate: 0.9, p99Ms: 100, stale: 0, rssPeakOverIdle: 1.5 };
/** The measured runs (floor and CMS) read the same sequence; the warm-ups another, so they warm no page in advance. */
const READ_SEED = 0x72656164;
const WARM_UP_SEED = READ_SEED + 1;

type Load = {
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  byKind: Record<Page['kind'], number>;
};
type CacheFigures = { hits: number; misses: number; none: number; hitRate: number | null };
type ReaderFreshness = { checked: number; stale: number; draftLeaks: number; staleReads: string[] };

export type NewsroomReport = {
  date: string;
  machine: Record<string, unknown>;
  flags: Omit<Flags, 'out' | 'keep'>;
  mix: { zipfS: number; shares: Record<string, number>; locales: string[] };
  import: { seconds: number; articlesPerSecond: number };
  floor: Load;
  cms: Load & {
    cache: CacheFigures;
    rssIdleMB: number;
    rssPeakMB: number;
    freshness: ReaderFreshness;
  };
  writer: WriterSummary;
  figures: {
    ratio: number;
    hitRate: number | null;
    p99Ms: number;
    non2xx: number;
    staleReads: number;
    draftLeaks: number;
    rssPeakOverIdle: number;
  };
  targets: typeof TARGETS;
};

const mb = (bytes: number): number => Math.round(bytes / 1048576);
const log = (line: string): void => {
  process.stderr.write(`[bench newsroom] ${line}\n`);
};

const header = (headers: Record<string, unknown>, name: string): string | undefined => {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
};

/**
 * Loads the read mix for `seconds`; `onAnswer` sees every answer with the
 * page, and how many publishes were known when it was sent.
 */
const loadMix = async (
  port: number,
  pool: Pool,
  seed: number,
  seconds: number,
  connections: number,
  freshness: Freshness,
  onAnswer: (page: Page, known: number, status: number, body: string, headers: Record<string, unknown>) => void,
): Promise<Load> => {
  const next = readMix(pool, seed);
  const byKind: Load['byKind'] = { slug: 0, list: 0, graphql: 0, tag: 0 };
  const request: AutocannonRequest = {
    setupRequest: (req, context) => {
      const page = next();
      const r = requestOf(page, GRAPHQL_LIST);
      context.page = page;
      // Read when the request is built, just before it is written: only publishes known by then apply to it.
      context.known = freshness.size;
      return { ...req, method: r.method, path: r.path, body: r.body ?? '', headers: { ...r.headers } };
    },
    onResponse: (status, body, context, headers) => {
      if (!context.page) return;
      byKind[context.page.kind] += 1;
      onAnswer(context.page, context.known ?? 0, status, body, headers);
    },
  };
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [request],
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    byKind,
  };
};

/** Forks the writer; resolves once it has logged in. */
const startWriter = (
  kit: BenchKit,
  options: { port: number; poolFile: string; flags: Flags; run: string; email: string; password: string },
): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = fork(
      path.join(__dirname, 'newsroom-writer.js'),
      [
        `--port=${options.port}`,
        `--pool=${options.poolFile}`,
        `--duration=${options.flags.duration}`,
        `--publish-every=${options.flags.publishEvery}`,
        `--run=${options.run}`,
      ],
      {
        cwd: APP_DIR,
        env: { ...process.env },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    kit.children.add(child);
    // Over IPC, not the environment or the command line.
    child.send({ type: 'login', email: options.email, password: options.password });
    const timer = setTimeout(() => reject(new Error('the writer did not log in within 60 s')), 60_000);
    child.on('message', (message: { type?: string }) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      kit.children.delete(child);
      reject(new Error(`the writer exited (${code}) before it was ready`));
    });
  });

const ratioOf = (value: number, base: number): number => (base > 0 ? value / base : 0);

const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');

export const formatNewsroom = (report: NewsroomReport): string => {
  const { floor, cms, writer, figures, targets, flags } = report;
  const rows: [string, string, string, string, string][] = [
    ['req/s', floor.reqPerSec.toFixed(0), cms.reqPerSec.toFixed(0), '', ''],
    ['CMS / floor', '', figures.ratio.toFixed(2), `>= ${targets.ratio}`, verdict(figures.ratio >= targets.ratio)],
    ['p50 ms', String(floor.p50), String(cms.p50), '', ''],
    ['p99 ms', String(floor.p99), String(cms.p99), `<= ${targets.p99Ms}`, verdict(cms.p99 <= targets.p99Ms)],
    [
      'cache hit rate',
      '-',
      figures.hitRate === null ? '-' : `${(figures.hitRate * 100).toFixed(1)}%`,
      `>= ${targets.hitRate * 100}%`,
      verdict((figures.hitRate ?? 0) >= targets.hitRate),
    ],
    [
      'non-2xx/errors',
      String(floor.non2xx + floor.errors),
      String(cms.non2xx + cms.errors),
      '0',
      verdict(cms.non2xx + cms.errors === 0),
    ],
    [
      'stale reads',
      '-',
      `${figures.staleReads} (checker ${writer.checker.stale}/${writer.checker.reads}, readers ${cms.freshness.stale}/${cms.freshness.checked})`,
      '0',
      writer.events === 0 ? 'n/a: nothing was published' : verdict(figures.staleReads === targets.stale),
    ],
    ['draft leaks', '-', String(figures.draftLeaks), '0', verdict(figures.draftLeaks === 0)],
    [
      'RSS MB idle/peak',
      '-',
      `${cms.rssIdleMB}/${cms.rssPeakMB} (${figures.rssPeakOverIdle.toFixed(2)}x)`,
      `<= ${targets.rssPeakOverIdle}x`,
      verdict(figures.rssPeakOverIdle <= targets.rssPeakOverIdle),
    ],
  ];
  const widths = [17, 8, 44, 8, 6];
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 8))
      .join(' ')
      .trimEnd();
  const shares = Object.entries(report.mix.shares)
    .map(([k, v]) => `${k} ${(v * 100).toFixed(0)}%`)
    .join(', ');
  return [
    `newsroom workload: N=${flags.n}, ${flags.duration} s x ${flags.connections} connections; reads: ${shares} (article pages: Zipf s=${report.mix.zipfS}, id/en)`,
    `writer: ${writer.drafts.done}/${writer.drafts.attempted} drafts saved (${writer.drafts.skipped} skipped, p50 ${writer.drafts.p50Ms} ms), ${writer.publishes.done}/${writer.publishes.attempted} publishes (p50 ${writer.publishes.p50Ms} ms, max ${writer.publishes.maxMs} ms), ${writer.events} published versions checked`,
    line(['', 'floor', 'CMS', 'target', '']),
    ...rows.map(line),
    ...(writer.errors.length ? [`writer errors: ${writer.errors.slice(0, 5).join(' | ')}`] : []),
    ...[...writer.checker.staleReads, ...cms.freshness.staleReads].slice(0, 10).map((s) => `stale: ${s}`),
  ].join('\n');
};

export const runNewsroom = async (argv: readonly string[], kit: BenchKit): Promise<NewsroomReport> => {
  const flags = parseFlags(argv);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
  if (!flags.keep) kit.tempDirs.add(root);
  const startedAt = new Date();
  const machine = kit.machineInfo();
  const dir = path.join(root, `n${flags.n}`);
  fs.mkdirSync(dir, { recursive: true });

  log(`N=${flags.n}: importing the corpus…`);
  const imported = await kit.runImport(flags.n, dir);
  const dbFile = path.join(dir, 'data.db');
  const floorDb = path.join(dir, 'floor.db');
  kit.prepareFloorDb(dbFile, floorDb);
  const pool = readPool(dbFile);
  const poolFile = path.join(root, 'pool.json');
  fs.writeFileSync(poolFile, JSON.stringify(pool));

  log(`N=${flags.n}: floor, readers only…`);
  const floorServer = await kit.startFloor(floorDb);
  const none = new Freshness();
  const ignore = (): void => undefined;
  await loadMix(floorServer.port, pool, WARM_UP_SEED, flags.warmUp, flags.connections, none, ignore);
  const floor = await loadMix(floorServer.port, pool, READ_SEED, flags.duration, flags.connections, none, ignore);
  await floorServer.stop();

  log(`N=${flags.n}: starting the CMS…`);
  const email = 'bench-editor@newsroom.test';
  const password = randomPassword();
  const cmsServer = await kit.startCms(dir, {
    CACHE_ENABLED: 'true',
    PERF_OPTIMIZATIONS: 'true',
    EDITOR_EMAIL: email,
    EDITOR_PASSWORD: password,
  });
  const run = randomBytes(3).toString('hex');
  const writer = await startWriter(kit, { port: cmsServer.port, poolFile, flags, run, email, password });
  const summary = new Promise<WriterSummary>((resolve, reject) => {
    writer.on('message', (message: { type?: string; summary?: WriterSummary }) => {
      if (message?.type === 'summary' && message.summary) resolve(message.summary);
    });
    writer.once('exit', (code) => reject(new Error(`the writer exited (${code}) without its summary`)));
  });
  // Handled by whoever awaits it; a rejection before then must not end the process.
  summary.catch(() => undefined);
  const freshness = new Freshness();
  writer.on('message', (message: { type?: string; event?: PublishEvent }) => {
    if (message?.type === 'published' && message.event) freshness.add(message.event);
  });

  const rssIdle = (await cmsServer.ask<{ rss: number }>('stats')).rss;
  await cmsServer.ask('reset-peak');
  const cache: CacheFigures = { hits: 0, misses: 0, none: 0, hitRate: null };
  const readers: ReaderFreshness = { checked: 0, stale: 0, draftLeaks: 0, staleReads: [] };
  await loadMix(cmsServer.port, pool, WARM_UP_SEED, flags.warmUp, flags.connections, freshness, ignore);

  log(`N=${flags.n}: CMS, readers and the writer for ${flags.duration} s…`);
  const started = Date.now();
  writer.send({ type: 'go' });
  const cmsLoad = await loadMix(
    cmsServer.port,
    pool,
    READ_SEED,
    flags.duration,
    flags.connections,
    freshness,
    (page, known, status, body, headers) => {
      const xCache = header(headers, 'x-cache');
      if (xCache === 'HIT') cache.hits += 1;
      else if (xCache === 'MISS') cache.misses += 1;
      else cache.none += 1;
      const judged = freshness.judge(page, body, known);
      if (judged.checked) readers.checked += 1;
      if (judged.draftLeak) readers.draftLeaks += 1;
      if (judged.stale && status === 200) {
        readers.stale += 1;
        if (readers.staleReads.length < 20) {
          readers.staleReads.push(`reader ${page.kind} ${page.locale} at ${Date.now() - started} ms`);
        }
      }
    },
  );
  log(`N=${flags.n}: waiting for the writer's last checks…`);
  const writerSummary = await Promise.race([
    summary,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the writer sent no summary within 60 s of the end')), 60_000).unref(),
    ),
  ]);
  const rssPeak = (await cmsServer.ask<{ peakRss: number }>('stats')).peakRss;
  await cmsServer.stop();

  const answered = cache.hits + cache.misses;
  cache.hitRate = answered ? cache.hits / answered : null;
  const report: NewsroomReport = {
    date: startedAt.toISOString(),
    machine,
    flags: {
      n: flags.n,
      duration: flags.duration,
      connections: flags.connections,
      publishEvery: flags.publishEvery,
      warmUp: flags.warmUp,
    },
    mix: {
      zipfS: ZIPF_S,
      shares: {
        article: 1 - AGGREGATE_SHARES.list - AGGREGATE_SHARES.graphql - AGGREGATE_SHARES.tag,
        ...AGGREGATE_SHARES,
      },
      locales: ['id', 'en'],
    },
    import: { seconds: imported.seconds, articlesPerSecond: imported.articlesPerSecond },
    floor,
    cms: { ...cmsLoad, cache, rssIdleMB: mb(rssIdle), rssPeakMB: mb(rssPeak), freshness: readers },
    writer: writerSummary,
    figures: {
      ratio: ratioOf(cmsLoad.reqPerSec, floor.reqPerSec),
      hitRate: cache.hitRate,
      p99Ms: cmsLoad.p99,
      non2xx: cmsLoad.non2xx + cmsLoad.errors,
      staleReads: readers.stale + writerSummary.checker.stale,
      draftLeaks: readers.draftLeaks + writerSummary.checker.draftLeaks,
      rssPeakOverIdle: ratioOf(rssPeak, rssIdle),
    },
    targets: TARGETS,
  };
  fs.mkdirSync(path.dirname(flags.out), { recursive: true });
  fs.writeFileSync(flags.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(formatNewsroom(report));
  console.log(
    `\nwrote ${flags.out.startsWith(APP_DIR) ? path.relative(APP_DIR, flags.out) : flags.out}${flags.keep ? `; databases kept in ${root}` : ''}`,
  );
  return report;
};
