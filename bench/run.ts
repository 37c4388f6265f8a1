/**
 * `npm run bench [-- --n=1000,10000] [--full] [--duration=15] [--connections=10] [--keep]
 *   [--modes=cached,uncached,stock] [--pages=list,slug,tag,graphql] [--engines=sqlite,postgres]
 *   [--out=artifacts/bench]`
 *
 * For each N and engine: builds the deterministic corpus through the project's
 * import path (child process, throwaway SQLite file or PostgreSQL database),
 * then, on SQLite, loads the same four page requests with autocannon against
 *   - the floor (bench/floor-server.js: node:http + better-sqlite3),
 *   - the CMS (production build) with the response cache on (CACHE_ENABLED=true),
 *   - the CMS with it off (CACHE_ENABLED=false),
 *   - stock: PERF_OPTIMIZATIONS=false, cache off, and every `nr_idx_` index dropped (on a copy),
 * and a rotating mix of search queries (bench/search-queries.ts) against each
 * CMS mode. On PostgreSQL: the import and the search mix only (cached and
 * uncached; the floor and stock are SQLite's). Before loading, each CMS page
 * answer is compared byte for byte with the floor's, and every search answer
 * must be a 200 with hits. Prints a table and writes
 * artifacts/bench/results.json and chart.svg. Loopback only; children, temp
 * files and databases are removed at the end (or on Ctrl-C).
 */
import { fork, spawn, type ChildProcess } from 'child_process';
import { stopChildren } from '../scripts/lib/processes';
import fs from 'fs';
import os from 'os';
import path from 'path';
import net from 'net';
import { renderChart } from './chart';
import { runNewsroom } from './newsroom';
import { createBenchDatabase, dropBenchDatabase, ENGINES, postgresAnswers, type Engine } from './engine';
import { searchQueries, type SearchQuery } from './search-queries';

// autocannon ships no types; the part used here.
type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// better-sqlite3 (a dependency of the app) without @types: the part used here.
type Db = {
  prepare(sql: string): { all(...args: unknown[]): unknown[]; get(...args: unknown[]): unknown };
  exec(sql: string): void;
  close(): void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string, options?: { readonly?: boolean }) => Db;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GRAPHQL_LIST } = require(path.join(__dirname, '../../floor-server.js')) as {
  GRAPHQL_LIST: string;
};

const APP_DIR = path.resolve(__dirname, '..', '..', '..');
const FLOOR_SCRIPT = path.join(APP_DIR, 'bench/floor-server.js');
const ARTIFACTS = path.join(APP_DIR, 'artifacts/bench');

type Flags = {
  ns: number[];
  duration: number;
  connections: number;
  keep: boolean;
  modes: Mode[];
  /** Which page requests run (all by default); search always runs. */
  pages: string[];
  engines: Engine[];
  /** Where results.json, results.md and chart.svg go. */
  out: string;
};
type Mode = 'cached' | 'uncached' | 'stock';
const MODES: Mode[] = ['cached', 'uncached', 'stock'];
/** The page requests of requestsFor, by name. */
const PAGE_NAMES = ['list', 'slug', 'tag', 'graphql'];

const parseFlags = (argv: readonly string[]): Flags => {
  const flags: Flags = {
    ns: [1000, 10000],
    duration: 15,
    connections: 10,
    keep: false,
    modes: MODES,
    pages: PAGE_NAMES,
    engines: ['sqlite'],
    out: ARTIFACTS,
  };
  let full = false;
  for (const arg of argv) {
    const [key, value = ''] = arg.replace(/^--/, '').split('=');
    if (key === 'n') flags.ns = value.split(',').map((v) => Number(v.trim()));
    else if (key === 'full') full = true;
    else if (key === 'duration') flags.duration = Number(value);
    else if (key === 'connections') flags.connections = Number(value);
    else if (key === 'keep') flags.keep = true;
    else if (key === 'modes') flags.modes = value.split(',') as Mode[];
    else if (key === 'pages') flags.pages = value.split(',').map((v) => v.trim());
    else if (key === 'engines' || key === 'engine') flags.engines = value.split(',').map((v) => v.trim()) as Engine[];
    else if (key === 'out' && value) flags.out = path.resolve(value);
    else
      throw new Error(
        `unknown flag "${arg}" (expected --n=, --full, --duration=, --connections=, --modes=, --pages=, --engines=, --out=, --keep)`,
      );
  }
  if (full && !flags.ns.includes(100000)) flags.ns.push(100000);
  if (flags.ns.some((n) => !Number.isInteger(n) || n < 25)) throw new Error('--n: integers of at least 25');
  if (!(flags.duration > 0) || !(flags.connections > 0))
    throw new Error('--duration and --connections must be positive');
  if (flags.modes.some((m) => !MODES.includes(m))) throw new Error(`--modes: any of ${MODES.join(',')}`);
  if (flags.pages.length === 0 || flags.pages.some((p) => !PAGE_NAMES.includes(p)))
    throw new Error(`--pages: any of ${PAGE_NAMES.join(',')}`);
  if (flags.engines.length === 0 || flags.engines.some((e) => !ENGINES.includes(e)))
    throw new Error(`--engines: any of ${ENGINES.join(',')}`);
  return flags;
};

type BenchRequest = {
  name: string;
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** A mix: the load sends these paths in turn (one counter over all connections); `path` is the first. */
  paths?: readonly string[];
};

type Sample = {
  engine: Engine;
  server: 'floor' | Mode;
  request: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  statementsPerRequest: number | null;
};

/** One load's figures; `statements` is the SQL the CMS ran during it (null for the floor, which is not counted). */
const sampleOf = (
  engine: Engine,
  server: Sample['server'],
  request: string,
  result: AutocannonResult,
  statements: number | null,
): Sample => ({
  engine,
  server,
  request,
  reqPerSec: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors + result.timeouts,
  statementsPerRequest: statements !== null && result.requests.total ? statements / result.requests.total : null,
});

/** The search answers checked before a load: each query of the mix must be a 200 with at least one hit. */
type SearchCheck = { queries: number; withHits: number; failures: string[] };

type ServerRun = {
  engine: Engine;
  server: 'floor' | Mode;
  env: Record<string, string>;
  rssIdleMB: number | null;
  rssPeakMB: number | null;
  rssAfterMB: number | null;
  indexesDropped?: number;
  identical: Record<
    string,
    { identical: boolean; bytes: number; floorBytes: number; difference?: string; xCache?: string | null }
  >;
  search?: SearchCheck;
};

type ImportFigures = {
  seconds: number;
  articlesPerSecond: number;
  statementsPerArticle: number;
  /** The search index's listener after each committed batch (bench/load-corpus.ts); null when none ran. */
  searchIndex: { ms: number; versions: number; msPerVersion: number } | null;
};

type NResult = {
  n: number;
  imports: Partial<Record<Engine, ImportFigures>>;
  servers: ServerRun[];
  samples: Sample[];
};

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
/** PostgreSQL databases to drop in cleanup(); those kept by --keep are listed at the end. */
const databases = new Set<string>();
const keptDatabases: string[] = [];

let cleaning: Promise<void> | undefined;

/**
 * Stops every child (SIGKILL after 1.5 s: scripts/lib/processes.ts), then removes the temporary folders
 * and drops the PostgreSQL databases. Once: a Ctrl-C and the failure it causes wait for the same cleanup.
 */
const cleanup = (): Promise<void> =>
  (cleaning ??= (async () => {
    await stopChildren(children);
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
    for (const name of databases) {
      try {
        await dropBenchDatabase(name);
        databases.delete(name);
      } catch (error) {
        log(`could not drop the database ${name}: ${(error as Error).message}`);
      }
    }
  })());

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const mb = (bytes: number | null | undefined): number | null => (bytes ? Math.round(bytes / 1048576) : null);

const pgArgs = (pgDatabase: string | undefined): string[] => (pgDatabase ? [`--pg-database=${pgDatabase}`] : []);

const runImport = (n: number, dir: string, pgDatabase?: string): Promise<ImportFigures> =>
  new Promise((resolve, reject) => {
    const script = path.join(__dirname, 'import-corpus.js');
    const child = spawn(process.execPath, [script, `--n=${n}`, `--dir=${dir}`, ...pgArgs(pgDatabase)], {
      cwd: APP_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its temporary files (Strapi's upload folders) inside the bench's folder: a killed importer
      // cannot clean them up, and the bench removes that folder on every exit.
      env: { ...process.env, TMPDIR: dir },
    });
    children.add(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      children.delete(child);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`import of ${n} articles failed (exit ${code})`));
      const parsed = JSON.parse(line) as ImportFigures;
      resolve({
        seconds: parsed.seconds,
        articlesPerSecond: parsed.articlesPerSecond,
        statementsPerArticle: parsed.statementsPerArticle,
        searchIndex: parsed.searchIndex,
      });
    });
  });

type Managed = { child: ChildProcess; port: number; ask: <T>(type: string) => Promise<T>; stop: () => Promise<void> };

const manage = (child: ChildProcess, port: number): Managed => {
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string }): void => {
        if (message?.type !== type) return;
        child.off('message', onMessage);
        clearTimeout(timer);
        resolve(message as T);
      };
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`no answer to ${type}`));
      }, 10_000);
      child.on('message', onMessage);
      child.send({ type });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        children.delete(child);
        resolve();
      });
      child.send({ type: 'stop' });
    });
  return { child, port, ask, stop };
};

const waitReady = (child: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.on('message', (message: { type?: string }) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready`));
    });
  });

const startCms = async (dir: string, env: Record<string, string>, pgDatabase?: string): Promise<Managed> => {
  const port = await freePort();
  const child = fork(path.join(__dirname, 'serve-cms.js'), [`--dir=${dir}`, ...pgArgs(pgDatabase)], {
    cwd: APP_DIR,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), BENCH_SQL_COUNT: 'true', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  await waitReady(child, 'the CMS');
  return manage(child, port);
};

const startFloor = async (dbFile: string): Promise<Managed> => {
  const port = await freePort();
  const child = fork(FLOOR_SCRIPT, [`--db=${dbFile}`, `--port=${port}`], {
    cwd: APP_DIR,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.add(child);
  await waitReady(child, 'the floor');
  return manage(child, port);
};

/** The floor's own indexes, on its own copy: what a hand-written server would have. */
const FLOOR_INDEXES = [
  'CREATE INDEX IF NOT EXISTS floor_idx_articles_list ON articles (locale, published_at, first_published_at)',
  'CREATE INDEX IF NOT EXISTS floor_idx_articles_slug ON articles (slug, locale)',
  'CREATE INDEX IF NOT EXISTS floor_idx_articles_doc ON articles (document_id, locale)',
  'CREATE INDEX IF NOT EXISTS floor_idx_tags_slug ON tags (slug, locale)',
  'CREATE INDEX IF NOT EXISTS floor_idx_tags_doc ON tags (document_id, locale)',
  'CREATE INDEX IF NOT EXISTS floor_idx_tags_lnk_tag ON articles_tags_lnk (tag_id, article_id)',
  'CREATE INDEX IF NOT EXISTS floor_idx_tags_lnk_article ON articles_tags_lnk (article_id, tag_ord)',
  'CREATE INDEX IF NOT EXISTS floor_idx_cmps ON articles_cmps (entity_id, field, "order")',
  'CREATE INDEX IF NOT EXISTS floor_idx_media ON files_related_mph (related_id, related_type, field)',
  'CREATE INDEX IF NOT EXISTS floor_idx_links_lnk ON articles_related_links_lnk (article_id, related_link_ord)',
  'CREATE INDEX IF NOT EXISTS floor_idx_target_lnk ON related_links_target_lnk (related_link_id)',
  'CREATE INDEX IF NOT EXISTS floor_idx_author_lnk ON articles_author_lnk (article_id)',
  'CREATE INDEX IF NOT EXISTS floor_idx_read_also_lnk ON components_content_read_alsos_link_lnk (read_also_id)',
];

/** A consistent copy of a (possibly WAL-mode) SQLite file whose writers have all closed. */
const copyDb = (source: string, target: string): void => {
  const db = new Database(source);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  fs.copyFileSync(source, target);
};

const prepareFloorDb = (source: string, target: string): void => {
  copyDb(source, target);
  const db = new Database(target);
  // A rollback journal: the read-only floor then needs no -wal/-shm files.
  db.exec('PRAGMA journal_mode = DELETE');
  for (const sql of FLOOR_INDEXES) db.exec(sql);
  db.exec('ANALYZE');
  db.close();
};

/** Drops every project index (`nr_idx_…`) from a database file; returns how many it dropped. */
const dropProjectIndexes = (file: string): number => {
  const db = new Database(file);
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'nr\\_idx\\_%' ESCAPE '\\'")
    .all() as { name: string }[];
  for (const { name } of names) db.exec(`DROP INDEX IF EXISTS "${name.replace(/"/g, '""')}"`);
  db.close();
  return names.length;
};

const fetchBody = async (
  port: number,
  r: BenchRequest,
): Promise<{ status: number; body: Buffer; xCache: string | null }> => {
  const response = await fetch(`http://127.0.0.1:${port}${r.path}`, {
    method: r.method,
    headers: r.headers,
    body: r.body,
  });
  return {
    status: response.status,
    body: Buffer.from(await response.arrayBuffer()),
    xCache: response.headers.get('x-cache'),
  };
};

const describeDifference = (a: Buffer, b: Buffer): string => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const around = (buf: Buffer): string => buf.subarray(Math.max(0, i - 60), i + 60).toString('utf8');
  return `first difference at byte ${i}: cms …${around(a)}… floor …${around(b)}…`;
};

/** autocannon's per-request hook: the next path of the mix, from one counter shared by every connection. */
const rotating = (paths: readonly string[]): ((request: Record<string, unknown>) => Record<string, unknown>) => {
  let next = 0;
  return (request) => ({ ...request, path: paths[next++ % paths.length] });
};

const load = async (port: number, r: BenchRequest, flags: Flags): Promise<AutocannonResult> =>
  autocannon({
    url: `http://127.0.0.1:${port}${r.path}`,
    method: r.method,
    body: r.body,
    headers: r.headers,
    connections: flags.connections,
    duration: flags.duration,
    ...(r.paths ? { requests: [{ setupRequest: rotating(r.paths) }] } : {}),
  });

/** Every query of the mix, once: a 200 whose `data` holds at least one hit. */
const checkSearch = async (port: number, queries: readonly SearchQuery[]): Promise<SearchCheck> => {
  const failures: string[] = [];
  for (const query of queries) {
    const response = await fetch(`http://127.0.0.1:${port}${query.path}`);
    const text = await response.text();
    let hits = 0;
    try {
      const data = (JSON.parse(text) as { data?: unknown }).data;
      hits = Array.isArray(data) ? data.length : 0;
    } catch {
      // not JSON: no hits
    }
    if (response.status !== 200 || hits === 0)
      failures.push(`${query.locale} "${query.q}": status ${response.status}, ${hits} hits`);
  }
  return { queries: queries.length, withHits: queries.length - failures.length, failures };
};

const pickSlug = (file: string): string => {
  const db = new Database(file, { readonly: true });
  const total = (
    db.prepare("SELECT count(*) AS n FROM articles WHERE locale = 'id' AND published_at IS NOT NULL").get() as {
      n: number;
    }
  ).n;
  const row = db
    .prepare("SELECT slug FROM articles WHERE locale = 'id' AND published_at IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?")
    .get(Math.floor(total / 2)) as { slug: string };
  db.close();
  return row.slug;
};

const requestsFor = (slug: string): BenchRequest[] => [
  {
    name: 'list',
    label: 'REST list (20 newest, id)',
    method: 'GET',
    path: '/api/articles?locale=id&pagination[pageSize]=20',
  },
  {
    name: 'slug',
    label: 'REST article by slug',
    method: 'GET',
    path: `/api/articles/slug/${encodeURIComponent(slug)}?locale=id`,
  },
  { name: 'tag', label: 'REST tag page', method: 'GET', path: '/api/tags?filters[slug][$eq]=topik-1&locale=id' },
  {
    name: 'graphql',
    label: 'GraphQL list (20 newest, id)',
    method: 'POST',
    path: '/graphql',
    body: JSON.stringify({ query: GRAPHQL_LIST, variables: { locale: 'id' } }),
    headers: { 'content-type': 'application/json' },
  },
];

const SEARCH_QUERIES = searchQueries();

/** The search mix: GET /api/search?q=…&locale=… over the queries in turn (no floor: docs/performance.md). */
const SEARCH_REQUEST: BenchRequest = {
  name: 'search',
  label: `REST search, ${SEARCH_QUERIES.length} queries in turn (id, en)`,
  method: 'GET',
  path: SEARCH_QUERIES[0]?.path ?? '/api/search?q=berita',
  paths: SEARCH_QUERIES.map((q) => q.path),
};

const MODE_ENV: Record<Mode, Record<string, string>> = {
  cached: { CACHE_ENABLED: 'true', PERF_OPTIMIZATIONS: 'true' },
  uncached: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'true' },
  stock: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'false' },
};

/** The CMS in one mode on one engine: checks its answers, then loads each request; stopped at the end. */
const serveAndLoad = async (
  n: number,
  engine: Engine,
  mode: Mode,
  flags: Flags,
  serve: { dir: string; pgDatabase?: string },
  pages: { requests: BenchRequest[]; floorBodies: Map<string, Buffer> } | null,
): Promise<{ run: ServerRun; samples: Sample[] }> => {
  const env = MODE_ENV[mode];
  const what = `N=${n}: ${engine} ${mode}`;
  log(`${what}: starting the CMS…`);
  const cms = await startCms(serve.dir, env, serve.pgDatabase);
  const run: ServerRun = {
    engine,
    server: mode,
    env,
    rssIdleMB: null,
    rssPeakMB: null,
    rssAfterMB: null,
    identical: {},
  };
  // Indexes a boot step may have re-created are dropped again under the running server.
  if (mode === 'stock') run.indexesDropped = dropProjectIndexes(path.join(serve.dir, 'data.db'));
  for (const r of pages?.requests ?? []) {
    const first = await fetchBody(cms.port, r);
    const again = await fetchBody(cms.port, r);
    const floorBody = pages?.floorBodies.get(r.name) as Buffer;
    const identical = first.status === 200 && first.body.equals(floorBody) && again.body.equals(floorBody);
    run.identical[r.name] = {
      identical,
      bytes: first.body.length,
      floorBytes: floorBody.length,
      xCache: again.xCache,
      ...(identical
        ? {}
        : {
            difference: first.status !== 200 ? `status ${first.status}` : describeDifference(first.body, floorBody),
          }),
    };
    if (!identical) log(`${what} ${r.name} is NOT byte-identical to the floor: ${run.identical[r.name]?.difference}`);
  }
  run.search = await checkSearch(cms.port, SEARCH_QUERIES);
  if (run.search.failures.length > 0)
    log(`${what} search: ${run.search.failures.length} queries without hits: ${run.search.failures.join('; ')}`);
  run.rssIdleMB = mb((await cms.ask<{ rss: number }>('stats')).rss);
  await cms.ask('reset-peak');
  const samples: Sample[] = [];
  for (const r of [...(pages?.requests ?? []), SEARCH_REQUEST]) {
    log(`${what} ${r.name}…`);
    await load(cms.port, r, { ...flags, duration: 1 });
    const before = await cms.ask<{ statements: number }>('stats');
    const result = await load(cms.port, r, flags);
    const after = await cms.ask<{ statements: number }>('stats');
    samples.push(sampleOf(engine, mode, r.name, result, after.statements - before.statements));
    if (result.non2xx + result.errors + result.timeouts > 0) {
      log(
        `${what} WARNING ${r.name}: ${result.non2xx} non-2xx answers, ${result.errors + result.timeouts} errors under load`,
      );
    }
  }
  run.rssPeakMB = mb((await cms.ask<{ peakRss: number }>('stats')).peakRss);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  run.rssAfterMB = mb((await cms.ask<{ rss: number }>('stats')).rss);
  await cms.stop();
  return { run, samples };
};

const logImport = (n: number, engine: Engine, imported: ImportFigures): void => {
  const index = imported.searchIndex;
  const indexing = index
    ? `; search index ${index.msPerVersion.toFixed(2)} ms per published locale version` +
      ` (${index.versions} versions, ${(index.ms / 1000).toFixed(1)} s)`
    : '; no search index listener ran';
  const rate = `${imported.articlesPerSecond.toFixed(1)} articles/s`;
  const sql = `${imported.statementsPerArticle.toFixed(2)} SQL statements/article`;
  log(`N=${n}: ${engine}: imported in ${imported.seconds.toFixed(1)} s = ${rate} (${sql})${indexing}`);
};

/** SQLite: the import, the floor, then each mode on the page requests and the search mix. */
const benchSqlite = async (n: number, flags: Flags, root: string, result: NResult): Promise<void> => {
  const dir = path.join(root, `n${n}`);
  fs.mkdirSync(dir, { recursive: true });
  log(`N=${n}: sqlite: importing the corpus…`);
  const imported = await runImport(n, dir);
  result.imports.sqlite = imported;
  logImport(n, 'sqlite', imported);
  const dbFile = path.join(dir, 'data.db');
  const floorDb = path.join(dir, 'floor.db');
  prepareFloorDb(dbFile, floorDb);
  const requests = requestsFor(pickSlug(dbFile)).filter((r) => flags.pages.includes(r.name));

  const floor = await startFloor(floorDb);
  const floorBodies = new Map<string, Buffer>();
  for (const r of requests) {
    const { status, body } = await fetchBody(floor.port, r);
    if (status !== 200) throw new Error(`floor answered ${status} to ${r.name}`);
    floorBodies.set(r.name, body);
  }
  const floorRun: ServerRun = {
    engine: 'sqlite',
    server: 'floor',
    env: {},
    rssIdleMB: null,
    rssPeakMB: null,
    rssAfterMB: null,
    identical: {},
  };
  floorRun.rssIdleMB = mb((await floor.ask<{ rss: number }>('stats')).rss);
  for (const r of requests) {
    log(`N=${n}: floor ${r.name}…`);
    await load(floor.port, r, { ...flags, duration: 1 });
    const loaded = await load(floor.port, r, flags);
    result.samples.push(sampleOf('sqlite', 'floor', r.name, loaded, null));
  }
  result.servers.push(floorRun);
  await floor.stop();

  for (const mode of flags.modes) {
    let serveDir = dir;
    if (mode === 'stock') {
      serveDir = path.join(dir, 'stock');
      fs.mkdirSync(serveDir, { recursive: true });
      copyDb(dbFile, path.join(serveDir, 'data.db'));
      fs.cpSync(path.join(dir, 'public'), path.join(serveDir, 'public'), { recursive: true });
      dropProjectIndexes(path.join(serveDir, 'data.db'));
    }
    const { run, samples } = await serveAndLoad(n, 'sqlite', mode, flags, { dir: serveDir }, { requests, floorBodies });
    result.servers.push(run);
    result.samples.push(...samples);
  }
};

/**
 * PostgreSQL: the import and the search mix, cached and uncached, on a
 * database of its own, dropped after this N. No page rows: their floor reads
 * SQLite (other documentIds, so no byte identity), and stock's index drop is
 * SQLite's.
 */
const benchPostgres = async (n: number, flags: Flags, root: string, result: NResult): Promise<void> => {
  const dir = path.join(root, `n${n}-postgres`);
  fs.mkdirSync(dir, { recursive: true });
  const pgDatabase = await createBenchDatabase();
  if (flags.keep) keptDatabases.push(pgDatabase);
  else databases.add(pgDatabase);
  try {
    log(`N=${n}: postgres: importing the corpus into ${pgDatabase}…`);
    const imported = await runImport(n, dir, pgDatabase);
    result.imports.postgres = imported;
    logImport(n, 'postgres', imported);
    for (const mode of flags.modes.filter((m) => m !== 'stock')) {
      const { run, samples } = await serveAndLoad(n, 'postgres', mode, flags, { dir, pgDatabase }, null);
      result.servers.push(run);
      result.samples.push(...samples);
    }
  } finally {
    if (!flags.keep) {
      // On failure a CMS may still hold connections: stop it first (the drop would close them anyway).
      await stopChildren(children);
      // Out of the set only once dropped: a Ctrl-C meanwhile has cleanup() drop it before the bench exits.
      try {
        await dropBenchDatabase(pgDatabase);
        databases.delete(pgDatabase);
      } catch (error) {
        log(`could not drop the database ${pgDatabase}: ${(error as Error).message}`);
      }
    }
  }
};

const benchN = async (n: number, flags: Flags, root: string): Promise<NResult> => {
  const result: NResult = { n, imports: {}, servers: [], samples: [] };
  for (const engine of flags.engines) {
    if (engine === 'sqlite') await benchSqlite(n, flags, root, result);
    else await benchPostgres(n, flags, root, result);
  }
  return result;
};

const pad = (value: string, width: number): string =>
  value.length >= width ? value : value + ' '.repeat(width - value.length);
const lpad = (value: string, width: number): string =>
  value.length >= width ? value : ' '.repeat(width - value.length) + value;

/**
 * A page row: byte identity with the floor; a search row: how many queries of the mix answered 200 with hits
 * before the load. Either way, any answer under load that was not a 2xx (a run with those measured something else).
 */
const answerCell = (sample: Sample, server: ServerRun | undefined, none: string): string => {
  const failed = sample.non2xx + sample.errors;
  let check: string;
  if (sample.server === 'floor') check = none;
  else if (sample.request === SEARCH_REQUEST.name) {
    const search = server?.search;
    check = search ? `${search.failures.length ? 'NO: ' : ''}hits ${search.withHits}/${search.queries}` : none;
  } else check = server?.identical[sample.request]?.identical ? 'yes' : 'NO';
  return failed > 0 ? `${check}; ${failed} non-2xx/errors` : check;
};

/** The floor's sample of the same request: the floor reads SQLite, so only SQLite rows have a ratio. */
const floorOf = (result: NResult, sample: Sample): Sample | undefined =>
  sample.engine === 'sqlite'
    ? result.samples.find((s) => s.server === 'floor' && s.request === sample.request)
    : undefined;

const serverOf = (result: NResult, sample: Sample): ServerRun | undefined =>
  result.servers.find((s) => s.server === sample.server && s.engine === sample.engine);

const ENGINE_LABEL: Record<Engine, string> = { sqlite: 'sqlite', postgres: 'pg' };

const importLine = (n: string, engine: Engine, figures: ImportFigures, digits: number): string => {
  const indexing = figures.searchIndex
    ? `, search index ${figures.searchIndex.msPerVersion.toFixed(2)} ms per published locale version`
    : ', no search index listener ran';
  const sql = `${figures.statementsPerArticle.toFixed(2)} SQL statements per article`;
  return `N=${n} ${engine}: ${figures.articlesPerSecond.toFixed(1)} articles/s (${figures.seconds.toFixed(digits)} s, ${sql}${indexing})`;
};

const importsOf = (result: NResult): [Engine, ImportFigures][] =>
  ENGINES.flatMap((engine) => {
    const figures = result.imports[engine];
    return figures ? [[engine, figures] as [Engine, ImportFigures]] : [];
  });

export const formatTable = (results: NResult[]): string => {
  const lines: string[] = [];
  const header = [
    'N',
    'db',
    'request',
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'x floor',
    'SQL/req',
    'RSS idle/peak MB',
    'identical',
  ];
  const widths = [7, 6, 9, 9, 8, 7, 7, 8, 8, 17, 9];
  lines.push(header.map((h, i) => pad(h, widths[i] ?? 8)).join(' '));
  for (const result of results) {
    for (const [engine, figures] of importsOf(result))
      lines.push(`import ${importLine(String(result.n), engine, figures, 1)}`);
    for (const sample of result.samples) {
      const floor = floorOf(result, sample);
      const server = serverOf(result, sample);
      const cells = [
        String(result.n),
        ENGINE_LABEL[sample.engine],
        sample.request,
        sample.server,
        sample.reqPerSec.toFixed(0),
        String(sample.p50),
        String(sample.p99),
        floor ? (sample.reqPerSec / floor.reqPerSec).toFixed(2) : '-',
        sample.statementsPerRequest === null ? '-' : sample.statementsPerRequest.toFixed(1),
        server?.rssIdleMB ? `${server.rssIdleMB}/${server.rssPeakMB ?? '?'}` : '-',
        answerCell(sample, server, '-'),
      ];
      lines.push(cells.map((c, i) => (i >= 4 && i <= 8 ? lpad(c, widths[i] ?? 8) : pad(c, widths[i] ?? 8))).join(' '));
    }
  }
  return lines.join('\n');
};

/** The same figures as a Markdown table (for docs/performance.md's "Latest results"). */
export const formatMarkdown = (results: NResult[]): string => {
  const lines = [
    '| N | db | request | server | req/s | p50 ms | p99 ms | × floor | SQL/req | RSS idle/peak MB | identical |',
    '| ---: | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const result of results) {
    for (const sample of result.samples) {
      const floor = floorOf(result, sample);
      const server = serverOf(result, sample);
      lines.push(
        `| ${[
          result.n.toLocaleString('en-US'),
          ENGINE_LABEL[sample.engine],
          sample.request,
          sample.server,
          sample.reqPerSec.toFixed(0),
          sample.p50,
          sample.p99,
          floor ? (sample.reqPerSec / floor.reqPerSec).toFixed(2) : '–',
          sample.statementsPerRequest === null ? '–' : sample.statementsPerRequest.toFixed(1),
          server?.rssPeakMB ? `${server.rssIdleMB}/${server.rssPeakMB}` : `${server?.rssIdleMB ?? '–'}`,
          answerCell(sample, server, '–'),
        ].join(' | ')} |`,
      );
    }
  }
  const imports = results.flatMap((r) =>
    importsOf(r).map(([engine, figures]) => importLine(r.n.toLocaleString('en-US'), engine, figures, 0)),
  );
  return `${lines.join('\n')}\n\nImport: ${imports.join('; ')}.\n`;
};

const machineInfo = () => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGB: Math.round(os.totalmem() / 1073741824),
  platform: `${os.platform()} ${os.release()}`,
  node: process.version,
  loadAverage1m: Number(os.loadavg()[0]?.toFixed(2)),
});

const main = async (): Promise<void> => {
  if (process.argv.includes('--workload=newsroom')) {
    // Readers and a writer at once: bench/newsroom.ts, on this file's servers, import and cleanup.
    const kit = { runImport, prepareFloorDb, startFloor, startCms, children, tempDirs, machineInfo };
    await runNewsroom(
      process.argv.slice(2).filter((a) => a !== '--workload=newsroom'),
      kit,
    ).finally(cleanup);
    return;
  }
  const flags = parseFlags(process.argv.slice(2));
  // Before minutes of SQLite work: a PostgreSQL that does not answer is said at once.
  if (flags.engines.includes('postgres')) await postgresAnswers();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
  if (!flags.keep) tempDirs.add(root);
  const startedAt = new Date();
  const results: NResult[] = [];
  const machine = machineInfo();
  const write = (): void => {
    const report = {
      date: startedAt.toISOString(),
      machine,
      flags: {
        ns: flags.ns,
        duration: flags.duration,
        connections: flags.connections,
        modes: flags.modes,
        engines: flags.engines,
      },
      complete: results.length === flags.ns.length,
      results,
    };
    fs.mkdirSync(flags.out, { recursive: true });
    fs.writeFileSync(path.join(flags.out, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(flags.out, 'chart.svg'), renderChart(report));
    fs.writeFileSync(path.join(flags.out, 'results.md'), formatMarkdown(results));
  };
  try {
    for (const n of flags.ns) {
      results.push(await benchN(n, flags, root));
      // Written after each N: a long run that fails later keeps what it measured.
      write();
      console.log(formatTable(results.slice(-1)));
    }
  } finally {
    await cleanup();
  }
  console.log(
    `\nbench ${startedAt.toISOString()} on ${machine.cpus}× ${machine.cpuModel}, ${machine.memoryGB} GB, Node ${machine.node} (load average ${machine.loadAverage1m} at start); ${flags.duration} s × ${flags.connections} connections per cell`,
  );
  console.log(formatTable(results));
  const kept = flags.keep
    ? `; databases kept in ${root}${keptDatabases.length ? ` and PostgreSQL ${keptDatabases.join(', ')}` : ''}`
    : '';
  console.log(
    `\nwrote ${path.relative(APP_DIR, path.join(flags.out, 'results.json'))}, results.md and chart.svg${kept}`,
  );
};

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.once(signal, () => {
    void cleanup().finally(() => process.exit(code));
  });
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('[bench] FAILED:', error);
      void cleanup().finally(() => process.exit(1));
    },
  );
}
