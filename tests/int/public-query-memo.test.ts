import path from 'path';
import type { Core } from '@strapi/strapi';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { createPerfFixture, type PerfFixture } from '../helpers/perf-fixture';

/**
 * The patches of the uncached read path (src/strapi-patches/: the content
 * API's query-check memo, the one-walk output sanitizer, the Document
 * Service's param-check memo, SQLite's statement cache), with the response
 * cache off so every request reaches them: REST and GraphQL answers byte for
 * byte those of stock Strapi (PERF_OPTIMIZATIONS=false), in both locales,
 * lists, pages by documentId and by slug, tag and author pages; one check per
 * query shape, shared by every slug; a bad query refused every time; a
 * permission an operator revokes honoured on the next request.
 */

type Memo = { contentApiQueryStats: (strapi: Core.Strapi) => { hits: number; misses: number } };
type ParamsMemo = { documentParamChecks: () => { remembered: number; skipped: number } };
type Statements = { sqliteStatementStats: (strapi: Core.Strapi) => { prepared: number; reused: number } };
type Output = {
  publicOutputStats: (strapi: Core.Strapi) => { walked: number; handedBack: number };
  usersPermissionsSanitizer: unknown;
};
// The app runs the compiled project: its memos are the ones in dist/.
/* eslint-disable @typescript-eslint/no-require-imports */
const { contentApiQueryStats } = require(path.join(ROOT, 'dist/src/strapi-patches/content-api-query-memo.js')) as Memo;
const { documentParamChecks } = require(
  path.join(ROOT, 'dist/src/strapi-patches/document-params-memo.js'),
) as ParamsMemo;
const { publicOutputStats, usersPermissionsSanitizer } = require(
  path.join(ROOT, 'dist/src/strapi-patches/content-api-output.js'),
) as Output;
const { sqliteStatementStats } = require(
  path.join(ROOT, 'dist/src/strapi-patches/sqlite-statement-cache.js'),
) as Statements;
/* eslint-enable @typescript-eslint/no-require-imports */

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

let app: TestApp;
let fx: PerfFixture;

const urls = (): string[] => [
  '/api/articles?locale=id',
  '/api/articles?locale=en&pagination[pageSize]=5&pagination[page]=2',
  '/api/articles?locale=id&view=card',
  `/api/articles/${fx.documentIds[1]}?locale=en`,
  ...fx.slugs.id.slice(0, 3).map((slug) => `/api/articles/slug/${slug}?locale=id`),
  ...fx.slugs.en.slice(0, 3).map((slug) => `/api/articles/slug/${slug}?locale=en`),
  `/api/tags?locale=id&filters[slug][$eq]=${fx.tagSlugs.id}`,
  `/api/authors?locale=en&filters[slug][$eq]=${fx.authorSlug}`,
];

/** GraphQL: a list with its relations, and the article page by slug, per locale. */
const GRAPHQL = `query Page($locale: I18NLocaleCode!, $slug: String!) {
  articles(locale: $locale, pagination: { pageSize: 5 }) {
    documentId title slug firstPublishedAt
    author { name slug }
    tags { name slug }
    cover { url }
    relatedLinks { title }
  }
  article: articles(locale: $locale, filters: { slug: { eq: $slug } }) {
    title excerpt body { __typename } author { name } localizations { locale slug }
  }
}`;

const restAnswers = async (): Promise<Record<string, { status: number; text: string }>> => {
  const out: Record<string, { status: number; text: string }> = {};
  for (const url of urls()) {
    const res = await app.http().get(url);
    out[url] = { status: res.status, text: res.text };
  }
  return out;
};

const graphqlAnswers = async (): Promise<Record<string, { status: number; text: string }>> => {
  const out: Record<string, { status: number; text: string }> = {};
  for (const locale of ['id', 'en'] as const) {
    const variables = { locale, slug: fx.slugs[locale][2] };
    const res = await app.http().post('/graphql').send({ query: GRAPHQL, variables });
    out[`graphql ${locale}`] = { status: res.status, text: res.text };
  }
  return out;
};

const answers = async () => ({ ...(await restAnswers()), ...(await graphqlAnswers()) });

beforeAll(async () => {
  app = await startStrapi({ env: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'true', PERMISSIONS_CACHE_MS: '0' } });
  fx = await createPerfFixture(app.strapi, 8, 'memo');
});

afterAll(async () => {
  await app?.stop();
});

test('the same bytes as stock Strapi, with the checks of each query shape made once', async () => {
  const before = contentApiQueryStats(app.strapi);
  const first = await restAnswers();
  const firstPass = contentApiQueryStats(app.strapi);
  const checks = documentParamChecks();
  const statements = sqliteStatementStats(app.strapi);
  const again = await restAnswers();
  // SQLite: the second pass runs the SELECTs the first one compiled, compiling none.
  if (app.client === 'sqlite') {
    expect(sqliteStatementStats(app.strapi).prepared).toBe(statements.prepared);
    expect(sqliteStatementStats(app.strapi).reused).toBeGreaterThan(statements.reused + urls().length);
  }
  const after = contentApiQueryStats(app.strapi);
  // Every answer sanitized by the one-walk sanitizer, none handed back to Strapi's; the
  // users-permissions sanitizer it applies itself is the one registered.
  const registered = (app.strapi as unknown as { sanitizers: { get(n: string): unknown[] } }).sanitizers;
  expect(usersPermissionsSanitizer).toBeDefined();
  expect(registered.get('content-api.output')).toContain(usersPermissionsSanitizer);
  expect(publicOutputStats(app.strapi)).toEqual({ walked: urls().length * 2, handedBack: 0 });
  // The Document Service's own checks of populate, sort and fields: none made again on the second pass.
  expect(checks.remembered).toBeGreaterThan(0);
  expect(documentParamChecks().remembered).toBe(checks.remembered);
  expect(documentParamChecks().skipped).toBeGreaterThanOrEqual(checks.skipped + urls().length);
  expect(again).toEqual(first);
  for (const [url, answer] of Object.entries(first)) expect([url, answer.status]).toEqual([url, 200]);
  // Each request validates, then sanitizes, its query. Six slugs share two shapes (one per
  // locale): the first pass checks 8 shapes twice over, the second pass none.
  expect(firstPass.misses - before.misses).toBe(8 * 2);
  expect(after.misses).toBe(firstPass.misses);
  expect(after.hits - before.hits).toBe((urls().length * 2 - 8) * 2);

  // GraphQL goes through the same content API: its answers too are held to stock Strapi's below.
  const graphql = await graphqlAnswers();
  for (const [name, answer] of Object.entries(graphql)) {
    expect([name, answer.status, JSON.parse(answer.text).errors]).toEqual([name, 200, undefined]);
  }
  expect(JSON.parse(graphql['graphql en']!.text).data.article[0].title).toBeTruthy();
  const all = { ...first, ...graphql };

  // Each slug's own article, not the first one remembered.
  const bySlug = (url: string) => (JSON.parse(first[url]!.text) as { data: { slug: string } }).data.slug;
  for (const slug of fx.slugs.id.slice(0, 3)) expect(bySlug(`/api/articles/slug/${slug}?locale=id`)).toBe(slug);
  expect((await app.http().get('/api/articles/slug/no-such-article?locale=id')).status).toBe(404);

  const { dir } = app;
  await app.stop();
  app = await startStrapi({ dir, env: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'false' } });
  try {
    expect(await answers()).toEqual(all);
    expect(contentApiQueryStats(app.strapi)).toEqual({ hits: 0, misses: 0 });
    expect(documentParamChecks()).toEqual({ remembered: 0, skipped: 0 });
    expect(publicOutputStats(app.strapi)).toEqual({ walked: 0, handedBack: 0 });
  } finally {
    await app.stop();
    app = await startStrapi({
      dir,
      env: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'true', PERMISSIONS_CACHE_MS: '0' },
    });
  }
});

test('a Document Service call with a bad populate throws every time', async () => {
  const read = () => app.strapi.documents('api::article.article').findMany({ populate: { nope: true } } as never);
  await expect(read()).rejects.toThrow('Invalid key nope');
  await expect(read()).rejects.toThrow('Invalid key nope');
});

test('a bad query is refused every time, with the same 400', async () => {
  const url = '/api/articles?locale=id&filters[password][$eq]=x';
  const first = await app.http().get(url);
  const second = await app.http().get(url);
  expect(first.status).toBe(400);
  expect(second.status).toBe(400);
  expect(second.body).toEqual(first.body);
  expect(JSON.stringify(first.body)).toContain('password');
});

test('a revoked permission is honoured on the next request, and a restored one', async () => {
  const page = `/api/articles/slug/${fx.slugs.id[0]}?locale=id`;
  const authorOf = async (): Promise<unknown> => (await app.http().get(page)).body.data.author;
  expect(await authorOf()).toMatchObject({ slug: fx.authorSlug });
  expect(await authorOf()).toMatchObject({ slug: fx.authorSlug });

  const role = await app.strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } });
  const grant = await app.strapi.db
    .query(PERMISSION_UID)
    .findOne({ where: { role: role.id, action: 'api::author.author.find' } });
  expect(grant).toBeTruthy();
  const byAuthor = `/api/articles?locale=id&filters[author][slug][$eq]=${fx.authorSlug}`;
  const allowed = await app.http().get(byAuthor);
  expect(allowed.status).toBe(200);
  expect(allowed.body.data).toHaveLength(8);
  await app.strapi.db.query(PERMISSION_UID).delete({ where: { id: grant.id } });
  try {
    // A filter on a relation the caller may no longer read: decided by the query checks alone.
    const refused = await app.http().get(byAuthor);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ name: 'ValidationError', message: 'Invalid key author' });
    expect(await authorOf()).toBeUndefined();
    expect((await app.http().get('/api/authors?locale=id')).status).toBe(403);
  } finally {
    await app.strapi.db.query(PERMISSION_UID).create({ data: { action: 'api::author.author.find', role: role.id } });
  }
  expect(await authorOf()).toMatchObject({ slug: fx.authorSlug });
  expect((await app.http().get(byAuthor)).body).toEqual(allowed.body);
});
