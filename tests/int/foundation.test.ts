import { startStrapi, type TestApp } from '../helpers/strapi';
import { gql } from '../helpers/graphql';

const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const TAG = 'api::tag.tag';
const LINK = 'api::related-link.related-link';

let app: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi();
  const docs = app.strapi.documents;

  const author = await docs(AUTHOR).create({
    data: { name: 'Uji Penulis', jobTitle: 'Reporter', email: 'secret-author@example.test' },
    locale: 'id',
    status: 'published',
  });
  await docs(AUTHOR).update({
    documentId: author.documentId,
    locale: 'en',
    data: { name: 'Uji Penulis', jobTitle: 'Reporter (EN)' },
    status: 'published',
  });
  ids.author = author.documentId;

  const tag = await docs(TAG).create({ data: { name: 'Korea Utara' }, locale: 'id', status: 'published' });
  await docs(TAG).update({
    documentId: tag.documentId,
    locale: 'en',
    data: { name: 'North Korea' },
    status: 'published',
  });
  ids.tag = tag.documentId;

  const link = await docs(LINK).create({
    data: { title: 'Tautan uji', kind: 'related' },
    locale: 'id',
    status: 'published',
  });
  await docs(LINK).update({
    documentId: link.documentId,
    locale: 'en',
    data: { title: 'Test link' },
    status: 'published',
  });
  ids.link = link.documentId;

  const article = await docs(ARTICLE).create({
    data: { title: 'Artikel Uji Coba', excerpt: 'Ringkasan', author: author.documentId, tags: [tag.documentId] },
    locale: 'id',
    status: 'published',
  });
  await docs(ARTICLE).update({
    documentId: article.documentId,
    locale: 'en',
    data: { title: 'Test Article', excerpt: 'Summary', author: author.documentId, tags: [tag.documentId] },
    status: 'published',
  });
  ids.article = article.documentId;

  // A draft that must never be public.
  await docs(ARTICLE).create({ data: { title: 'Draf Rahasia' }, locale: 'id' });
});

afterAll(async () => {
  await app?.stop();
});

describe('content model', () => {
  it('has the four content types, localized, with draft & publish', () => {
    for (const uid of [ARTICLE, AUTHOR, TAG, LINK] as const) {
      const model = app.strapi.contentType(uid);
      expect(model).toBeDefined();
      expect(model.pluginOptions).toMatchObject({ i18n: { localized: true } });
      expect(model.options?.draftAndPublish).toBe(true);
    }
  });

  it('decides localization field by field', () => {
    const localized = (uid: typeof ARTICLE | typeof AUTHOR | typeof TAG | typeof LINK, field: string): unknown =>
      (
        app.strapi.contentType(uid).attributes as Record<string, { pluginOptions?: { i18n?: { localized?: boolean } } }>
      )[field]?.pluginOptions?.i18n?.localized;
    expect(localized(ARTICLE, 'title')).toBe(true);
    expect(localized(ARTICLE, 'body')).toBe(true);
    expect(localized(ARTICLE, 'coverCaption')).toBe(true);
    expect(localized(ARTICLE, 'cover')).toBe(false);
    expect(localized(ARTICLE, 'coverCredit')).toBe(false);
    expect(localized(ARTICLE, 'sources')).toBe(false);
    expect(localized(AUTHOR, 'name')).toBe(false);
    expect(localized(AUTHOR, 'jobTitle')).toBe(true);
    expect(localized(TAG, 'name')).toBe(true);
    expect(localized(LINK, 'title')).toBe(true);
    expect(localized(LINK, 'kind')).toBe(false);
  });
});

describe('locales', () => {
  it('has id (default) and en', async () => {
    const service = app.strapi.plugin('i18n').service('locales') as unknown as {
      find(): Promise<{ code: string; isDefault: boolean }[]>;
      getDefaultLocale(): Promise<string>;
    };
    const codes = (await service.find()).map((l) => l.code).sort();
    expect(codes).toEqual(['en', 'id']);
    expect(await service.getDefaultLocale()).toBe('id');
  });

  it('serves the default locale (id) when none is asked for', async () => {
    const res = await app.http().get('/api/articles');
    expect(res.status).toBe(200);
    expect(res.body.data.map((a: { locale: string }) => a.locale)).toEqual(['id']);
  });
});

describe('public REST reads, both locales', () => {
  const cases: [string, string][] = [
    ['articles', 'article'],
    ['authors', 'author'],
    ['tags', 'tag'],
    ['related-links', 'link'],
  ];
  for (const locale of ['id', 'en']) {
    for (const [plural, key] of cases) {
      it(`GET /api/${plural}?locale=${locale} and /api/${plural}/:documentId`, async () => {
        const list = await app.http().get(`/api/${plural}?locale=${locale}`);
        expect(list.status).toBe(200);
        expect(list.body.data).toHaveLength(1);
        expect(list.body.data[0]).toMatchObject({ documentId: ids[key], locale });
        expect(list.body.meta.pagination).toMatchObject({ page: 1, pageSize: 25, total: 1 });

        const one = await app.http().get(`/api/${plural}/${ids[key]}?locale=${locale}`);
        expect(one.status).toBe(200);
        expect(one.body.data).toMatchObject({ documentId: ids[key], locale });
      });
    }
  }

  it('returns the localized text of each locale', async () => {
    const id = await app.http().get(`/api/articles/${ids.article}?locale=id`);
    const en = await app.http().get(`/api/articles/${ids.article}?locale=en`);
    expect(id.body.data.title).toBe('Artikel Uji Coba');
    expect(en.body.data.title).toBe('Test Article');
    expect(id.body.data.slug).toBe('artikel-uji-coba');
    expect(en.body.data.slug).toBe('test-article');
  });

  it('never shows drafts, even when asked for them', async () => {
    for (const query of ['', '?status=draft', '?publicationState=preview']) {
      const res = await app.http().get(`/api/articles${query}`);
      expect(res.status).toBe(200);
      expect(res.body.data.map((a: { title: string }) => a.title)).not.toContain('Draf Rahasia');
    }
    const draft = await gql<{ articles: { title: string }[] }>(app, '{ articles(status: DRAFT) { title } }');
    expect(draft.data?.articles.map((a) => a.title)).toEqual(['Artikel Uji Coba']);
  });

  it('caps the page size at the configured maximum (100)', async () => {
    // Issue 5: a page size above the maximum is refused with a 400 that says so
    // (Strapi alone would shrink it silently); the maximum itself is served.
    const res = await app.http().get('/api/articles?pagination[pageSize]=1000');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('pagination[pageSize] must be at most 100, got 1000');
    const max = await app.http().get('/api/articles?pagination[pageSize]=100');
    expect(max.status).toBe(200);
    expect(max.body.meta.pagination.pageSize).toBe(100);
  });
});

describe('anonymous writes are refused', () => {
  for (const plural of ['articles', 'authors', 'tags', 'related-links']) {
    it(`POST/PUT/DELETE /api/${plural}`, async () => {
      const post = await app
        .http()
        .post(`/api/${plural}`)
        .send({ data: { title: 'x', name: 'x' } });
      expect(post.status).toBe(403);
      expect(post.body.error).toMatchObject({ status: 403, name: 'ForbiddenError' });
      const put = await app
        .http()
        .put(`/api/${plural}/whatever`)
        .send({ data: { title: 'x' } });
      expect(put.status).toBe(403);
      const del = await app.http().delete(`/api/${plural}/whatever`);
      expect(del.status).toBe(403);
    });
  }

  it('refuses anonymous GraphQL mutations', async () => {
    const res = await gql(app, 'mutation { createTag(data: { name: "x" }) { documentId } }');
    expect(res.errors?.[0]?.message).toMatch(/forbidden/i);
    expect(await app.strapi.documents(TAG).count({})).toBe(1);
  });
});

describe('private fields', () => {
  it('never returns the author e-mail over REST', async () => {
    for (const url of [
      '/api/authors?locale=id',
      `/api/authors/${ids.author}`,
      '/api/articles?populate=author',
      `/api/articles/${ids.article}?populate[author][populate]=*`,
    ]) {
      const res = await app.http().get(url);
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('secret-author@example.test');
      expect(JSON.stringify(res.body)).not.toContain('"email"');
    }
  });

  it('has no email field in the GraphQL Author type', async () => {
    const res = await gql(app, '{ authors { name email } }');
    expect(res.errors?.[0]?.message).toMatch(/Cannot query field "email"/);
  });

  it('refuses filtering on the private e-mail', async () => {
    const res = await app.http().get('/api/authors?filters[email][$eq]=secret-author@example.test');
    expect(res.status).toBe(400);
  });
});

describe('related link rules', () => {
  it('refuses a non-http URL with a clear 400', async () => {
    await expect(
      app.strapi
        .documents(LINK)
        .create({ data: { title: 'Bad', kind: 'related', url: 'javascript:alert(1)' }, locale: 'id' }),
    ).rejects.toThrow(/url: .* must use http or https/);
  });

  it('refuses a link that has both an internal target and a URL', async () => {
    await expect(
      app.strapi.documents(LINK).create({
        data: { title: 'Both', kind: 'related', url: 'https://example.org/a', target: ids.article },
        locale: 'id',
      }),
    ).rejects.toThrow(/either to an article .* or to an external URL/);
  });

  it('accepts an external https URL', async () => {
    const ok = await app.strapi.documents(LINK).create({
      data: { title: 'Good', kind: 'related', url: 'https://example.org/a' },
      locale: 'id',
    });
    expect(ok.url).toBe('https://example.org/a');
    await app.strapi.documents(LINK).delete({ documentId: ok.documentId });
  });
});

describe('GraphQL', () => {
  it('lists articles by locale', async () => {
    for (const [locale, title] of [
      ['id', 'Artikel Uji Coba'],
      ['en', 'Test Article'],
    ]) {
      const res = await gql<{ articles: { title: string; locale: string; firstPublishedAt: string }[] }>(
        app,
        'query($locale: I18NLocaleCode) { articles(locale: $locale) { title locale firstPublishedAt } }',
        { locale },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.articles).toEqual([{ title, locale, firstPublishedAt: expect.any(String) }]);
    }
  });
});
