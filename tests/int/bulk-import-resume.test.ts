/**
 * Kill and resume: an archive import through the bulk path (src/lib/bulk-import.ts)
 * runs in a child process (tests/helpers/import-child.js) and is killed with
 * SIGKILL at random points, one crash after the other on the same database:
 * during the boot, during the authors and tags, between batches and inside a
 * batch. After every crash each article is there completely (both locales,
 * draft and published, every component and link) or not at all, with its
 * natural key exactly when it is there. A last run then completes: every
 * article exactly once, nothing duplicated, and a further run creates nothing.
 * Runs on the pass's database (SQLite, or PostgreSQL with TEST_DATABASE=postgres).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn } from 'child_process';
import { Client } from 'pg';
import { ROOT, databaseEnv } from '../helpers/strapi';
import { childEnv, sharedSecrets } from '../helpers/cms-process';
import { PG } from '../helpers/test-database';
import { buildCorpus } from '../../bench/corpus';

type Run = { code: number | null; signal: NodeJS.Signals | null; lines: string[]; output: string; ms: number };
/** Kill after a time, or after the n-th reported line (then after `delayMs`, to land inside the next batch), whichever comes first. */
type KillPoint = { label: string; afterLines?: number; afterMs?: number; delayMs?: number };

const N = 40;
const BATCH = 5;
const secrets = sharedSecrets();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-import-resume-'));
const corpusFile = path.join(dir, 'corpus.json');
let env: Record<string, string>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sqlite = require('better-sqlite3') as new (file: string) => {
  prepare(sql: string): { all(): unknown[] };
  close(): void;
};

/** Rows of a query on the child's database (read after the child is gone). */
const query = async <T>(sql: string): Promise<T[]> => {
  if (env.DATABASE_CLIENT === 'postgres') {
    const client = new Client({ ...PG, database: env.DATABASE_NAME });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }
  if (!fs.existsSync(env.DATABASE_FILENAME as string)) return [];
  const db = new Sqlite(env.DATABASE_FILENAME as string);
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
};

const tableExists = async (table: string): Promise<boolean> =>
  env.DATABASE_CLIENT === 'postgres'
    ? (await query<{ n: string }>(`select count(*) as n from information_schema.tables where table_name = '${table}'`))
        .map((r) => Number(r.n))
        .includes(1)
    : (await query<{ name: string }>(`select name from sqlite_master where type = 'table' and name = '${table}'`))
        .length > 0;

const runImport = (kill?: KillPoint): Promise<Run> =>
  new Promise((resolve) => {
    const started = Date.now();
    const proc = spawn(
      process.execPath,
      [path.join(ROOT, 'tests', 'helpers', 'import-child.js'), corpusFile, String(BATCH)],
      {
        cwd: ROOT,
        env: childEnv(env),
      },
    );
    const lines: string[] = [];
    let output = '';
    let pending = '';
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts.filter((l) => l.startsWith('[import] '))) {
        lines.push(line);
        if (kill?.afterLines !== undefined && lines.length === kill.afterLines) {
          if (kill.delayMs === undefined) proc.kill('SIGKILL');
          else setTimeout(() => proc.kill('SIGKILL'), kill.delayMs);
        }
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = kill?.afterMs !== undefined ? setTimeout(() => proc.kill('SIGKILL'), kill.afterMs) : undefined;
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, lines, output, ms: Date.now() - started });
    });
  });

const pick = (min: number, max: number): number => Math.round(min + Math.random() * (max - min));

/** Per article document: its rows, components and links, all of which a complete article has. */
const articleShapes = async (): Promise<{ document_id: string; shape: string }[]> => {
  if (!(await tableExists('articles'))) return [];
  return query<{ document_id: string; shape: string }>(`
    select a.document_id,
      count(distinct a.id) || '/' ||
      count(distinct c.id) || '/' ||
      count(distinct t.id) || '/' ||
      count(distinct w.id) || '/' ||
      count(distinct l.id) || '/' ||
      count(distinct m.id) || '/' ||
      count(distinct k.key) as shape
    from articles a
    left join articles_cmps c on c.entity_id = a.id
    left join articles_tags_lnk t on t.article_id = a.id
    left join articles_author_lnk w on w.article_id = a.id
    left join articles_related_links_lnk l on l.article_id = a.id
    left join files_related_mph m on m.related_id = a.id and m.related_type = 'api::article.article'
    left join nr_import_keys k on k.document_id = a.document_id and k.uid = 'api::article.article'
    group by a.document_id`);
};

// 4 rows; per row 3 body entries + 1 source + 1 seo; 3 tags; 1 author; 2 related links; no cover; 1 key.
const COMPLETE = '4/20/12/4/8/0/1';

beforeAll(async () => {
  env = { ...secrets, ...(await databaseEnv(dir)), PUBLIC_DIR: path.join(dir, 'public'), STRAPI_STARTUP_LOG: 'false' };
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  const corpus = buildCorpus(N);
  const articles = corpus.articles.map((a, i) => ({
    ...a,
    key: `resume:${i}`,
    // Links to other articles are resolved by the bench loader; here every link is external.
    relatedLinks: a.relatedLinks.map(({ target: _target, ...l }) => ({
      ...l,
      url: l.url ?? `https://example.org/${i}`,
    })),
  }));
  fs.writeFileSync(corpusFile, JSON.stringify({ authors: corpus.authors, tags: corpus.tags, articles }));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('after SIGKILL at random points, every article is whole or absent; a last run completes it exactly once', async () => {
  // A random moment of the first boot, and at the first reported line at the latest: on a quiet
  // machine the whole import can end within the boot's usual length.
  const first = await runImport({ label: 'during the first boot', afterMs: pick(1000, 5000), afterLines: 1 });
  expect(first.signal).toBe('SIGKILL');
  const batches = N / BATCH;
  const killPoints: KillPoint[] = [
    { label: 'after the authors and tags', afterLines: 1 },
    // Each later kill lands further on, where the earlier runs wrote nothing yet.
    { label: 'inside a batch', afterLines: 1 + pick(1, 2), delayMs: pick(1, 40) },
    { label: 'inside another batch', afterLines: 1 + pick(3, 4), delayMs: pick(1, 40) },
    { label: 'between batches', afterLines: 1 + pick(5, batches - 1) },
    { label: 'after the last batch, before the end', afterLines: 1 + batches },
  ];
  const seen: string[] = [`during the first boot: after ${first.lines.length} lines`];
  for (const point of killPoints) {
    const run = await runImport(point);
    seen.push(`${point.label}: ${run.signal ?? `exit ${run.code}`} after ${run.lines.length} lines`);
    const shapes = await articleShapes();
    const broken = shapes.filter((s) => s.shape !== COMPLETE);
    expect({ point: point.label, broken }).toEqual({ point: point.label, broken: [] });
  }
  console.log(`import kill points: ${seen.join('; ')}`);

  const last = await runImport();
  expect(last.output).not.toMatch(/FAILED/);
  expect(last.code).toBe(0);
  const shapes = await articleShapes();
  expect(shapes).toHaveLength(N);
  expect(shapes.every((s) => s.shape === COMPLETE)).toBe(true);
  const keys = await query<{ uid: string; n: number | string }>(
    "select uid, count(*) as n from nr_import_keys where source = 'resume-test' group by uid order by uid",
  );
  expect(keys.map((k) => [k.uid, Number(k.n)])).toEqual([
    ['api::article.article', N],
    ['api::author.author', 24],
    ['api::tag.tag', 120],
  ]);
  const dupSlugs = await query<{ n: number | string }>(
    'select count(*) as n from (select slug, locale, published_at is null as d from articles group by slug, locale, published_at is null having count(*) > 1) x',
  );
  expect(Number(dupSlugs[0]?.n)).toBe(0);
  const counts = async (): Promise<number[]> =>
    Promise.all(
      ['articles', 'related_links', 'authors', 'tags', 'articles_cmps'].map(async (t) =>
        Number((await query<{ n: number | string }>(`select count(*) as n from ${t}`))[0]?.n),
      ),
    );
  const before = await counts();
  expect(before.slice(0, 4)).toEqual([4 * N, 8 * N, 4 * 24, 4 * 120]);
  const again = await runImport();
  expect(again.code).toBe(0);
  expect(await counts()).toEqual(before);
});
