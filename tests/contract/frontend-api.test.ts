import type { AddressInfo } from 'net';
import { strapi as createClient } from '@strapi/client';
import { startStrapi, type TestApp } from '../helpers/strapi';
import type { ArticlePage } from '../../src/api-contract/types';
import { gql } from '../helpers/graphql';
import { createContractFixture, type ContractFixture } from '../helpers/contract-fixture';
import { ARTICLE_PAGE, AUTHOR_PAGE, TAG_PAGE, missingFields, project, toSelection } from '../helpers/contract-shape';

type Json = Record<string, unknown>;
type Locale = 'id' | 'en';
const LOCALES: Locale[] = ['id', 'en'];
const other = (l: Locale): Locale => (l === 'id' ? 'en' : 'id');

let app: TestApp;
let fx: ContractFixture;

beforeAll(async () => {
  app = await startStrapi({ env: { OPENAPI_CACHE: 'false' } });
  fx = await createContractFixture(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

const get = async (url: string) => app.http().get(url);
const data = (body: unknown): Json => (body as { data: Json }).data;
const list = (body: unknown): Json[] => (body as { data: Json[] }).data;

/** Every response body a test saw, to check nothing private or unpublished leaked anywhere. */
const seen: string[] = [];
const remember = <T extends { text: string }>(res: T): T => {
  seen.push(res.text);
  return res;
};

describe('REST: an article page in one request, with no populate given', () => {
  it.each(LOCALES)('list, slug filter, slug route and findOne agree and carry every field (%s)', async (locale) => {
    const slug = fx.slugs[locale];
    const listed = remember(await get(`/api/articles?locale=${locale}`));
    expect(listed.status).toBe(200);
    const fromList = list(listed.body).find((a) => a.slug === slug);
    expect(fromList).toBeDefined();

    const filtered = remember(await get(`/api/articles?filters[slug][$eq]=${slug}&locale=${locale}`));
    expect(list(filtered.body)).toHaveLength(1);
    const bySlug = remember(await get(`/api/articles/slug/${slug}?locale=${locale}`));
    expect(bySlug.status).toBe(200);
    const byId = remember(await get(`/api/articles/${fx.articleId}?locale=${locale}`));
    expect(byId.status).toBe(200);

    expect(list(filtered.body)[0]).toEqual(fromList);
    expect(data(bySlug.body)).toEqual(fromList);
    expect(data(byId.body)).toEqual(fromList);
    expect(bySlug.body.meta).toEqual(byId.body.meta);

    const article = data(bySlug.body);
    expect(missingFields(article, ARTICLE_PAGE)).toEqual([]);
    expect(article.locale).toBe(locale);
  });

  it.each(LOCALES)('the page data is complete and in the requested language (%s)', async (locale) => {
    const res = await get(`/api/articles/slug/${fx.slugs[locale]}?locale=${locale}`);
    const a = data(res.body) as {
      author: Json & { avatar: Json | null };
      tags: Json[];
      cover: Json & { formats: Record<string, unknown> | null };
      body: Json[];
      relatedLinks: (Json & { target: Json | null })[];
      sources: Json[];
      corrections: Json[];
      seo: Json;
      localizations: Json[];
      coverCredit: string;
      firstPublishedAt: string;
    };
    expect(a.author).toMatchObject({
      name: 'Kontrak Penulis',
      slug: fx.authorSlug,
      jobTitle: locale === 'id' ? 'Jurnalis' : 'Journalist',
      locale,
    });
    expect(a.author.avatar).toMatchObject({ url: expect.stringMatching(/^\/uploads\//) });
    expect(a.tags.map((t) => t.slug)).toEqual(locale === 'id' ? ['korea-utara', 'rudal'] : ['north-korea', 'missile']);
    expect(a.cover).toMatchObject({
      url: expect.stringMatching(/^\/uploads\/.+\.png$/),
      alternativeText: 'Kim Jong Un meninjau drone',
      mime: 'image/png',
    });
    expect(Object.keys(a.cover.formats ?? {})).toEqual(expect.arrayContaining(['thumbnail', 'small']));
    expect(a.coverCredit).toBe('ANTARA/KCNA/tm/aa');
    // The read-also box keeps its place between the paragraphs and carries the target's slug.
    expect(a.body.map((b) => b.__component)).toEqual(['content.rich-text', 'content.read-also', 'content.rich-text']);
    expect(a.body[1]).toMatchObject({ link: { kind: 'read-also', target: { slug: fx.targetSlugs[locale], locale } } });
    // Related links in the editor's order: internal (with the target's slug), then external.
    expect(a.relatedLinks.map((l) => l.kind)).toEqual(['read-also', 'fact-check']);
    expect(a.relatedLinks[0]?.target).toMatchObject({ slug: fx.targetSlugs[locale], locale });
    expect(a.relatedLinks[1]).toMatchObject({ target: null, url: expect.stringMatching(/^https:\/\/example\.org\//) });
    expect(a.sources).toEqual([
      expect.objectContaining({ name: 'KCNA', relation: 'reported-by' }),
      expect.objectContaining({ name: 'Antara', relation: 'quoted-from', url: 'https://www.antaranews.com' }),
    ]);
    // Corrections are per language version, in the editor's order (part of the contract since issue 17).
    expect(a.corrections).toEqual(
      locale === 'id'
        ? [
            expect.objectContaining({ date: '2024-11-12T09:00:00.000Z', kind: 'correction', text: 'Koreksi id' }),
            expect.objectContaining({ date: '2024-11-13T02:00:00.000Z', kind: 'update', text: 'Pembaruan id' }),
          ]
        : [
            expect.objectContaining({
              date: '2024-11-12T10:00:00.000Z',
              kind: 'clarification',
              text: 'Clarification en',
            }),
          ],
    );
    expect(a.seo).toMatchObject({ metaTitle: locale === 'id' ? 'Meta id' : 'Meta en' });
    // Language switcher: the other locale's slug, nothing else.
    expect(a.localizations).toEqual([
      expect.objectContaining({ locale: other(locale), slug: fx.slugs[other(locale)] }),
    ]);
    expect(Number.isNaN(Date.parse(a.firstPublishedAt))).toBe(false);
  });

  it('lists only published translations in localizations (no switcher link to a draft)', async () => {
    const docs = app.strapi.documents('api::article.article');
    const created = await docs.create({
      data: { title: 'Hanya Terbit Dalam Bahasa Indonesia' },
      locale: 'id',
      status: 'published',
    });
    await docs.update({
      documentId: created.documentId,
      locale: 'en',
      data: { title: 'English draft not yet published' },
    });
    try {
      const res = remember(await get(`/api/articles/slug/${String(created.slug)}?locale=id`));
      expect(res.status).toBe(200);
      expect(data(res.body).localizations).toEqual([]);
      const gq = await gql<{ articleBySlug: { localizations: unknown[] } }>(
        app,
        `{ articleBySlug(slug: "${String(created.slug)}", locale: "id") { localizations { locale slug } } }`,
      );
      expect(gq.data?.articleBySlug.localizations).toEqual([]);
      const en = await get(`/api/articles/${created.documentId}?locale=en`);
      expect(en.status).toBe(404);
    } finally {
      await docs.delete({ documentId: created.documentId, locale: '*' });
    }
  });

  it('merges the client populate with the defaults: named keys win, the others stay', async () => {
    const res = await get(
      `/api/articles/slug/${fx.slugs.en}?locale=en&populate[author][fields][0]=name&fields[0]=title&fields[1]=slug`,
    );
    expect(res.status).toBe(200);
    const a = data(res.body);
    expect(a.author).toEqual({ id: expect.any(Number), documentId: expect.any(String), name: 'Kontrak Penulis' });
    expect(a.tags).toEqual(expect.arrayContaining([expect.objectContaining({ slug: 'north-korea' })]));
    expect(a.localizations).toEqual([expect.objectContaining({ locale: 'id' })]);
    expect(a.excerpt).toBeUndefined();
    expect(a.title).toBe('Kim Jong Un Orders Mass Production of Drones');

    const star = await get(`/api/articles/slug/${fx.slugs.en}?locale=en&populate=*`);
    expect(data(star.body)).toEqual(data((await get(`/api/articles/slug/${fx.slugs.en}?locale=en`)).body));
  });

  it('filters by tag slug, author slug and firstPublishedAt range; newest first by default', async () => {
    const byTag = await get(`/api/articles?locale=en&filters[tags][slug][$eq]=north-korea`);
    expect(list(byTag.body).map((a) => a.slug)).toEqual([fx.slugs.en]);
    const byTag2 = await get(`/api/articles?locale=en&filters[tags][slug][$eq]=missile`);
    expect(
      list(byTag2.body)
        .map((a) => a.slug)
        .sort(),
    ).toEqual([fx.slugs.en, fx.targetSlugs.en].sort());

    const byAuthor = await get(`/api/articles?locale=id&filters[author][slug][$eq]=${fx.authorSlug}`);
    const dates = list(byAuthor.body).map((a) => String(a.firstPublishedAt));
    expect(dates).toHaveLength(2);
    expect([...dates].sort().reverse()).toEqual(dates);
    const asc = await get(
      `/api/articles?locale=id&filters[author][slug][$eq]=${fx.authorSlug}&sort=firstPublishedAt:asc`,
    );
    expect(list(asc.body).map((a) => String(a.firstPublishedAt))).toEqual([...dates].reverse());

    const [newest, oldest] = dates as [string, string];
    const range = await get(
      `/api/articles?locale=id&filters[firstPublishedAt][$gt]=${encodeURIComponent(oldest)}&filters[firstPublishedAt][$lte]=${encodeURIComponent(newest)}`,
    );
    expect(list(range.body).map((a) => a.firstPublishedAt)).toEqual([newest]);
  });

  it('author and tag pages list their published articles in the requested locale', async () => {
    for (const locale of LOCALES) {
      const author = remember(await get(`/api/authors?filters[slug][$eq]=${fx.authorSlug}&locale=${locale}`));
      const page = list(author.body)[0] as Json & { articles: Json[]; localizations: Json[] };
      expect(missingFields(page, AUTHOR_PAGE)).toEqual([]);
      expect(page.articles.map((a) => a.locale)).toEqual([locale, locale]);
      expect(page.articles.map((a) => a.slug)).toEqual([fx.slugs[locale], fx.targetSlugs[locale]]);
      expect(page.localizations).toEqual([expect.objectContaining({ locale: other(locale), slug: fx.authorSlug })]);

      const tag = remember(await get(`/api/tags?filters[slug][$eq]=${fx.tagSlugs[locale]}&locale=${locale}`));
      const tagPage = list(tag.body)[0] as Json & { articles: Json[] };
      expect(missingFields(tagPage, TAG_PAGE)).toEqual([]);
      expect(tagPage.articles.map((a) => a.slug)).toEqual([fx.slugs[locale]]);
    }
  });

  it("answers an unknown slug with a 404 JSON error, and another locale's slug is not found", async () => {
    const missing = await get('/api/articles/slug/no-such-story?locale=en');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({
      status: 404,
      name: 'NotFoundError',
      message: expect.stringContaining('no-such-story'),
    });
    const wrongLocale = await get(`/api/articles/slug/${fx.slugs.id}?locale=en`);
    expect(wrongLocale.status).toBe(404);
  });

  it('refuses an unknown locale and a page size above the maximum with a 400 that says why', async () => {
    for (const url of [
      '/api/articles?locale=fr',
      `/api/articles/slug/${fx.slugs.en}?locale=xx`,
      '/api/authors?locale=de',
      '/api/tags?locale=zz',
    ]) {
      const res = await get(url);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'ValidationError',
        message: expect.stringMatching(/Unknown locale ".+": use one of id, en/),
      });
    }
    const tooBig = await get('/api/articles?pagination[pageSize]=101');
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.message).toBe('pagination[pageSize] must be at most 100, got 101');
    const tooBigLimit = await get('/api/articles?pagination[limit]=1000');
    expect(tooBigLimit.status).toBe(400);
    const max = await get('/api/articles?pagination[pageSize]=100');
    expect(max.status).toBe(200);
    expect(max.body.meta.pagination).toMatchObject({ pageSize: 100 });
  });

  it('never shows drafts, unpublished changes or other locales, even with status=draft', async () => {
    for (const locale of LOCALES) {
      const res = remember(await get(`/api/articles?status=draft&locale=${locale}`));
      expect(res.status).toBe(200);
      for (const a of list(res.body)) {
        expect(a.locale).toBe(locale);
        expect(a.publishedAt).toEqual(expect.any(String));
      }
      expect(
        list(res.body)
          .map((a) => a.slug)
          .sort(),
      ).toEqual([fx.slugs[locale], fx.targetSlugs[locale]].sort());
      const bySlug = remember(await get(`/api/articles/slug/${fx.slugs[locale]}?locale=${locale}&status=draft`));
      expect(data(bySlug.body).title).not.toBe(fx.unpublishedChangeTitle);
    }
  });
});

describe('GraphQL: the same data under the same field names', () => {
  const articleQuery = `query Article($slug: String!, $locale: I18NLocaleCode) {
    articleBySlug(slug: $slug, locale: $locale) { ${toSelection(ARTICLE_PAGE)} }
    articles(locale: $locale, filters: { slug: { eq: $slug } }) { ${toSelection(ARTICLE_PAGE)} }
  }`;

  it.each(LOCALES)('articleBySlug and articles(filters) carry every field and agree with REST (%s)', async (locale) => {
    const res = await gql<{ articleBySlug: Json; articles: Json[] }>(app, articleQuery, {
      slug: fx.slugs[locale],
      locale,
    });
    seen.push(JSON.stringify(res));
    expect(res.errors).toBeUndefined();
    const one = res.data?.articleBySlug;
    expect(one).toBeTruthy();
    expect(res.data?.articles).toHaveLength(1);
    expect(res.data?.articles[0]).toEqual(one);

    const rest = data((await get(`/api/articles/slug/${fx.slugs[locale]}?locale=${locale}`)).body);
    const fromRest = project(rest, ARTICLE_PAGE);
    const fromGraphql = project(one, ARTICLE_PAGE);
    expect(fromGraphql).toEqual(fromRest);
    // The comparison is not vacuous: the projected page holds the nested data.
    expect(fromRest).toMatchObject({
      locale,
      author: { slug: fx.authorSlug },
      localizations: [{ locale: other(locale) }],
    });
  });

  it.each(LOCALES)('authorBySlug and tagBySlug agree with the REST author and tag pages (%s)', async (locale) => {
    const res = await gql<{ authorBySlug: Json; tagBySlug: Json }>(
      app,
      `query($a: String!, $t: String!, $l: I18NLocaleCode) {
        authorBySlug(slug: $a, locale: $l) { ${toSelection(AUTHOR_PAGE).replace('articles {', 'articles(sort: ["firstPublishedAt:desc"]) {')} }
        tagBySlug(slug: $t, locale: $l) { ${toSelection(TAG_PAGE).replace('articles {', 'articles(sort: ["firstPublishedAt:desc"]) {')} }
      }`,
      { a: fx.authorSlug, t: fx.tagSlugs[locale], l: locale },
    );
    seen.push(JSON.stringify(res));
    expect(res.errors).toBeUndefined();
    const restAuthor = list((await get(`/api/authors?filters[slug][$eq]=${fx.authorSlug}&locale=${locale}`)).body)[0];
    const restTag = list((await get(`/api/tags?filters[slug][$eq]=${fx.tagSlugs[locale]}&locale=${locale}`)).body)[0];
    expect(project(res.data?.authorBySlug, AUTHOR_PAGE)).toEqual(project(restAuthor, AUTHOR_PAGE));
    expect(project(res.data?.tagBySlug, TAG_PAGE)).toEqual(project(restTag, TAG_PAGE));
    expect((res.data?.authorBySlug as { articles: unknown[] }).articles).toHaveLength(2);
  });

  it('sorts articles newest first by default, like REST', async () => {
    const res = await gql<{ articles: { slug: string }[] }>(app, '{ articles(locale: "en") { slug } }');
    const rest = list((await get('/api/articles?locale=en')).body).map((a) => a.slug);
    expect(res.data?.articles.map((a) => a.slug)).toEqual(rest);
  });

  it('answers an unknown slug with null', async () => {
    const res = await gql<{ articleBySlug: unknown }>(
      app,
      '{ articleBySlug(slug: "no-such-story", locale: "en") { title } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.articleBySlug).toBeNull();
  });

  it('refuses an unknown locale, a page size above the maximum and a too deep query with a 400 that says why', async () => {
    const locale = await gql(app, '{ articles(locale: "fr") { title } }');
    expect(locale.status).toBe(400);
    expect(locale.errors?.[0]?.message).toMatch(/Unknown locale/);
    const bySlugLocale = await gql(app, `{ articleBySlug(slug: "${fx.slugs.en}", locale: "xx") { title } }`);
    expect(bySlugLocale.status).toBe(400);

    const pageSize = await gql(app, '{ articles(pagination: { pageSize: 500 }) { title } }');
    expect(pageSize.status).toBe(400);
    expect(pageSize.errors?.[0]?.message).toBe('pagination[pageSize] must be at most 100, got 500');
    const limit = await gql(app, '{ tags(pagination: { limit: 101 }) { name } }');
    expect(limit.status).toBe(400);
    expect(limit.errors?.[0]?.message).toBe('pagination[limit] must be at most 100, got 101');

    const nest = (depth: number): string => (depth === 0 ? 'title' : `author { articles { ${nest(depth - 1)} } }`);
    const deep = await gql(app, `query Deep { articles { ${nest(6)} } }`);
    expect(deep.status).toBe(400);
    expect(deep.errors?.[0]?.message).toMatch(/exceeds maximum operation depth of 10/);
  });

  it('serves published content only, whatever status is asked', async () => {
    const res = await gql<{ articles: { title: string; publishedAt: string | null }[] }>(
      app,
      '{ articles(status: DRAFT, locale: "id") { title publishedAt } }',
    );
    seen.push(JSON.stringify(res));
    expect(res.errors).toBeUndefined();
    expect(res.data?.articles.length).toBe(2);
    for (const a of res.data?.articles ?? []) expect(a.publishedAt).toEqual(expect.any(String));
  });

  it('has no email field on Author', async () => {
    const res = await gql(app, `{ authorBySlug(slug: "${fx.authorSlug}") { email } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/Cannot query field "email"/);
  });
});

describe('@strapi/client, as a frontend uses it', () => {
  it.each(LOCALES)('finds the article by slug with no populate and gets the whole page (%s)', async (locale) => {
    const server = app.strapi.server.httpServer;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createClient({ baseURL: `http://127.0.0.1:${port}/api` });

    const res = await client.collection('articles').find({ filters: { slug: { $eq: fx.slugs[locale] } }, locale });
    seen.push(JSON.stringify(res));
    const articles = res.data as unknown as ArticlePage[];
    expect(articles).toHaveLength(1);
    const [article] = articles;
    expect(missingFields(article, ARTICLE_PAGE)).toEqual([]);
    expect(article?.localizations.map((l) => [l.locale, l.slug])).toEqual([[other(locale), fx.slugs[other(locale)]]]);
    expect(article?.author?.slug).toBe(fx.authorSlug);
    expect(article?.body.find((b) => b.__component === 'content.read-also')).toMatchObject({
      link: { target: { slug: fx.targetSlugs[locale] } },
    });

    const rest = data((await get(`/api/articles/slug/${fx.slugs[locale]}?locale=${locale}`)).body);
    expect(article).toEqual(rest);
  });
});

describe('HTTP caching', () => {
  it('sends Cache-Control and an ETag on public GETs and 304 on a matching If-None-Match', async () => {
    const url = `/api/articles/slug/${fx.slugs.en}?locale=en`;
    const first = await get(url);
    expect(first.headers['cache-control']).toBe('public, max-age=60, s-maxage=60, stale-while-revalidate=300');
    expect(first.headers.etag).toMatch(/^W\/".+"$/);
    const again = await app
      .http()
      .get(url)
      .set('If-None-Match', first.headers.etag as string);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const otherLocale = await app
      .http()
      .get(`/api/articles/slug/${fx.slugs.id}?locale=id`)
      .set('If-None-Match', first.headers.etag as string);
    expect(otherLocale.status).toBe(200);
    expect(otherLocale.headers.etag).not.toBe(first.headers.etag);
  });

  it('never marks authenticated or failed answers as public', async () => {
    const tokens = app.strapi.service('admin::api-token') as {
      create: (a: Record<string, unknown>) => Promise<{ accessKey: string }>;
    };
    const token = await tokens.create({
      name: 'preview-cache-test',
      type: 'read-only',
      lifespan: null,
      description: '',
    });
    const authed = await app.http().get('/api/articles?locale=en').set('Authorization', `Bearer ${token.accessKey}`);
    expect(authed.status).toBe(200);
    expect(authed.headers['cache-control']).toBe('private, no-store');

    const bad = await get('/api/articles?locale=xx');
    expect(bad.headers['cache-control'] ?? '').not.toMatch(/public/);
    const admin = await get('/admin/init');
    expect(admin.headers['cache-control'] ?? '').not.toMatch(/public/);
  });
});

describe('OpenAPI', () => {
  it('is served locally and lists exactly the content API routes of the newsroom types', async () => {
    const res = await get('/api/openapi.json');
    expect(res.status).toBe(200);
    const spec = res.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(spec.openapi).toMatch(/^3\./);

    const NEWSROOM_APIS = ['article', 'author', 'tag', 'related-link'];
    const fromRoutes = new Set<string>();
    for (const apiName of NEWSROOM_APIS) {
      const routers = app.strapi.api(apiName).routes as Record<string, { routes: { method: string; path: string }[] }>;
      for (const router of Object.values(routers)) {
        for (const route of router.routes)
          fromRoutes.add(`${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
      }
    }
    const prefixes = ['/articles', '/authors', '/tags', '/related-links'];
    const fromSpec = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!prefixes.some((p) => path === p || path.startsWith(`${p}/`))) continue;
      for (const method of Object.keys(ops)) fromSpec.add(`${method} ${path}`);
    }
    expect([...fromSpec].sort()).toEqual([...fromRoutes].sort());
    expect(fromSpec.has('get /articles/slug/{slug}')).toBe(true);

    const slugOp = spec.paths['/articles/slug/{slug}']?.get as { parameters: { name: string; in: string }[] };
    expect(slugOp.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(
      expect.arrayContaining(['path:slug', 'query:locale', 'query:populate']),
    );

    // `view` (card|page) is declared on the three article reads, and on nothing else.
    type Param = { name: string; in: string; required?: boolean; schema?: { enum?: string[]; description?: string } };
    const withView: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const view = ((op as { parameters?: Param[] }).parameters ?? []).find((p) => p.name === 'view');
        if (!view) continue;
        withView.push(`${method} ${path}`);
        expect(view).toMatchObject({ in: 'query', required: false, schema: { enum: ['card', 'page'] } });
        expect(view.schema?.description).toMatch(/`page` \(the default\)/);
      }
    }
    expect(withView.sort()).toEqual(['get /articles', 'get /articles/slug/{slug}', 'get /articles/{id}']);
  });
});

it('never leaked a private field, a draft or an unpublished change in any answer above', () => {
  const all = seen.join('\n');
  expect(all.length).toBeGreaterThan(1000);
  expect(all).not.toContain(fx.authorEmail);
  expect(all).not.toContain(fx.draftOnlyTitle);
  expect(all).not.toContain(fx.unpublishedChangeTitle);
  expect(all).not.toMatch(/"email"/);
});
