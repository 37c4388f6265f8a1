import fs from 'fs';
import path from 'path';
import { spawnSync } from 'child_process';
import { databaseEnv, ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { seedApp } from '../helpers/seed';
import { gql } from '../helpers/graphql';
import { childEnv, sharedSecrets } from '../helpers/cms-process';
import { ARTICLE, AUTHOR, TAG, body, publishIn } from '../helpers/publishing-fixture';

/**
 * GET /api/search and GraphQL `search` on a booted CMS with the seed article
 * (SQLite, or PostgreSQL with TEST_DATABASE=postgres), with the response
 * cache on (in memory):
 * - the examples of docs/search.md, run as written;
 * - bad input is a 400 JSON error, REST and GraphQL; full-text syntax is plain words;
 * - the index follows every publish, update, unpublish, delete and rename, in
 *   the write's transaction, through the cache (a warm cached answer is never
 *   served after a write); a draft never enters the index;
 * - `npm run search:reindex` rebuilds the same index.
 */

let app: TestApp;
const secrets = sharedSecrets();

type Hit = { type: string; documentId: string; slug: string; title: string; snippet: string; score: number };
type Answer = {
  data: Hit[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
};

const search = async (query: Record<string, string>) => {
  const res = await app.http().get('/api/search').query(query);
  return { status: res.status, body: res.body as Answer, cache: res.headers['x-cache'] as string | undefined };
};

/** A cached answer first (two reads, the second a HIT), so a stale answer would show. */
const warm = async (query: Record<string, string>): Promise<Answer> => {
  await search(query);
  const again = await search(query);
  expect(again.cache).toBe('HIT');
  return again.body;
};

/** A draft is not public: the cached answer stays a HIT (issue 16's rule), with the same hits. */
const stillCached = async (query: Record<string, string>): Promise<Hit[]> => {
  const res = await search(query);
  expect(res.status).toBe(200);
  expect(res.cache).toBe('HIT');
  return res.body.data;
};

const fresh = async (query: Record<string, string>): Promise<Hit[]> => {
  const res = await search(query);
  expect(res.status).toBe(200);
  expect(res.cache).toBe('MISS');
  return res.body.data;
};

const indexRows = async (documentId: string): Promise<{ locale: string; title: string }[]> =>
  (await app.strapi.db
    .connection('nr_search_documents')
    .where({ document_id: documentId })
    .select('locale', 'title')
    .orderBy('locale')) as { locale: string; title: string }[];

beforeAll(async () => {
  Object.assign(process.env, secrets);
  app = await startStrapi({ env: { CACHE_ENABLED: 'true', PERF_OPTIMIZATIONS: 'true', REDIS_URL: '' } });
  await seedApp(app, undefined, { log: () => undefined });
});

afterAll(async () => {
  await app?.stop();
});

describe('docs/search.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'search.md'), 'utf8');
  const blocks = [...doc.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
  const curls = blocks.filter((b) => b.lang === 'sh');
  const queries = blocks.filter((b) => b.lang === 'graphql');

  it('has curl and GraphQL examples', () => {
    expect(curls.length).toBeGreaterThanOrEqual(4);
    expect(queries.length).toBeGreaterThanOrEqual(2);
  });

  it('runs every curl example as written', async () => {
    for (const block of curls) {
      const match = /^curl -s '([^']+)'\n(?:# → (\d{3})\n)?$/.exec(block.text);
      expect(match).not.toBeNull();
      const [, url, status = '200'] = match as RegExpExecArray;
      const target = new URL(url);
      expect(target.origin).toBe('http://localhost:1337');
      const res = await app.http().get(`${target.pathname}${target.search}`);
      expect(`${url} → ${res.status}`).toBe(`${url} → ${status}`);
      if (status === '200') expect((res.body as Answer).data.length).toBeGreaterThan(0);
      else expect(res.body).toMatchObject({ data: null, error: { status: Number(status) } });
    }
  });

  it('runs every GraphQL example as written', async () => {
    for (const block of queries) {
      const res = await gql<{ search: { data: Hit[] } }>(app, block.text);
      expect(res.errors).toBeUndefined();
      expect(res.status).toBe(200);
      expect(res.data?.search.data.length).toBeGreaterThan(0);
    }
  });
});

describe('answers', () => {
  it('carries type, documentId, slug, title, standfirst, a marked snippet, a score, and the API pagination', async () => {
    const { status, body: answer } = await search({ q: 'menandatangani', locale: 'id', pageSize: '1' });
    expect(status).toBe(200);
    expect(answer.meta.pagination).toEqual({ page: 1, pageSize: 1, pageCount: 1, total: 1 });
    expect(answer.data[0]).toMatchObject({
      type: 'articles',
      slug: 'kim-jong-un-teken-pakta-baru-korut-bisa-ikut-bantu-rusia-serang-ukraina',
      title: 'Kim Jong Un Teken Pakta Baru Korut Bisa Ikut Bantu Rusia Serang Ukraina',
      standfirst: expect.stringContaining('Pemimpin Korea Utara'),
      snippet: expect.stringContaining('<mark>menandatangani</mark>'),
      score: expect.any(Number),
    });
    expect(answer.data[0].documentId).toEqual(expect.any(String));
  });

  it('pages through the hits', async () => {
    const all = (await search({ q: 'korea', locale: 'id', pageSize: '50' })).body;
    expect(all.meta.pagination.total).toBeGreaterThanOrEqual(2);
    const second = (await search({ q: 'korea', locale: 'id', pageSize: '1', page: '2' })).body;
    expect(second.meta.pagination).toEqual({
      page: 2,
      pageSize: 1,
      pageCount: all.data.length,
      total: all.data.length,
    });
    expect(second.data.map((h) => h.documentId)).toEqual([all.data[1].documentId]);
    const types = (await search({ q: 'korea', locale: 'id', type: 'tags' })).body.data.map((h) => h.type);
    expect(new Set(types)).toEqual(new Set(['tags']));
  });

  it('gives GraphQL the same hits as REST', async () => {
    const rest = (await search({ q: 'pakta pertahanan', locale: 'en' })).body.data;
    const res = await gql<{ search: { data: Hit[] } }>(
      app,
      'query($q: String!) { search(q: $q, locale: "en") { data { type documentId slug title snippet score } } }',
      { q: 'pakta pertahanan' },
    );
    expect(res.data?.search.data).toEqual(
      rest.map(({ type, documentId, slug, title, snippet, score }) => ({
        type,
        documentId,
        slug,
        title,
        snippet,
        score,
      })),
    );
  });
});

describe('bad input', () => {
  const long = 'a'.repeat(201);
  const REFUSED: [string, string][] = [
    ['no q', 'locale=id'],
    ['empty q', 'q=&locale=id'],
    ['whitespace q', `q=${encodeURIComponent(' \t\n ')}&locale=id`],
    ['q over 200 characters', `q=${long}&locale=id`],
    ['q given twice', 'q=a&q=b'],
    ['q as an object', 'q[a]=b'],
    ['unknown locale', 'q=pakta&locale=fr'],
    ['locale given twice', 'q=pakta&locale=id&locale=en'],
    ['unknown type', 'q=pakta&type=videos'],
    ['one unknown type among known', 'q=pakta&type=articles,videos'],
    ['page 0', 'q=pakta&page=0'],
    ['page not a number', 'q=pakta&page=abc'],
    ['page size too large', 'q=pakta&pageSize=51'],
    ['page size 0', 'q=pakta&pagination[pageSize]=0'],
  ];

  it.each(REFUSED)('refuses %s with a 400 JSON error', async (_name, query) => {
    const res = await app.http().get(`/api/search?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      data: null,
      error: { status: 400, name: 'ValidationError', message: expect.any(String), details: expect.any(Object) },
    });
  });

  it('accepts a q of exactly 200 characters', async () => {
    expect((await search({ q: 'pakta '.repeat(40).slice(0, 200), locale: 'id' })).status).toBe(200);
  });

  const SYNTAX = [
    '"pakta',
    'pakta*',
    '*',
    'NEAR(pakta korut)',
    'pakta AND korut',
    'pakta OR',
    'AND',
    '-pakta',
    '(pakta',
    'pakta)',
    'title:pakta',
    ':*',
    "pakta' OR 1=1 --",
    'pakta & | ! <->',
    '\\"',
    '^pakta',
    '{pakta}',
  ];

  it.each(SYNTAX)('treats %s as plain words', async (q) => {
    for (const locale of ['id', 'en']) {
      const res = await search({ q, locale });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.data)).toBe(true);
    }
    if (/pakta/.test(q)) expect((await search({ q, locale: 'id' })).body.data.length).toBeGreaterThan(0);
  });

  it('answers bad GraphQL arguments with HTTP 400', async () => {
    for (const [query, message] of [
      ['{ search(q: "   ") { data { title } } }', /q is empty/],
      ['{ search(q: "pakta", type: ["videos"]) { data { title } } }', /Unknown type/],
      ['{ search(q: "pakta", pagination: { pageSize: 500 }) { data { title } } }', /pageSize/],
      [`{ search(q: "${long}") { data { title } } }`, /at most 200/],
    ] as const) {
      const res = await gql(app, query);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.message).toMatch(message);
    }
  });
});

describe('freshness', () => {
  const version = (title: string, text = 'Isi berita.') => ({ title, excerpt: `Ringkasan ${title}`, body: body(text) });

  it('indexes a publish, an update once published, an unpublish and a delete; never a draft', async () => {
    const q = { q: 'zamrudkhatulistiwa', locale: 'id' };
    await warm(q);
    const draft = await app.strapi.documents(ARTICLE).create({
      locale: 'id',
      data: version('Berita zamrudkhatulistiwa pertama') as never,
    });
    expect(await indexRows(draft.documentId)).toEqual([]);
    expect(await stillCached(q)).toEqual([]);

    await warm(q);
    await app.strapi.documents(ARTICLE).publish({ documentId: draft.documentId, locale: 'id' });
    expect((await fresh(q)).map((h) => h.documentId)).toEqual([draft.documentId]);
    expect((await search({ ...q, locale: 'en' })).body.data).toEqual([]);

    // A draft edit is not public: the index keeps the published text until the next publish.
    await warm(q);
    await app.strapi.documents(ARTICLE).update({
      documentId: draft.documentId,
      locale: 'id',
      data: version('Berita safirnusantara kedua') as never,
    });
    expect((await stillCached(q)).map((h) => h.title)).toEqual(['Berita zamrudkhatulistiwa pertama']);
    expect((await search({ q: 'safirnusantara', locale: 'id' })).body.data).toEqual([]);

    await warm(q);
    await app.strapi.documents(ARTICLE).publish({ documentId: draft.documentId, locale: 'id' });
    expect(await fresh(q)).toEqual([]);
    expect((await search({ q: 'safirnusantara', locale: 'id' })).body.data.map((h) => h.title)).toEqual([
      'Berita safirnusantara kedua',
    ]);

    const q2 = { q: 'safirnusantara', locale: 'id' };
    await warm(q2);
    await app.strapi.documents(ARTICLE).unpublish({ documentId: draft.documentId, locale: 'id' });
    expect(await fresh(q2)).toEqual([]);
    expect(await indexRows(draft.documentId)).toEqual([]);

    await app.strapi.documents(ARTICLE).publish({ documentId: draft.documentId, locale: 'id' });
    await warm(q2);
    await app.strapi.documents(ARTICLE).delete({ documentId: draft.documentId, locale: '*' });
    expect(await fresh(q2)).toEqual([]);
    expect(await indexRows(draft.documentId)).toEqual([]);
  });

  it("re-indexes an author's articles when the author is renamed", async () => {
    const author = await publishIn(
      app,
      AUTHOR,
      { id: { jobTitle: 'Wartawan' }, en: { jobTitle: 'Reporter' } },
      { name: 'Sastrowardoyo Kusumo', slug: 'sastrowardoyo-kusumo' },
    );
    const article = await publishIn(
      app,
      ARTICLE,
      { id: version('Laporan pasar ikan'), en: version('Fish market report') },
      { author },
    );
    const byName = (name: string, locale: string) => ({ q: name, locale, type: 'articles' });
    expect((await warm(byName('Sastrowardoyo', 'en'))).data.map((h) => h.documentId)).toEqual([article]);

    for (const locale of ['id', 'en']) {
      await app.strapi
        .documents(AUTHOR)
        .update({ documentId: author, locale, data: { name: 'Purbohadi Kusumo' } as never });
      await app.strapi.documents(AUTHOR).publish({ documentId: author, locale });
    }
    expect(await fresh(byName('Sastrowardoyo', 'en'))).toEqual([]);
    for (const locale of ['id', 'en']) {
      expect((await search(byName('Purbohadi', locale))).body.data.map((h) => h.documentId)).toEqual([article]);
    }
    expect(
      (await search({ q: 'Purbohadi', locale: 'id', type: 'authors' })).body.data.map((h) => h.documentId),
    ).toEqual([author]);
  });

  it("re-indexes a tag's articles when the tag is renamed, unpublished or deleted", async () => {
    const tag = await publishIn(app, TAG, { id: { name: 'Cendrawasih Emas' }, en: { name: 'Golden Paradise' } });
    const article = await publishIn(
      app,
      ARTICLE,
      { id: version('Festival budaya Papua'), en: version('Papua culture festival') },
      { tags: [tag] },
    );
    const byTag = (q: string, locale = 'id') => ({ q, locale, type: 'articles' });
    expect((await warm(byTag('cendrawasih'))).data.map((h) => h.documentId)).toEqual([article]);

    await app.strapi
      .documents(TAG)
      .update({ documentId: tag, locale: 'id', data: { name: 'Kakaktua Jambul' } as never });
    await app.strapi.documents(TAG).publish({ documentId: tag, locale: 'id' });
    expect(await fresh(byTag('cendrawasih'))).toEqual([]);
    expect((await search(byTag('kakaktua'))).body.data.map((h) => h.documentId)).toEqual([article]);
    expect((await search(byTag('golden paradise', 'en'))).body.data.map((h) => h.documentId)).toEqual([article]);

    await warm(byTag('paradise', 'en'));
    await app.strapi.documents(TAG).unpublish({ documentId: tag, locale: 'en' });
    expect(await fresh(byTag('paradise', 'en'))).toEqual([]);

    await warm(byTag('kakaktua'));
    await app.strapi.documents(TAG).delete({ documentId: tag, locale: '*' });
    expect(await fresh(byTag('kakaktua'))).toEqual([]);
    expect((await search(byTag('festival budaya'))).body.data.map((h) => h.documentId)).toEqual([article]);
  });

  it('writes the index in the transaction of the write: a rolled-back publish leaves no trace', async () => {
    const draft = await app.strapi.documents(ARTICLE).create({
      locale: 'id',
      data: version('Kabar mutiaraselatan') as never,
    });
    await expect(
      app.strapi.db.transaction(async ({ trx }: { trx: typeof app.strapi.db.connection }) => {
        await app.strapi.documents(ARTICLE).publish({ documentId: draft.documentId, locale: 'id' });
        // Inside the transaction (SQLite has one connection): the row is there, uncommitted.
        expect(await trx('nr_search_documents').where({ document_id: draft.documentId }).select('id')).toHaveLength(1);
        throw new Error('the editor cancelled');
      }),
    ).rejects.toThrow('the editor cancelled');
    expect(await indexRows(draft.documentId)).toEqual([]);
    expect((await search({ q: 'mutiaraselatan', locale: 'id' })).body.data).toEqual([]);
  });
});

describe('npm run search:reindex', () => {
  it('rebuilds the same index from the published content', async () => {
    const queries = ['pakta pertahanan', 'kim jong', 'korea utara'];
    const before = [];
    for (const q of queries) before.push((await search({ q, locale: 'id', pageSize: '20' })).body.data);
    await app.strapi.db.connection('nr_search_documents').update({ title: 'spoiled' });

    const run = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'search-reindex.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: childEnv({
        ...secrets,
        ...(await databaseEnv(app.dir)),
        PUBLIC_DIR: path.join(app.dir, 'public'),
        STRAPI_STARTUP_LOG: 'false',
        REDIS_URL: '',
      }),
      timeout: 180_000,
    });
    expect(run.stderr).not.toMatch(/FAILED|Error:/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\[search:reindex\] indexed \d+ articles, \d+ authors, \d+ tags/);

    // Another page size: another cache key, so these answers come from the rebuilt index.
    const after = [];
    for (const q of queries) after.push((await search({ q, locale: 'id', pageSize: '19' })).body.data);
    expect(after).toEqual(before);
    const spoiled = await app.strapi.db.connection('nr_search_documents').where({ title: 'spoiled' }).count('* as n');
    expect(Number((spoiled[0] as { n: number | string }).n)).toBe(0);
  });
});
