import { startStrapi, type TestApp } from '../helpers/strapi';
import { captureQueries } from '../helpers/sql-capture';
import { createPerfFixture, type PerfFixture } from '../helpers/perf-fixture';

/**
 * Statements per request (knex 'query' events), with the response cache off
 * so every request reaches the database. The bounds are structural: a page of
 * 20 must cost exactly what a page of 5 costs, so a query per row fails.
 */

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

const GRAPHQL_LIST = `query List($size: Int!) {
  articles(locale: "id", pagination: { pageSize: $size }, sort: ["firstPublishedAt:desc"]) {
    documentId title slug firstPublishedAt
    author { name slug }
    tags { name slug }
    firstTag: tags(pagination: { limit: 1 }) { slug }
    cover { url }
    relatedLinks { title }
  }
}`;

const statementsFor = async (app: TestApp, run: () => Promise<{ status: number }>): Promise<number> => {
  const { result, queries } = await captureQueries(app.strapi, run);
  expect(result.status).toBe(200);
  // Transactions' BEGIN/COMMIT are not reads; count what Strapi asks the database.
  return queries.filter((q) => !/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(q.sql)).length;
};

const restList = (app: TestApp, size: number) => () =>
  app.http().get(`/api/articles?locale=id&pagination[pageSize]=${size}`);
const graphqlList = (app: TestApp, size: number) => () =>
  app.http().post('/graphql').send({ query: GRAPHQL_LIST, variables: { size } });

describe('lean queries', () => {
  let app: TestApp;
  let fx: PerfFixture;

  beforeAll(async () => {
    app = await startStrapi({ env: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'true' } });
    fx = await createPerfFixture(app.strapi, 22, 'lean');
    await app.http().get('/api/articles?locale=id'); // warm the permission memo
  });
  afterAll(async () => app?.stop());

  test('REST list: the same statements for 5 and 20 articles, at most 13', async () => {
    const five = await statementsFor(app, restList(app, 5));
    const twenty = await statementsFor(app, restList(app, 20));
    expect(twenty).toBe(five);
    expect(twenty).toBeLessThanOrEqual(13);
  });

  test('REST article by slug and tag page: bounded, independent of the archive', async () => {
    expect(
      await statementsFor(app, () => app.http().get(`/api/articles/slug/${fx.slugs.en[0]}?locale=en`)),
    ).toBeLessThanOrEqual(13);
    expect(
      await statementsFor(app, () => app.http().get(`/api/tags?locale=id&filters[slug][$eq]=${fx.tagSlugs.id}`)),
    ).toBeLessThanOrEqual(6);
  });

  test('GraphQL list with author, tags, cover and related links: the same statements for 5 and 20 articles', async () => {
    const five = await statementsFor(app, graphqlList(app, 5));
    const twenty = await statementsFor(app, graphqlList(app, 20));
    expect(twenty).toBe(five);
    expect(twenty).toBeLessThanOrEqual(12);
  });

  test('the GraphQL answer is the one stock Strapi gives, field for field (per-parent limits included)', async () => {
    const lean = await graphqlList(app, 20)();
    expect(lean.body.errors).toBeUndefined();
    const articles = lean.body.data.articles as {
      slug: string;
      author: { slug: string };
      tags: { slug: string }[];
      firstTag: { slug: string }[];
    }[];
    expect(articles).toHaveLength(20);
    expect(articles.map((a) => a.slug)).toEqual(fx.slugs.id.slice(0, 20));
    expect(articles.every((a) => a.author?.slug === fx.authorSlug)).toBe(true);
    expect(articles.every((a) => a.firstTag.length === 1)).toBe(true);
    expect(articles.some((a) => a.tags.length === 2)).toBe(true);

    const { dir } = app;
    await app.stop();
    app = await startStrapi({ dir, env: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'false' } });
    try {
      const stock = await graphqlList(app, 20)();
      expect(stock.body).toEqual(lean.body);
      // Stock Strapi resolves relations row by row: the structural check above would fail on it.
      const five = await statementsFor(app, graphqlList(app, 5));
      const twenty = await statementsFor(app, graphqlList(app, 20));
      expect(twenty).toBeGreaterThan(five + 15 * 4);
    } finally {
      await app.stop();
      app = await startStrapi({ dir, env: { CACHE_ENABLED: 'false', PERF_OPTIMIZATIONS: 'true' } });
    }
  });

  test("the Public role's permissions are read once, and again right after an operator changes them", async () => {
    const permissionReads = async (url: string): Promise<{ status: number; reads: number }> => {
      const { result, queries } = await captureQueries(app.strapi, () => app.http().get(url));
      return { status: result.status, reads: queries.filter((q) => /up_permissions/.test(q.sql)).length };
    };
    await permissionReads('/api/tags?locale=id');
    expect(await permissionReads('/api/tags?locale=id')).toEqual({ status: 200, reads: 0 });

    const role = await app.strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } });
    const grant = await app.strapi.db
      .query(PERMISSION_UID)
      .findOne({ where: { role: role.id, action: 'api::tag.tag.find' } });
    await app.strapi.db.query(PERMISSION_UID).delete({ where: { id: grant.id } });
    try {
      const revoked = await permissionReads('/api/tags?locale=id');
      expect(revoked.status).toBe(403);
      expect(revoked.reads).toBe(1);
    } finally {
      await app.strapi.db.query(PERMISSION_UID).create({ data: { action: 'api::tag.tag.find', role: role.id } });
    }
    expect((await permissionReads('/api/tags?locale=id')).status).toBe(200);
  });
});
