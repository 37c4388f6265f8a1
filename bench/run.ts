/**
 * `npm run bench [-- --n=1000,10000] [--full] [--duration=15] [--connections=10] [--keep]`
 *
 * For each N: builds the deterministic corpus through the project's import
 * path (child process, throwaway SQLite file), then loads the same four
 * requests with autocannon against
 *   - the floor (bench/floor-server.js: node:http + better-sqlite3),
 *   - the CMS (production build) with the response cache on (CACHE_ENABLED=true),
 *   - the CMS with it off (CACHE_ENABLED=false),
 *   - stock: PERF_OPTIMIZATIONS=false, cache off, and every `nr_idx_` index dropped (on a copy).
 * Before loading, each CMS answer is compared byte for byte with the floor's.
 * Prints a table and writes artifacts/bench/results.json and chart.svg.
 * Loopback only; children and temp files are removed at the end (or on Ctrl-C).
 */
import { fork, spawn, type ChildProcess } from 'child_process';
import { stopChildren } from '../scripts/lib/processes';
import fs from 'fs';
import os from 'os';
import path from 'path';
import net from 'net';
import { renderChart } from './chart';
import { runNewsroom } from './newsroom';

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

type Flags = { ns: number[]; duration: number; connections: number; keep: boolean; modes: Mode[] };
type Mode = 'cached' | 'uncached' | 'stock';
const MODES: Mode[] = ['cached', 'uncached', 'stock'];

const parseFlags = (argv: readonly string[]): Flags => {
  const flags: Flags = { ns: [1000, 10000], duration: 15, connections: 10, keep: false, modes: MODES };
  let full = false;
  for (const arg of argv) {
    const [key, value = ''] = arg.replace(/^--/, '').split('=');
    if (key === 'n') flags.ns = value.split(',').map((v) => Number(v.trim()));
    else if (key === 'full') full = true;
    else if (key === 'duration') flags.duration = Number(value);
    else if (key === 'connections') flags.connections = Number(value);
    else if (key === 'keep') flags.keep = true;
    else if (key === 'modes') flags.modes = value.split(',') as Mode[];
    else
      throw new Error(`unknown flag "${arg}" (expected --n=, --full, --duration=, --connections=, --modes=, --keep)`);
  }
  if (full && !flags.ns.includes(100000)) flags.ns.push(100000);
  if (flags.ns.some((n) => !Number.isInteger(n) || n < 25)) throw new Error('--n: integers of at least 25');
  if (!(flags.duration > 0) || !(flags.connections > 0))
    throw new Error('--duration and --connections must be positive');
  if (flags.modes.some((m) => !MODES.includes(m))) throw new Error(`--modes: any of ${MODES.join(',')}`);
  return flags;
};

type BenchRequest = {
  name: string;
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
};

type Sample = {
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
  server: Sample['server'],
  request: string,
  result: AutocannonResult,
  statements: number | null,
): Sample => ({
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

type ServerRun = {
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
};

type NResult = {
  n: number;
  import: { seconds: number; articlesPerSecond: number; statementsPerArticle: number };
  servers: ServerRun[];
  samples: Sample[];
};

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Stops every child (SIGKILL after 1.5 s: scripts/lib/processes.ts), then removes the temporary folders. */
const cleanup = async (): Promise<void> => {
  await stopChildren(children);
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
};

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

const runImport = (n: number, dir: string): Promise<NResult['import']> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'import-corpus.js'), `--n=${n}`, `--dir=${dir}`], {
      cwd: APP_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env },
    });
    children.add(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => {
      children.delete(child);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`import of ${n} articles failed (exit ${code})`));
      const parsed = JSON.parse(line) as NResult['import'];
      resolve({
        seconds: parsed.seconds,
        articlesPerSecond: parsed.articlesPerSecond,
        statementsPerArticle: parsed.statementsPerArticle,
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

const startCms = async (dir: string, env: Record<string, string>): Promise<Managed> => {
  const port = await freePort();
  const child = fork(path.join(__dirname, 'serve-cms.js'), [`--dir=${dir}`], {
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

const load = async (port: number, r: BenchRequest, flags: Flags): Promise<AutocannonResult> =>
  autocannon({
    url: `http://127.0.0.1:${port}${r.path}`,
    method: r.method,
    body: r.body,
    headers: r.headers,
    connections: flags.connections,
    duration: flags.duration,
  });

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

const MODE_ENV: Record<Mode, Record<string, string>> = {
  cached: { CACHE_ENABLED: 'true', PERF_OPTIMIZATIONS: 'true' },
  uncached: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'true' },
  stock: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'false' },
};

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

const benchN = async (n: number, flags: Flags, root: string): Promise<NResult> => {
  const dir = path.join(root, `n${n}`);
  fs.mkdirSync(dir, { recursive: true });
  log(`N=${n}: importing the corpus…`);
  const imported = await runImport(n, dir);
  log(
    `N=${n}: imported in ${imported.seconds.toFixed(1)} s = ${imported.articlesPerSecond.toFixed(1)} articles/s (${imported.statementsPerArticle.toFixed(2)} SQL statements/article)`,
  );
  const dbFile = path.join(dir, 'data.db');
  const floorDb = path.join(dir, 'floor.db');
  prepareFloorDb(dbFile, floorDb);
  const requests = requestsFor(pickSlug(dbFile));
  const samples: Sample[] = [];
  const servers: ServerRun[] = [];

  const floor = await startFloor(floorDb);
  const floorBodies = new Map<string, Buffer>();
  for (const r of requests) {
    const { status, body } = await fetchBody(floor.port, r);
    if (status !== 200) throw new Error(`floor answered ${status} to ${r.name}`);
    floorBodies.set(r.name, body);
  }
  const floorRun: ServerRun = {
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
    const result = await load(floor.port, r, flags);
    samples.push(sampleOf('floor', r.name, result, null));
  }
  servers.push(floorRun);
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
    const env = MODE_ENV[mode];
    log(`N=${n}: starting the CMS (${mode})…`);
    const cms = await startCms(serveDir, env);
    const run: ServerRun = { server: mode, env, rssIdleMB: null, rssPeakMB: null, rssAfterMB: null, identical: {} };
    // Indexes a boot step may have re-created are dropped again under the running server.
    if (mode === 'stock') run.indexesDropped = dropProjectIndexes(path.join(serveDir, 'data.db'));
    for (const r of requests) {
      const first = await fetchBody(cms.port, r);
      const again = await fetchBody(cms.port, r);
      const floorBody = floorBodies.get(r.name) as Buffer;
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
      if (!identical)
        log(`N=${n}: ${mode} ${r.name} is NOT byte-identical to the floor: ${run.identical[r.name]?.difference}`);
    }
    run.rssIdleMB = mb((await cms.ask<{ rss: number }>('stats')).rss);
    await cms.ask('reset-peak');
    for (const r of requests) {
      log(`N=${n}: ${mode} ${r.name}…`);
      await load(cms.port, r, { ...flags, duration: 1 });
      const before = await cms.ask<{ statements: number }>('stats');
      const result = await load(cms.port, r, flags);
      const after = await cms.ask<{ statements: number }>('stats');
      samples.push(sampleOf(mode, r.name, result, after.statements - before.statements));
      if (result.non2xx + result.errors + result.timeouts > 0) {
        log(
          `N=${n}: WARNING ${mode} ${r.name}: ${result.non2xx} non-2xx answers, ${result.errors + result.timeouts} errors under load`,
        );
      }
    }
    run.rssPeakMB = mb((await cms.ask<{ peakRss: number }>('stats')).peakRss);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    run.rssAfterMB = mb((await cms.ask<{ rss: number }>('stats')).rss);
    servers.push(run);
    await cms.stop();
  }
  return { n, import: imported, servers, samples };
};

const pad = (value: string, width: number): string =>
  value.length >= width ? value : value + ' '.repeat(width - value.length);
const lpad = (value: string, width: number): string =>
  value.length >= width ? value : ' '.repeat(width - value.length) + value;

/** Byte identity with the floor, and any answer under load that was not a 2xx (a run with those measured something else). */
const answerCell = (
  sample: NResult['samples'][number],
  server: NResult['servers'][number] | undefined,
  none: string,
): string => {
  const failed = sample.non2xx + sample.errors;
  const identity = sample.server === 'floor' ? none : server?.identical[sample.request]?.identical ? 'yes' : 'NO';
  return failed > 0 ? `${identity}; ${failed} non-2xx/errors` : identity;
};

export const formatTable = (results: NResult[]): string => {
  const lines: string[] = [];
  const header = [
    'N',
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
  const widths = [7, 9, 9, 8, 7, 7, 8, 8, 17, 9];
  lines.push(header.map((h, i) => pad(h, widths[i] ?? 8)).join(' '));
  for (const result of results) {
    lines.push(
      `import N=${result.n}: ${result.import.articlesPerSecond.toFixed(1)} articles/s (${result.import.seconds.toFixed(1)} s, ${result.import.statementsPerArticle.toFixed(2)} SQL/article)`,
    );
    for (const sample of result.samples) {
      const floor = result.samples.find((s) => s.server === 'floor' && s.request === sample.request);
      const server = result.servers.find((s) => s.server === sample.server);
      const cells = [
        String(result.n),
        sample.request,
        sample.server,
        sample.reqPerSec.toFixed(0),
        String(sample.p50),
        String(sample.p99),
        floor ? (sample.reqPerSec / floor.reqPerSec).toFixed(2) : '',
        sample.statementsPerRequest === null ? '-' : sample.statementsPerRequest.toFixed(1),
        server?.rssIdleMB ? `${server.rssIdleMB}/${server.rssPeakMB ?? '?'}` : '-',
        answerCell(sample, server, '-'),
      ];
      lines.push(cells.map((c, i) => (i >= 3 && i <= 7 ? lpad(c, widths[i] ?? 8) : pad(c, widths[i] ?? 8))).join(' '));
    }
  }
  return lines.join('\n');
};

/** The same figures as a Markdown table (for the README's "Latest results"). */
export const formatMarkdown = (results: NResult[]): string => {
  const lines = [
    '| N | request | server | req/s | p50 ms | p99 ms | × floor | SQL/req | RSS idle/peak MB | identical |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const result of results) {
    for (const sample of result.samples) {
      const floor = result.samples.find((s) => s.server === 'floor' && s.request === sample.request);
      const server = result.servers.find((s) => s.server === sample.server);
      lines.push(
        `| ${[
          result.n.toLocaleString('en-US'),
          sample.request,
          sample.server,
          sample.reqPerSec.toFixed(0),
          sample.p50,
          sample.p99,
          floor ? (sample.reqPerSec / floor.reqPerSec).toFixed(2) : '',
          sample.statementsPerRequest === null ? '–' : sample.statementsPerRequest.toFixed(1),
          server?.rssPeakMB ? `${server.rssIdleMB}/${server.rssPeakMB}` : `${server?.rssIdleMB ?? '–'}`,
          answerCell(sample, server, '–'),
        ].join(' | ')} |`,
      );
    }
  }
  const imports = results.map(
    (r) =>
      `N=${r.n.toLocaleString('en-US')}: ${r.import.articlesPerSecond.toFixed(1)} articles/s (${r.import.seconds.toFixed(0)} s, ${r.import.statementsPerArticle.toFixed(2)} SQL statements per article)`,
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
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
  if (!flags.keep) tempDirs.add(root);
  const startedAt = new Date();
  const results: NResult[] = [];
  const machine = machineInfo();
  const write = (): void => {
    const report = {
      date: startedAt.toISOString(),
      machine,
      flags: { ns: flags.ns, duration: flags.duration, connections: flags.connections, modes: flags.modes },
      complete: results.length === flags.ns.length,
      results,
    };
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(ARTIFACTS, 'chart.svg'), renderChart(report));
    fs.writeFileSync(path.join(ARTIFACTS, 'results.md'), formatMarkdown(results));
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
  console.log(
    `\nwrote ${path.relative(APP_DIR, path.join(ARTIFACTS, 'results.json'))}, results.md and chart.svg${flags.keep ? `; databases kept in ${root}` : ''}`,
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
