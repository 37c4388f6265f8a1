import request from 'supertest';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { seedApp } from '../helpers/seed';
import { ARTICLE_UID, AUTHOR_UID } from '../../src/lib/uids';

/**
 * The access policy of docs/access-and-security.md ("Policy"), checked cell by cell: every content
 * type × action × principal (anonymous, a signed-in site user with a JWT, a
 * read-only API token, a full-access API token), over REST and GraphQL; then
 * drafts and private fields, which must never reach a reader by any route,
 * populate or filter.
 */

type Principal = 'anonymous' | 'user' | 'readOnly' | 'fullAccess';
const PRINCIPALS: Principal[] = ['anonymous', 'user', 'readOnly', 'fullAccess'];
const WRITERS: Principal[] = ['fullAccess'];

let app: TestApp;
const auth: Record<Principal, string | undefined> = {
  anonymous: undefined,
  user: undefined,
  readOnly: undefined,
  fullAccess: undefined,
};

const DRAFT_TITLE = 'Draf matriks yang belum terbit';
const PRIVATE_EMAIL = 'wisnu.private@redaksi.example';
const ADMIN_EMAIL = 'editor.matrix@redaksi.example';
let draftDocumentId = '';
let draftSlug = '';
let seeded: Record<string, { documentId: string; slug?: string }> = {};

const withAuth = (req: request.Test, who: Principal): request.Test => {
  const value = auth[who];
  return value ? req.set('Authorization', `Bearer ${value}`) : req;
};
const get = (who: Principal, url: string) => withAuth(app.http().get(url), who);
const gql = (who: Principal, query: string, variables: Record<string, unknown> = {}) =>
  withAuth(app.http().post('/graphql').set('content-type', 'application/json').send({ query, variables }), who);

beforeAll(async () => {
  app = await startStrapi();
  await seedApp(app, undefined, { log: () => undefined });

  const tokens = app.strapi.service('admin::api-token') as {
    create: (a: Record<string, unknown>) => Promise<{ accessKey: string }>;
  };
  auth.readOnly = (
    await tokens.create({ name: 'matrix-read-only', type: 'read-only', lifespan: null, description: '' })
  ).accessKey;
  auth.fullAccess = (
    await tokens.create({ name: 'matrix-full-access', type: 'full-access', lifespan: null, description: '' })
  ).accessKey;

  const registered = await app
    .http()
    .post('/api/auth/local/register')
    .send({ username: 'pembaca', email: 'pembaca@example.com', password: 'Pembaca-rahasia-123' });
  expect(registered.status).toBe(200);
  auth.user = (registered.body as { jwt: string }).jwt;

  const first = async (uid: string) =>
    (await app.strapi.documents(uid as typeof ARTICLE_UID).findFirst({ locale: 'id', status: 'published' })) as {
      documentId: string;
      slug?: string;
    };
  seeded = {
    articles: await first(ARTICLE_UID),
    authors: await first(AUTHOR_UID),
    tags: await first('api::tag.tag'),
    'related-links': await first('api::related-link.related-link'),
  };

  // A private e-mail on the seeded author, an admin user as the articles' creator, and a draft-only article.
  await app.strapi.db.query(AUTHOR_UID).updateMany({ where: {}, data: { email: PRIVATE_EMAIL } });
  const superAdmin = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  const admin = await app.strapi.db.query('admin::user').create({
    data: {
      firstname: 'Editor',
      lastname: 'Matrix',
      email: ADMIN_EMAIL,
      password: 'not-a-real-hash',
      isActive: true,
      roles: [superAdmin.id],
    },
  });
  await app.strapi.db.query(ARTICLE_UID).updateMany({ where: {}, data: { createdBy: admin.id, updatedBy: admin.id } });
  const draft = (await app.strapi.documents(ARTICLE_UID).create({
    locale: 'id',
    data: {
      title: DRAFT_TITLE,
      excerpt: 'rahasia',
      coverCaption: 'rahasia',
      body: [],
      author: seeded.authors?.documentId,
    } as never,
  })) as { documentId: string; slug: string };
  draftDocumentId = draft.documentId;
  draftSlug = draft.slug;
});

afterAll(async () => {
  await app?.stop();
});

describe('REST: reads are open to every principal', () => {
  const READS = (): [string, string][] => [
    ['article find', '/api/articles?locale=id'],
    ['article findOne', `/api/articles/${seeded.articles?.documentId}?locale=id`],
    ['article by slug', `/api/articles/slug/${seeded.articles?.slug}?locale=id`],
    ['article json-ld', `/api/articles/slug/${seeded.articles?.slug}/json-ld?locale=id`],
    ['article related', `/api/articles/slug/${seeded.articles?.slug}/related?locale=id`],
    ['missing translations', '/api/articles/translations/missing?locale=en'],
    ['author find', '/api/authors?locale=id'],
    ['author findOne', `/api/authors/${seeded.authors?.documentId}?locale=id`],
    ['tag find', '/api/tags?locale=id'],
    ['tag findOne', `/api/tags/${seeded.tags?.documentId}?locale=id`],
    ['related-link find', '/api/related-links?locale=id'],
    ['related-link findOne', `/api/related-links/${seeded['related-links']?.documentId}?locale=id`],
    ['site-setting find', '/api/site-setting?locale=id'],
    ['feed', '/feeds/id.xml'],
    ['sitemap', '/sitemap.xml'],
    ['news sitemap', '/news-sitemap.xml'],
  ];

  it.each(PRINCIPALS)('%s gets 200 on every read', async (who) => {
    const got: Record<string, number> = {};
    for (const [name, url] of READS()) got[name] = (await get(who, url)).status;
    expect(got).toEqual(Object.fromEntries(READS().map(([name]) => [name, 200])));
  });
});

describe('REST: writes need a full-access API token', () => {
  const BODIES: Record<string, Record<string, unknown>> = {
    articles: { title: 'Matriks artikel baru' },
    authors: { name: 'Penulis Matriks' },
    tags: { name: 'Tag Matriks' },
    'related-links': { title: 'Tautan matriks', kind: 'related' },
  };

  it.each(Object.keys(BODIES))('%s: create, update and delete', async (type) => {
    const outcome: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const who of PRINCIPALS) {
      const allowed = WRITERS.includes(who);
      const created = await withAuth(app.http().post(`/api/${type}?locale=id`), who).send({ data: BODIES[type] });
      outcome[`${who} create`] = created.status;
      expected[`${who} create`] = allowed ? 201 : 403;
      // Non-writers aim at the seeded entry; the writer at what it just created.
      const target = allowed
        ? (created.body as { data: { documentId: string } }).data.documentId
        : seeded[type]?.documentId;
      const updated = await withAuth(app.http().put(`/api/${type}/${target}?locale=id`), who).send({
        data: BODIES[type],
      });
      outcome[`${who} update`] = updated.status;
      expected[`${who} update`] = allowed ? 200 : 403;
      const deleted = await withAuth(app.http().delete(`/api/${type}/${target}?locale=id`), who);
      outcome[`${who} delete`] = deleted.status;
      expected[`${who} delete`] = allowed ? 204 : 403;
    }
    expect(outcome).toEqual(expected);
    // The refused writes changed nothing: the seeded entry is still there, published.
    const still = await get('anonymous', `/api/${type}/${seeded[type]?.documentId}?locale=id`);
    expect(still.status).toBe(200);
  });

  it('site settings: update needs a full-access token (delete is refused to everyone else as well)', async () => {
    const before = (await get('anonymous', '/api/site-setting?locale=id')).body as { data: { siteName: string } };
    const outcome: Record<string, number> = {};
    for (const who of PRINCIPALS) {
      outcome[`${who} update`] = (
        await withAuth(app.http().put('/api/site-setting?locale=id'), who).send({
          data: { siteName: before.data.siteName },
        })
      ).status;
      if (who !== 'fullAccess')
        outcome[`${who} delete`] = (await withAuth(app.http().delete('/api/site-setting?locale=id'), who)).status;
    }
    expect(outcome).toEqual({
      'anonymous update': 403,
      'anonymous delete': 403,
      'user update': 403,
      'user delete': 403,
      'readOnly update': 403,
      'readOnly delete': 403,
      'fullAccess update': 200,
    });
  });
});

describe('GraphQL: the same policy', () => {
  const QUERIES = (): Record<string, [string, Record<string, unknown>]> => ({
    articles: ['{ articles(locale: "id") { documentId } }', {}],
    article: [
      'query($d: ID!) { article(documentId: $d, locale: "id") { documentId } }',
      { d: seeded.articles?.documentId },
    ],
    articleBySlug: [
      'query($s: String!) { articleBySlug(slug: $s, locale: "id") { documentId } }',
      { s: seeded.articles?.slug },
    ],
    authors: ['{ authors(locale: "id") { documentId } }', {}],
    tags: ['{ tags(locale: "id") { documentId } }', {}],
    relatedLinks: ['{ relatedLinks(locale: "id") { documentId } }', {}],
    siteSetting: ['{ siteSetting(locale: "id") { siteName } }', {}],
  });

  it.each(PRINCIPALS)('%s reads every type', async (who) => {
    const got: Record<string, string> = {};
    for (const [name, [query, variables]] of Object.entries(QUERIES())) {
      const res = await gql(who, query, variables);
      const value = (res.body as { data?: Record<string, unknown> }).data?.[name];
      got[name] =
        res.status === 200 && value && (!Array.isArray(value) || value.length > 0)
          ? 'ok'
          : `${res.status} ${JSON.stringify(res.body).slice(0, 120)}`;
    }
    expect(got).toEqual(Object.fromEntries(Object.keys(QUERIES()).map((k) => [k, 'ok'])));
  });

  it.each(PRINCIPALS)('%s: mutations only with a full-access token', async (who) => {
    const allowed = WRITERS.includes(who);
    const created = await gql(
      who,
      'mutation { createTag(data: { name: "GraphQL Matriks" }, locale: "id") { documentId } }',
    );
    const id = (created.body as { data?: { createTag?: { documentId: string } } }).data?.createTag?.documentId;
    const target = allowed ? id : seeded.tags?.documentId;
    const updated = await gql(
      who,
      'mutation($d: ID!) { updateTag(documentId: $d, data: { description: "x" }, locale: "id") { documentId } }',
      { d: target },
    );
    const deleted = await gql(who, 'mutation($d: ID!) { deleteTag(documentId: $d, locale: "id") { documentId } }', {
      d: target,
    });
    const settings = await gql(
      who,
      'mutation { updateSiteSetting(data: { publisherName: "MerahPutih" }, locale: "id") { siteName } }',
    );
    const outcome = [created, updated, deleted, settings].map((r) => [
      r.status,
      (r.body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code ?? null,
    ]);
    expect(outcome).toEqual(
      allowed
        ? [
            [200, null],
            [200, null],
            [200, null],
            [200, null],
          ]
        : Array(4).fill([403, 'FORBIDDEN']),
    );
    expect((await get('anonymous', `/api/tags/${seeded.tags?.documentId}?locale=id`)).status).toBe(200);
  });
});

describe('drafts and private fields never leak', () => {
  /**
   * Secrets found in an answer. An error answer is searched in its `data` only:
   * its message may echo the client's own input (e.g. the slug it asked for).
   */
  const leaks = (res: { text: string; body: unknown }): string[] => {
    const body = res.body as { error?: unknown; data?: unknown } | undefined;
    const text = body && typeof body === 'object' && 'error' in body ? JSON.stringify(body.data ?? null) : res.text;
    return [DRAFT_TITLE, draftSlug, PRIVATE_EMAIL, ADMIN_EMAIL, 'not-a-real-hash', 'pembaca@example.com'].filter(
      (s) => s && text.includes(s),
    );
  };

  const READER_PROBES = (): string[] => [
    '/api/articles?locale=id&status=draft',
    `/api/articles/${draftDocumentId}?locale=id`,
    `/api/articles/${draftDocumentId}?locale=id&status=draft`,
    `/api/articles/slug/${draftSlug}?locale=id&status=draft`,
    '/api/authors?locale=id&status=draft&populate[articles][fields][0]=title',
    `/api/authors/${seeded.authors?.documentId}?locale=id&populate=*`,
    '/api/tags?locale=id&populate[articles][populate]=*&status=draft',
    '/api/articles?locale=id&populate[author][fields][0]=email',
    '/api/articles?locale=id&populate[createdBy]=*',
    '/api/articles?locale=id&populate[updatedBy][fields][0]=email',
    '/api/articles?locale=id&fields[0]=title&fields[1]=createdBy',
    '/api/authors?locale=id&fields[0]=email',
    '/api/users',
    '/api/users/me',
    '/feeds/id.json',
    '/sitemap.xml',
    '/api/articles/translations/missing?locale=en',
  ];

  it.each(['anonymous', 'user'] as Principal[])('%s: no draft, e-mail or admin detail in REST answers', async (who) => {
    const found: Record<string, string[]> = {};
    // The signed-in user's own account (/api/users/me) is theirs to read.
    for (const url of READER_PROBES().filter((u) => !(who === 'user' && u === '/api/users/me'))) {
      const res = await get(who, url);
      expect(res.status).toBeLessThan(500);
      const leaked = leaks(res);
      if (leaked.length) found[url] = leaked;
    }
    expect(found).toEqual({});
  });

  it.each(PRINCIPALS)('%s: no e-mail or admin detail in REST answers (tokens may preview drafts)', async (who) => {
    for (const url of READER_PROBES().filter((u) => !u.startsWith('/api/users'))) {
      const res = await get(who, url);
      expect(res.status).toBeLessThan(500);
      expect(leaks(res).filter((s) => s !== DRAFT_TITLE && s !== draftSlug)).toEqual([]);
    }
  });

  it('a read-only token previews the draft; readers do not', async () => {
    const token = await get('readOnly', `/api/articles/${draftDocumentId}?locale=id&status=draft`);
    expect(token.status).toBe(200);
    expect(token.text).toContain(DRAFT_TITLE);
    const bySlug = await get('readOnly', `/api/articles/slug/${draftSlug}?locale=id&status=draft`);
    expect(bySlug.status).toBe(200);
    expect(bySlug.text).toContain(DRAFT_TITLE);
    for (const who of ['anonymous', 'user'] as Principal[]) {
      expect((await get(who, `/api/articles/${draftDocumentId}?locale=id&status=draft`)).status).toBe(404);
      expect((await get(who, `/api/articles/slug/${draftSlug}?locale=id&status=draft`)).status).toBe(404);
    }
  });

  /**
   * Strapi's read-only token type grants find/findOne on every content-API
   * type, site accounts included (docs/access-and-security.md says so: the token is a
   * server-side secret); readers never list accounts.
   */
  it('lists site accounts to API tokens only, never their passwords; a signed-in user reads their own profile', async () => {
    const statuses: Record<string, number> = {};
    for (const who of PRINCIPALS) {
      statuses[`${who} /api/users`] = (await get(who, '/api/users')).status;
      statuses[`${who} /api/users/me`] = (await get(who, '/api/users/me')).status;
    }
    expect(statuses).toEqual({
      'anonymous /api/users': 403,
      'anonymous /api/users/me': 403,
      'user /api/users': 403,
      'user /api/users/me': 200,
      'readOnly /api/users': 200,
      'readOnly /api/users/me': 403,
      'fullAccess /api/users': 200,
      'fullAccess /api/users/me': 401,
    });
    const graphql: Record<string, number> = {};
    for (const who of PRINCIPALS) graphql[who] = (await gql(who, '{ usersPermissionsUsers { username } }')).status;
    expect(graphql).toEqual({ anonymous: 403, user: 403, readOnly: 200, fullAccess: 200 });
    for (const who of ['readOnly', 'fullAccess'] as Principal[]) {
      const list = await get(who, '/api/users');
      expect(list.text).toContain('pembaca@example.com');
      expect(list.text).not.toMatch(/password|resetPasswordToken|confirmationToken/);
    }
  });

  const GRAPHQL_PROBES = (): [string, Record<string, unknown>][] => [
    ['{ articles(locale: "id", status: DRAFT) { title slug } }', {}],
    ['query($d: ID!) { article(documentId: $d, locale: "id", status: DRAFT) { title } }', { d: draftDocumentId }],
    ['query($s: String!) { articleBySlug(slug: $s, locale: "id") { title } }', { s: draftSlug }],
    ['{ authors(locale: "id", status: DRAFT) { name articles(status: DRAFT) { title } } }', {}],
    ['{ tags(locale: "id") { articles { title } } }', {}],
    ['{ authors(locale: "id") { email } }', {}],
    ['{ articles(locale: "id") { createdBy { email } } }', {}],
    ['{ usersPermissionsUsers { email } }', {}],
  ];

  it.each(['anonymous', 'user'] as Principal[])('%s: no draft or private field through GraphQL', async (who) => {
    const found: string[] = [];
    for (const [query, variables] of GRAPHQL_PROBES()) {
      const res = await gql(who, query, variables);
      expect(res.status).toBeLessThan(500);
      if (leaks(res).length) found.push(`${query}: ${leaks(res).join(', ')}`);
    }
    expect(found).toEqual([]);
  });

  /**
   * Filtering on a private field must give no signal: the answer for the true
   * value and for a false one are identical (both refused, or both the same list).
   */
  const ORACLES = (): [string, string][] => [
    [
      `/api/articles?locale=id&filters[author][email][$eq]=${PRIVATE_EMAIL}`,
      '/api/articles?locale=id&filters[author][email][$eq]=nobody@example.com',
    ],
    [
      '/api/articles?locale=id&filters[author][email][$startsWith]=wisnu',
      '/api/articles?locale=id&filters[author][email][$startsWith]=zzzz',
    ],
    [
      '/api/authors?locale=id&filters[email][$containsi]=redaksi',
      '/api/authors?locale=id&filters[email][$containsi]=qqqq',
    ],
    [
      `/api/articles?locale=id&filters[createdBy][email][$eq]=${ADMIN_EMAIL}`,
      '/api/articles?locale=id&filters[createdBy][email][$eq]=nobody@example.com',
    ],
    [
      '/api/articles?locale=id&filters[createdBy][password][$startsWith]=not',
      '/api/articles?locale=id&filters[createdBy][password][$startsWith]=zzz',
    ],
    [
      '/api/articles?locale=id&filters[updatedBy][firstname][$eq]=Editor',
      '/api/articles?locale=id&filters[updatedBy][firstname][$eq]=Nobody',
    ],
    [
      '/api/articles?locale=id&filters[$or][0][author][email][$eq]=' + PRIVATE_EMAIL,
      '/api/articles?locale=id&filters[$or][0][author][email][$eq]=x@y.z',
    ],
    ['/api/articles?locale=id&sort=author.email:asc', '/api/articles?locale=id&sort=author.email:desc'],
    [
      '/api/authors?locale=id&filters[articles][publishedAt][$null]=true',
      '/api/authors?locale=id&filters[articles][slug][$eq]=tidak-ada',
    ],
    [
      `/api/authors?locale=id&status=draft&filters[articles][slug][$eq]=${draftSlug}`,
      '/api/authors?locale=id&status=draft&filters[articles][slug][$eq]=tidak-ada',
    ],
    [
      `/api/authors?locale=id&filters[articles][title][$eq]=${DRAFT_TITLE}`,
      '/api/authors?locale=id&filters[articles][title][$eq]=Tidak ada',
    ],
  ];

  it.each(PRINCIPALS)('%s: filters on private fields and drafts give no signal', async (who) => {
    const differing: string[] = [];
    for (const [hit, miss] of ORACLES()) {
      if (who !== 'anonymous' && who !== 'user' && hit.includes('[articles]')) continue; // tokens may see drafts
      const [a, b] = [await get(who, hit), await get(who, miss)];
      expect(a.status).toBeLessThan(500);
      // Private fields cannot be named in a filter or sort at all.
      if (/email|password|createdBy|updatedBy/.test(hit)) expect([hit, a.status]).toEqual([hit, 400]);
      const strip = (text: string) => text.replace(/"(createdAt|updatedAt|publishedAt)":"[^"]*"/g, '');
      const sameAnswer = a.status === b.status && strip(a.text) === strip(b.text);
      if (!sameAnswer)
        differing.push(`${hit} → ${a.status} ${a.text.slice(0, 80)} / ${b.status} ${b.text.slice(0, 80)}`);
    }
    expect(differing).toEqual([]);
  });

  it.each(PRINCIPALS)('%s: GraphQL filters on private fields are refused', async (who) => {
    for (const filter of [
      `{ author: { email: { eq: "${PRIVATE_EMAIL}" } } }`,
      `{ createdBy: { email: { eq: "${ADMIN_EMAIL}" } } }`,
    ]) {
      const res = await gql(who, `{ articles(locale: "id", filters: ${filter}) { title } }`);
      expect(res.status).toBe(400);
    }
  });
});
