import net from 'net';
import { randomBytes } from 'crypto';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { createPerfFixture, type PerfFixture } from '../helpers/perf-fixture';
import { createResponseStore } from '../../src/cache/store';
import { runtimeOf } from '../../src/runtime';
import { captureQueries, contentSelects } from '../helpers/sql-capture';

/**
 * The response cache never serves an answer older than the last write: after
 * a publish, update, unpublish, delete or tag rename, the next public read —
 * REST and GraphQL, feeds and sitemaps, both locales — shows it; a draft save
 * and an unrelated publish leave the cached answers HITs. With Redis, the
 * purge marks live in Redis, so a write seen by one instance is seen by all.
 */

const ARTICLE = 'api::article.article';
const TAG = 'api::tag.tag';

const LIST_GQL = `query L($locale: I18NLocaleCode!) { articles(locale: $locale, pagination: { pageSize: 50 }) { documentId title slug tags { name } } }`;
const paragraph = (text: string) => [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }];

type Listed = { documentId: string; title: string; tags?: { name: string }[] };

const env = (extra: Record<string, string> = {}) => ({
  CACHE_ENABLED: 'true',
  PERF_OPTIMIZATIONS: 'true',
  REDIS_URL: '',
  ...extra,
});

/** REST and GraphQL lists of a locale, read twice so the second comes from the cache when nothing changed. */
const readLists = async (app: TestApp, locale: 'id' | 'en') => {
  const rest = await app.http().get(`/api/articles?locale=${locale}&pagination[pageSize]=50`);
  expect(rest.status).toBe(200);
  const gql = await app.http().post('/graphql').send({ query: LIST_GQL, variables: { locale } });
  expect(gql.status).toBe(200);
  expect(gql.body.errors).toBeUndefined();
  return {
    rest: rest.body.data as Listed[],
    gql: gql.body.data.articles as Listed[],
    cache: [rest.headers['x-cache'], gql.headers['x-cache']],
  };
};

/** Reads until both answers are cached (a HIT), so the freshness checks start from a warm cache. */
const warm = async (app: TestApp, locale: 'id' | 'en') => {
  await readLists(app, locale);
  const again = await readLists(app, locale);
  expect(again.cache).toEqual(['HIT', 'HIT']);
  return again;
};

const createArticle = (app: TestApp, fx: PerfFixture, title: string, status: 'published' | 'draft' = 'published') =>
  app.strapi.documents(ARTICLE).create({
    data: {
      title,
      excerpt: 'Ringkasan',
      body: [{ __component: 'content.rich-text', body: paragraph('Isi.') }],
      author: fx.authorDocumentId,
      tags: [fx.tagDocumentId],
    } as never,
    locale: 'id',
    status,
  });

describe('response cache (in memory)', () => {
  let app: TestApp;
  let fx: PerfFixture;

  beforeAll(async () => {
    app = await startStrapi({ env: env() });
    fx = await createPerfFixture(app.strapi, 3, 'fresh');
  });
  afterAll(async () => app?.stop());

  test('a repeated anonymous read is a HIT with the same body, Cache-Control and a working ETag', async () => {
    const url = `/api/articles/slug/${fx.slugs.id[0]}?locale=id`;
    const first = await app.http().get(url);
    const second = await app.http().get(url);
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);
    expect(second.text).toBe(first.text);
    expect(second.headers['content-type']).toMatch(/application\/json/);
    expect(second.headers['cache-control']).toBe(first.headers['cache-control']);
    expect(second.headers.etag).toBe(first.headers.etag);
    const conditional = await app
      .http()
      .get(url)
      .set('If-None-Match', first.headers.etag as string);
    expect(conditional.status).toBe(304);
    expect(conditional.headers['x-cache']).toBe('HIT');
  });

  test('the query is part of the key: another locale or page is another entry', async () => {
    await app.http().get('/api/articles?locale=id&pagination[pageSize]=2');
    const en = await app.http().get('/api/articles?pagination[pageSize]=2&locale=en');
    expect(en.headers['x-cache']).toBe('MISS');
    expect((en.body.data as { locale: string }[]).every((a) => a.locale === 'en')).toBe(true);
    const reordered = await app.http().get('/api/articles?pagination[pageSize]=2&locale=id');
    expect(reordered.headers['x-cache']).toBe('HIT');
  });

  test('authenticated requests, explicit drafts, mutations and errors are never cached', async () => {
    const tokens = app.strapi.service('admin::api-token') as {
      create: (a: Record<string, unknown>) => Promise<{ accessKey: string }>;
    };
    const token = await tokens.create({
      name: 'cache-test-reader',
      type: 'read-only',
      lifespan: null,
      description: '',
    });
    for (let i = 0; i < 2; i += 1) {
      const authed = await app.http().get('/api/articles?locale=id').set('Authorization', `Bearer ${token.accessKey}`);
      expect(authed.status).toBe(200);
      expect(authed.headers['x-cache']).toBeUndefined();
      const draft = await app.http().get('/api/articles?locale=id&status=draft');
      expect(draft.headers['x-cache']).toBeUndefined();
      const bad = await app.http().get('/api/articles?locale=xx');
      expect(bad.status).toBe(400);
      expect(bad.headers['x-cache']).toBe('MISS');
      const gqlError = await app
        .http()
        .post('/graphql')
        .send({ query: '{ articleBySlug(slug: "x", locale: "xx") { title } }' });
      expect(gqlError.headers['x-cache']).toBe('MISS');
      const mutation = await app
        .http()
        .post('/graphql')
        .send({ query: 'mutation { deleteArticle(documentId: "nope") { documentId } }' });
      expect(mutation.headers['x-cache']).toBeUndefined();
    }
  });

  test('publish: a new article is in the next REST and GraphQL list', async () => {
    await warm(app, 'id');
    const created = await createArticle(app, fx, 'Berita baru diterbitkan');
    const after = await readLists(app, 'id');
    expect(after.cache).toEqual(['MISS', 'MISS']);
    expect(after.rest.map((a) => a.documentId)).toContain(created.documentId);
    expect(after.gql.map((a) => a.documentId)).toContain(created.documentId);
  });

  test('a draft save does not show, its publication does (and a translation in the other locale)', async () => {
    const draft = await createArticle(app, fx, 'Draf rahasia', 'draft');
    const whileDraft = await readLists(app, 'id');
    expect(whileDraft.rest.map((a) => a.documentId)).not.toContain(draft.documentId);
    await warm(app, 'en');
    await app.strapi.documents(ARTICLE).publish({ documentId: draft.documentId, locale: 'id' });
    const published = await readLists(app, 'id');
    expect(published.rest.map((a) => a.documentId)).toContain(draft.documentId);
    expect(published.gql.map((a) => a.documentId)).toContain(draft.documentId);

    await app.strapi.documents(ARTICLE).update({
      documentId: draft.documentId,
      locale: 'en',
      data: {
        title: 'Secret draft, translated',
        excerpt: 'Summary',
        body: [{ __component: 'content.rich-text', body: paragraph('Text.') }],
      } as never,
      status: 'published',
    });
    const en = await readLists(app, 'en');
    expect(en.rest.find((a) => a.documentId === draft.documentId)?.title).toBe('Secret draft, translated');
    expect(en.gql.find((a) => a.documentId === draft.documentId)?.title).toBe('Secret draft, translated');
  });

  test('update: a new title is on the next read of the list and of the page, in both locales', async () => {
    const documentId = fx.documentIds[0]!;
    await warm(app, 'id');
    await warm(app, 'en');
    const pageUrl = `/api/articles/slug/${fx.slugs.en[0]}?locale=en`;
    await app.http().get(pageUrl);
    expect((await app.http().get(pageUrl)).headers['x-cache']).toBe('HIT');

    await app.strapi
      .documents(ARTICLE)
      .update({ documentId, locale: 'id', data: { title: 'Judul diperbarui' } as never, status: 'published' });
    await app.strapi
      .documents(ARTICLE)
      .update({ documentId, locale: 'en', data: { title: 'Updated headline' } as never, status: 'published' });
    const id = await readLists(app, 'id');
    expect(id.rest.find((a) => a.documentId === documentId)?.title).toBe('Judul diperbarui');
    expect(id.gql.find((a) => a.documentId === documentId)?.title).toBe('Judul diperbarui');
    const page = await app.http().get(pageUrl);
    expect(page.body.data.title).toBe('Updated headline');
  });

  test('update over HTTP with an API token (the frontend-facing write path) invalidates too', async () => {
    const tokens = app.strapi.service('admin::api-token') as {
      create: (a: Record<string, unknown>) => Promise<{ accessKey: string }>;
    };
    const token = await tokens.create({
      name: 'cache-test-writer',
      type: 'full-access',
      lifespan: null,
      description: '',
    });
    const documentId = fx.documentIds[1]!;
    await warm(app, 'id');
    const res = await app
      .http()
      .put(`/api/articles/${documentId}?locale=id`)
      .set('Authorization', `Bearer ${token.accessKey}`)
      .send({ data: { title: 'Judul lewat API' } });
    expect(res.status).toBe(200);
    const after = await readLists(app, 'id');
    expect(after.rest.find((a) => a.documentId === documentId)?.title).toBe('Judul lewat API');
    expect(after.gql.find((a) => a.documentId === documentId)?.title).toBe('Judul lewat API');
  });

  test("renaming a tag shows on its articles' pages at once (REST and GraphQL)", async () => {
    const before = await warm(app, 'id');
    expect(before.gql[0]?.tags?.map((t) => t.name)).toContain('fresh Politik');
    const pageUrl = `/api/articles/slug/${fx.slugs.id[1]}?locale=id`;
    await app.http().get(pageUrl);

    await app.strapi.documents(TAG).update({
      documentId: fx.tagDocumentId,
      locale: 'id',
      data: { name: 'fresh Politik Nasional' } as never,
      status: 'published',
    });
    const after = await readLists(app, 'id');
    expect(after.gql.every((a) => !a.tags?.some((t) => t.name === 'fresh Politik'))).toBe(true);
    expect(after.gql.some((a) => a.tags?.some((t) => t.name === 'fresh Politik Nasional'))).toBe(true);
    const page = await app.http().get(pageUrl);
    expect(page.headers['x-cache']).toBe('MISS');
    expect((page.body.data.tags as { name: string }[]).map((t) => t.name)).toContain('fresh Politik Nasional');
  });

  test('unpublish and delete: gone from the next read', async () => {
    const [first, second] = [fx.documentIds[0]!, fx.documentIds[2]!];
    await warm(app, 'id');
    await warm(app, 'en');
    await app.strapi.documents(ARTICLE).unpublish({ documentId: first, locale: 'id' });
    const unpublished = await readLists(app, 'id');
    expect(unpublished.rest.map((a) => a.documentId)).not.toContain(first);
    expect(unpublished.gql.map((a) => a.documentId)).not.toContain(first);

    await warm(app, 'en');
    await app.strapi.documents(ARTICLE).delete({ documentId: second, locale: '*' } as never);
    for (const locale of ['id', 'en'] as const) {
      const after = await readLists(app, locale);
      expect(after.rest.map((a) => a.documentId)).not.toContain(second);
      expect(after.gql.map((a) => a.documentId)).not.toContain(second);
    }
  });

  test('feeds are cached with their own headers and refreshed by a publish', async () => {
    const first = await app.http().get('/feeds/id.json');
    expect(first.status).toBe(200);
    const second = await app.http().get('/feeds/id.json');
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(
      (
        await app
          .http()
          .get('/feeds/id.json')
          .set('If-None-Match', first.headers.etag as string)
      ).status,
    ).toBe(304);

    const created = await createArticle(app, fx, 'Berita untuk umpan');
    const after = await app.http().get('/feeds/id.json');
    expect(after.headers['x-cache']).toBe('MISS');
    expect(after.text).toContain(created.slug as string);
  });

  test('a draft save, a draft-only create and a discard purge nothing: REST and GraphQL stay HITs', async () => {
    const pageUrl = `/api/articles/slug/${fx.slugs.id[1]}?locale=id`;
    await warm(app, 'id');
    await app.http().get(pageUrl);
    expect((await app.http().get(pageUrl)).headers['x-cache']).toBe('HIT');
    const documentId = fx.documentIds[1]!;
    await app.strapi
      .documents(ARTICLE)
      .update({ documentId, locale: 'id', data: { title: 'Judul draf saja' } as never, status: 'draft' });
    await createArticle(app, fx, 'Draf baru saja', 'draft');
    await app.strapi.documents(ARTICLE).discardDraft({ documentId, locale: 'id' });
    const after = await readLists(app, 'id');
    expect(after.cache).toEqual(['HIT', 'HIT']);
    expect(after.rest.map((a) => a.title)).not.toContain('Judul draf saja');
    expect((await app.http().get(pageUrl)).headers['x-cache']).toBe('HIT');
  });

  test("a publish of one article leaves another article's page a HIT, and carries CDN keys", async () => {
    const pageUrl = `/api/articles/slug/${fx.slugs.id[1]}?locale=id`;
    await app.http().get(pageUrl);
    const hit = await app.http().get(pageUrl);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['surrogate-key']).toContain(`doc:${fx.documentIds[1]}`);
    expect((hit.headers['cache-tag'] as string).split(',')).toContain(`doc:${fx.authorDocumentId}`);
    expect(hit.headers['cache-control']).toMatch(/s-maxage=\d+/);
    // Another author and no tags: nothing of it is on the page.
    await app.strapi.documents(ARTICLE).create({
      data: {
        title: 'Berita lain terbit',
        excerpt: 'Ringkasan',
        body: [{ __component: 'content.rich-text', body: paragraph('Isi.') }],
      } as never,
      locale: 'id',
      status: 'published',
    });
    expect((await app.http().get(pageUrl)).headers['x-cache']).toBe('HIT');
    const list = await app.http().get('/api/articles?locale=id&pagination[pageSize]=50');
    expect(list.headers['x-cache']).toBe('MISS');
    expect(list.headers['surrogate-key']).toContain(`list:${ARTICLE}:id`);
  });

  test('sitemaps and the English feed are refreshed by a publish in each locale', async () => {
    const created = await createArticle(app, fx, 'Berita untuk peta situs');
    await app.strapi.documents(ARTICLE).update({
      documentId: created.documentId,
      locale: 'en',
      data: {
        title: 'News for the sitemap',
        excerpt: 'Summary',
        body: [{ __component: 'content.rich-text', body: paragraph('Text.') }],
      } as never,
      status: 'published',
    });
    for (const url of ['/sitemap.xml', '/feeds/en.json']) {
      await app.http().get(url);
      expect((await app.http().get(url)).headers['x-cache']).toBe('HIT');
    }
    await app.strapi.documents(ARTICLE).unpublish({ documentId: created.documentId, locale: 'en' });
    const feed = await app.http().get('/feeds/en.json');
    expect(feed.headers['x-cache']).toBe('MISS');
    expect(feed.text).not.toContain('News for the sitemap');
    const map = await app.http().get('/sitemap.xml');
    expect(map.headers['x-cache']).toBe('MISS');
  });

  test('single flight: N concurrent misses of one key run the handler once', async () => {
    const url = `/api/articles/slug/${fx.slugs.en[1]}?locale=en`;
    const { result, queries } = await captureQueries(app.strapi, () =>
      Promise.all(Array.from({ length: 8 }, () => app.http().get(url))),
    );
    expect(result.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(result.map((r) => r.text)).size).toBe(1);
    expect(result.filter((r) => r.headers['x-cache'] === 'MISS')).toHaveLength(1);
    await runtimeOf(app.strapi).responseStore!.purge([`doc:${fx.documentIds[1]}`]);
    const once = await captureQueries(app.strapi, () => app.http().get(url));
    expect(once.result.headers['x-cache']).toBe('MISS');
    // One computation (a cold permission memo may add a statement), not eight.
    expect(contentSelects(queries).length).toBeLessThan(2 * contentSelects(once.queries).length);
  });
});

describe('response cache switches', () => {
  test('CACHE_ENABLED=false and PERF_OPTIMIZATIONS=false: no cache, no X-Cache header', async () => {
    const variants: Record<string, string>[] = [{ CACHE_ENABLED: 'false' }, { PERF_OPTIMIZATIONS: 'false' }];
    for (const extra of variants) {
      const app = await startStrapi({ env: env(extra) });
      try {
        for (let i = 0; i < 2; i += 1) {
          const res = await app.http().get('/api/articles?locale=id');
          expect(res.status).toBe(200);
          expect(res.headers['x-cache']).toBeUndefined();
        }
      } finally {
        await app.stop();
      }
    }
  });
});

/** Whether Redis answers on 127.0.0.1:6379 (a TCP connect, 1 s). */
const redisAnswers = (): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: 6379, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });

describe('response cache shared through Redis', () => {
  const REDIS_URL = 'redis://127.0.0.1:6379';
  const prefix = `newsroom-test:${Date.now()}:${randomBytes(4).toString('hex')}`;
  let app: TestApp | undefined;
  let fx: PerfFixture;
  let skip: string | undefined;
  /** Another instance's view of the same Redis store (made only when Redis answers). */
  let other: ReturnType<typeof createResponseStore>;

  beforeAll(async () => {
    if (!(await redisAnswers())) {
      skip = 'Redis does not answer on 127.0.0.1:6379';
      console.warn(`[cache-freshness.test] Redis checks skipped: ${skip}`);
      return;
    }
    other = createResponseStore({
      redisUrl: REDIS_URL,
      namespace: prefix,
      ttlSeconds: 60,
      staleSeconds: 0,
      maxEntries: 100,
      maxBytes: 1 << 20,
    });
    app = await startStrapi({ env: env({ REDIS_URL, CACHE_KEY_PREFIX: prefix }) });
    fx = await createPerfFixture(app.strapi, 2, 'redis');
  });
  afterAll(async () => {
    await app?.stop();
    await other?.close();
  });

  test("a purge made by another instance (its marks in Redis) makes this instance's cached answers stale", async () => {
    if (skip || !app) return;
    const url = `/api/articles/slug/${fx.slugs.id[0]}?locale=id`;
    await app.http().get(url);
    const hit = await app.http().get(url);
    expect(hit.headers['x-cache']).toBe('HIT');

    // Another instance's invalidation: it only touches Redis.
    await other.purge([`doc:${fx.documentIds[0]}`]);
    const afterRemoteWrite = await app.http().get(url);
    expect(afterRemoteWrite.headers['x-cache']).toBe('MISS');
    expect((await app.http().get(url)).headers['x-cache']).toBe('HIT');
  });

  test('a publish on this instance is seen by the other instance: its entries are stale in Redis too', async () => {
    if (skip || !app) return;
    const url = '/api/articles?locale=id';
    await app.http().get(url);
    expect((await app.http().get(url)).headers['x-cache']).toBe('HIT');
    const { seq: before } = await other.lookup('probe');

    await createArticle(app, fx, 'Berita lewat Redis');
    const { seq: after } = await other.lookup('probe');
    expect(after).toBeGreaterThan(before);
    const res = await app.http().get(url);
    expect(res.headers['x-cache']).toBe('MISS');
    expect((res.body.data as Listed[]).map((a) => a.title)).toContain('Berita lewat Redis');
  });
});
