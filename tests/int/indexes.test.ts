import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory from 'knex';
import { randomBytes } from 'crypto';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { captureQueries, type CapturedQuery } from '../helpers/sql-capture';
import { createPerfFixture, type PerfFixture } from '../helpers/perf-fixture';
import { ensureIndexes, NEWSROOM_INDEXES } from '../../src/strapi-patches/indexes';
import { findQuery, postgresPlan, sqlitePlan } from '../helpers/query-plan';
import { inverseOrderQuery } from '../../src/import/article-writer';

/**
 * The public read paths use the project's `nr_idx_` indexes
 * (src/bootstrap/indexes.ts): the exact statements Strapi issues for a real
 * request are captured (knex 'query' events) and explained by the database.
 */

const NR_INDEXES = NEWSROOM_INDEXES.map((index) => index.name);

/** A table name as knex quotes it, with PostgreSQL's schema prefix when present. */
const T = (name: string): string => `(?:[\`"]\\w+[\`"]\\.)?[\`"]${name}[\`"]`;

const LIST_SQL = [
  new RegExp(`from ${T('articles')} as [\`"]t0[\`"] where`, 'i'),
  /order by [`"]t0[`"]\.[`"]first_published_at[`"] desc/i,
  /limit/i,
];
const BY_SLUG_SQL = [new RegExp(`from ${T('articles')} as [\`"]t0[\`"] where`, 'i'), /[`"]t0[`"]\.[`"]slug[`"] = /i];
const TAG_BY_SLUG_SQL = [new RegExp(`from ${T('tags')} as [\`"]t0[\`"] where`, 'i'), /[`"]t0[`"]\.[`"]slug[`"] = /i];
const TAG_ARTICLES_SQL = [
  new RegExp(`from ${T('articles')} as [\`"]t0[\`"] left join ${T('articles_tags_lnk')}`, 'i'),
  /[`"]t1[`"]\.[`"]tag_id[`"] in/i,
];
const AUTHOR_ARTICLES_SQL = [
  new RegExp(`from ${T('articles')} as [\`"]t0[\`"] left join ${T('articles_author_lnk')}`, 'i'),
  /[`"]t1[`"]\.[`"]author_id[`"] in/i,
];

type Pages = { list: CapturedQuery[]; bySlug: CapturedQuery[]; tag: CapturedQuery[]; author: CapturedQuery[] };

/** The statements behind the list, article, tag and author pages (cache off: every request reaches the database). */
const capturePages = async (app: TestApp, fx: PerfFixture): Promise<Pages> => {
  const get = async (url: string): Promise<CapturedQuery[]> => {
    const { result, queries } = await captureQueries(app.strapi, () => app.http().get(url));
    expect(result.status).toBe(200);
    return queries;
  };
  return {
    list: await get('/api/articles?locale=id&pagination[pageSize]=20'),
    bySlug: await get(`/api/articles/slug/${fx.slugs.id[3]}?locale=id`),
    tag: await get(`/api/tags?locale=id&filters[slug][$eq]=${fx.tagSlugs.id}`),
    author: await get(`/api/authors?locale=id&filters[slug][$eq]=${fx.authorSlug}`),
  };
};

const fullScan = (plan: string[]): string | undefined => plan.find((step) => /^SCAN \w+$/.test(step.trim()));

describe('indexes on SQLite', () => {
  // SQLite in both test passes (npm run test:postgres included): these are SQLite's plans.
  const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-idx-'));
  const sqliteEnv = { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(sqliteDir, 'data.db') };
  let app: TestApp;
  let fx: PerfFixture;
  let pages: Pages;

  beforeAll(async () => {
    app = await startStrapi({
      dir: sqliteDir,
      env: { ...sqliteEnv, CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'true' },
    });
    fx = await createPerfFixture(app.strapi, 30, 'idx');
    pages = await capturePages(app, fx);
  });
  afterAll(async () => app?.stop());

  const plan = (query: CapturedQuery) => sqlitePlan(app.strapi.db.connection, query);

  test('the project creates its indexes at boot, every one named nr_idx_', async () => {
    const rows = (await app.strapi.db.connection('sqlite_master').select('name').where({ type: 'index' })) as {
      name: string;
    }[];
    expect(
      rows
        .map((r) => r.name)
        .filter((n) => n.startsWith('nr_idx_'))
        .sort(),
    ).toEqual([...NR_INDEXES].sort());
  });

  test("the import's next-link order: one seek per tag and author in the target/order indexes", async () => {
    const knex = app.strapi.db.connection;
    for (const [table, target, index] of [
      ['articles_tags_lnk', 'tag_id', 'nr_idx_articles_tags_lnk_tag_ord'],
      ['articles_author_lnk', 'author_id', 'nr_idx_articles_author_lnk_author_ord'],
    ] as const) {
      const sql = inverseOrderQuery(knex, 'sqlite', table, target, 'article_ord', [1, 2, 3]).toSQL();
      const steps = await sqlitePlan(knex, { sql: sql.sql, bindings: sql.bindings as unknown[] } as CapturedQuery);
      expect(steps.join('\n')).toContain(`SEARCH ${table} USING COVERING INDEX ${index} (${target}=?)`);
      expect(fullScan(steps.filter((step) => !/json_each/.test(step)))).toBeUndefined();
    }
    // And the values: the largest order of each target that has links, none for one without.
    const tag = (await knex('tags').where({ document_id: fx.tagDocumentId, locale: 'id' }).first('id')) as {
      id: number;
    };
    const rows = (await inverseOrderQuery(knex, 'sqlite', 'articles_tags_lnk', 'tag_id', 'article_ord', [
      tag.id,
      -1,
    ])) as { target: number; max: number | null }[];
    const expected = (await knex('articles_tags_lnk').where({ tag_id: tag.id }).max('article_ord as m').first()) as {
      m: number;
    };
    expect(rows).toEqual([
      { target: tag.id, max: expected.m },
      { target: -1, max: null },
    ]);
    expect(expected.m).toBeGreaterThan(0);
  });

  test('SQLite is tuned at boot: WAL journal, synchronous=NORMAL', async () => {
    const knex = app.strapi.db.connection;
    const journal = (await knex.raw('PRAGMA journal_mode')) as { journal_mode: string }[];
    const sync = (await knex.raw('PRAGMA synchronous')) as { synchronous: number }[];
    expect(journal[0]?.journal_mode).toBe('wal');
    expect(sync[0]?.synchronous).toBe(1); // NORMAL
  });

  test('list page (20 newest in a locale): walks the locale/first-published index, no full scan, no sort', async () => {
    const steps = await plan(findQuery(pages.list, ...LIST_SQL));
    expect(steps.join('\n')).toContain('nr_idx_articles_locale_first_published');
    expect(fullScan(steps)).toBeUndefined();
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  test("the list's count reads the same index only", async () => {
    const steps = await plan(findQuery(pages.list, /select count/i, new RegExp(`from ${T('articles')}`, 'i')));
    expect(steps.join('\n')).toMatch(/COVERING INDEX nr_idx_articles_locale_first_published/);
  });

  test('article page by slug: searches the slug/locale index', async () => {
    const steps = await plan(findQuery(pages.bySlug, ...BY_SLUG_SQL));
    expect(steps.join('\n')).toMatch(/SEARCH t0 USING INDEX nr_idx_articles_slug_locale \(slug=\? AND locale=\?/);
    expect(fullScan(steps)).toBeUndefined();
  });

  test("tag page: the tag by slug and the tag's articles through the link table's tag/article index", async () => {
    const tagSteps = await plan(findQuery(pages.tag, ...TAG_BY_SLUG_SQL));
    expect(tagSteps.join('\n')).toMatch(/nr_idx_tags_slug_locale \(slug=\? AND locale=\?/);
    const articleSteps = await plan(findQuery(pages.tag, ...TAG_ARTICLES_SQL));
    expect(articleSteps.join('\n')).toMatch(/COVERING INDEX nr_idx_articles_tags_lnk_tag_article \(tag_id=\?\)/);
    expect(fullScan(articleSteps)).toBeUndefined();
  });

  test("author page: the author by slug and the author's articles through the link table's author/article index", async () => {
    const authorSteps = await plan(
      findQuery(
        pages.author,
        new RegExp(`from ${T('authors')} as [\`"]t0[\`"] where`, 'i'),
        /[`"]t0[`"]\.[`"]slug[`"] = /i,
      ),
    );
    expect(authorSteps.join('\n')).toMatch(/nr_idx_authors_slug_locale \(slug=\? AND locale=\?/);
    const articleSteps = await plan(findQuery(pages.author, ...AUTHOR_ARTICLES_SQL));
    expect(articleSteps.join('\n')).toMatch(
      /COVERING INDEX nr_idx_articles_author_lnk_author_article \(author_id=\?\)/,
    );
  });

  test('without the index the same list query scans the table and sorts it (what stock Strapi does)', async () => {
    const knex = app.strapi.db.connection;
    const query = findQuery(pages.list, ...LIST_SQL);
    await knex.raw('DROP INDEX nr_idx_articles_locale_first_published');
    try {
      const steps = await plan(query);
      expect(steps.join('\n')).toMatch(/TEMP B-TREE FOR ORDER BY/);
      expect(steps.join('\n')).not.toContain('nr_idx_articles_locale_first_published');
    } finally {
      await ensureIndexes(app.strapi);
    }
  });

  test('the indexes survive a restart and a schema sync (kept even when the boot step does not run)', async () => {
    const { dir } = app;
    // Make Strapi believe the schema changed, so the next boot runs a full schema sync.
    await app.strapi.db.connection('strapi_database_schema').update({ hash: 'forced-sync' });
    await app.stop();
    // PERF_OPTIMIZATIONS=false: the boot step creates nothing, so what is found survived.
    app = await startStrapi({ dir, env: { ...sqliteEnv, CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'false' } });
    const stored = (await app.strapi.db.connection('strapi_database_schema').first('hash')) as { hash: string };
    expect(stored.hash).not.toBe('forced-sync'); // the sync did run
    const rows = (await app.strapi.db.connection('sqlite_master').select('name').where({ type: 'index' })) as {
      name: string;
    }[];
    const names = rows.map((r) => r.name);
    for (const name of NR_INDEXES) expect(names).toContain(name);
    // And the list still uses them after the restart.
    const again = await capturePages(app, fx);
    expect((await plan(findQuery(again.list, ...LIST_SQL))).join('\n')).toContain(
      'nr_idx_articles_locale_first_published',
    );
  });
});

/** A throwaway PostgreSQL database, when a server answers on 127.0.0.1:5432; else the reason to skip. */
const createPostgresDatabase = async (): Promise<{ name: string; drop: () => Promise<void> } | string> => {
  const admin = () =>
    knexFactory({
      client: 'pg',
      connection: {
        host: '127.0.0.1',
        port: 5432,
        user: process.env.PGUSER ?? 'postgres',
        database: 'postgres',
        connectionTimeoutMillis: 2000,
      },
      pool: { min: 0, max: 1 },
    });
  const name = `nr_idx_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const k = admin();
  try {
    await k.raw(`CREATE DATABASE "${name}"`);
  } catch (error) {
    return `PostgreSQL at 127.0.0.1:5432 does not answer or refuses (${(error as Error).message})`;
  } finally {
    await k.destroy();
  }
  return {
    name,
    drop: async () => {
      const d = admin();
      try {
        await d.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await d.destroy();
      }
    },
  };
};

describe('indexes on PostgreSQL', () => {
  let app: TestApp | undefined;
  let db: { name: string; drop: () => Promise<void> } | undefined;
  let skip: string | undefined;
  let pages: Pages;

  beforeAll(async () => {
    const created = await createPostgresDatabase();
    if (typeof created === 'string') {
      skip = created;
      console.warn(`[indexes.test] PostgreSQL EXPLAIN checks skipped: ${skip}`);
      return;
    }
    db = created;
    app = await startStrapi({
      env: {
        CACHE_ENABLED: 'false',
        PERF_OPTIMIZATIONS: 'true',
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: '127.0.0.1',
        DATABASE_PORT: '5432',
        DATABASE_NAME: created.name,
        DATABASE_USERNAME: process.env.PGUSER ?? 'postgres',
        DATABASE_PASSWORD: '',
        DATABASE_URL: '',
      },
    });
    const fx = await createPerfFixture(app.strapi, 10, 'pgidx');
    await app.strapi.db.connection.raw('ANALYZE');
    pages = await capturePages(app, fx);
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  const plan = (query: CapturedQuery) => postgresPlan(app!.strapi.db.connection, query);

  test('list page: an index scan of the locale/first-published index, no sort', async () => {
    if (skip) return;
    const steps = (await plan(findQuery(pages.list, ...LIST_SQL))).join('\n');
    expect(steps).toMatch(/Index (Only )?Scan Backward using nr_idx_articles_locale_first_published/);
    expect(steps).not.toMatch(/\bSort\b/);
    expect(steps).not.toMatch(/Seq Scan/);
  });

  test('article page by slug: the slug/locale index', async () => {
    if (skip) return;
    const steps = (await plan(findQuery(pages.bySlug, ...BY_SLUG_SQL))).join('\n');
    expect(steps).toMatch(/nr_idx_articles_slug_locale/);
    expect(steps).not.toMatch(/Seq Scan/);
  });

  test("tag and author pages: the link tables' indexes", async () => {
    if (skip) return;
    expect((await plan(findQuery(pages.tag, ...TAG_BY_SLUG_SQL))).join('\n')).toMatch(/nr_idx_tags_slug_locale/);
    expect((await plan(findQuery(pages.tag, ...TAG_ARTICLES_SQL))).join('\n')).toMatch(
      /nr_idx_articles_tags_lnk_tag_article/,
    );
    expect((await plan(findQuery(pages.author, ...AUTHOR_ARTICLES_SQL))).join('\n')).toMatch(
      /nr_idx_articles_author_lnk_author_article/,
    );
  });
});
