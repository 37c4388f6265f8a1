import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import { Client } from 'pg';
import { ROOT } from '../helpers/strapi';
import { PG, createTestDatabase, postgresEnv } from '../helpers/test-database';
import { freePort, sharedSecrets, startCmsProcess, type CmsProcess } from '../helpers/cms-process';

/**
 * Two CMS processes (`strapi start`) on two ports against one fresh PostgreSQL
 * database, booted at the same moment: both come up without fighting over
 * Strapi's schema sync and migrations, locales, roles or permissions, and what
 * is published through one is served by the other over REST and GraphQL.
 *
 * It needs PostgreSQL, so it creates its own database whatever the pass
 * (`npm test` or `npm run test:postgres`), and is skipped, saying so, when no
 * server answers.
 */
const reachable =
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'postgres-ready.mjs')], { encoding: 'utf8' }).status === 0;
if (!reachable) console.warn(`SKIPPED two-instances.test.ts: PostgreSQL not reachable at ${PG.host}:${PG.port}`);
const describeWithPostgres = reachable ? describe : describe.skip;

const CHIEF = { email: 'chief@example.com', password: 'Editor-in-chief-1' };

describeWithPostgres('two CMS instances on one PostgreSQL database', () => {
  let database: string;
  let a: CmsProcess;
  let b: CmsProcess;
  let token: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-two-'));

  /** Direct SQL on the shared database, to check what the two boots left there. */
  const sql = async <T extends Record<string, unknown>>(text: string): Promise<T[]> => {
    const client = new Client({ ...PG, database });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    // One deployment: same database, same secrets, same uploads folder (shared storage).
    // The first administrator comes from ADMIN_EMAIL/ADMIN_PASSWORD (src/bootstrap/admin-accounts.ts): both
    // instances are given it, one creates it. No editor account here.
    const env = {
      ...sharedSecrets(),
      ...postgresEnv(database),
      PUBLIC_DIR: path.join(dir, 'public'),
      ADMIN_EMAIL: CHIEF.email,
      ADMIN_PASSWORD: CHIEF.password,
      EDITOR_EMAIL: '',
      EDITOR_PASSWORD: '',
    };
    fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
    const [portA, portB] = [await freePort(), await freePort()];
    // Both boot at once on the empty database.
    a = startCmsProcess(portA, env);
    b = startCmsProcess(portB, env);
    await Promise.all([a.ready, b.ready]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('both boot on the empty database without an error, and both stay up', async () => {
    for (const instance of [a, b]) {
      expect(instance.output()).not.toMatch(/\berror\b|unhandled|duplicate key|already exists/i);
      expect(instance.proc.exitCode).toBeNull();
      expect((await instance.http().get('/_health')).status).toBe(204);
    }
  });

  it('left one set of locales, roles, permissions, site settings and migrations', async () => {
    expect((await sql<{ code: string }>('select code from i18n_locale order by code')).map((r) => r.code)).toEqual([
      'en',
      'id',
    ]);
    const defaultLocale = await sql<{ value: string }>(
      "select value from strapi_core_store_settings where key = 'plugin_i18n_default_locale'",
    );
    expect(defaultLocale.map((r) => JSON.parse(r.value))).toEqual(['id']);
    expect((await sql<{ type: string }>('select type from up_roles order by type')).map((r) => r.type)).toEqual([
      'authenticated',
      'public',
    ]);
    expect(
      await sql(
        `select l.role_id, p.action, count(*) from up_permissions p
           join up_permissions_role_lnk l on l.permission_id = p.id
          group by l.role_id, p.action having count(*) > 1`,
      ),
    ).toEqual([]);
    const publicActions = await sql<{ action: string }>(
      `select p.action from up_permissions p
         join up_permissions_role_lnk l on l.permission_id = p.id
         join up_roles r on r.id = l.role_id
        where r.type = 'public' and p.action like 'api::%' order by p.action`,
    );
    expect(publicActions.map((r) => r.action)).toEqual([
      'api::article.article.find',
      'api::article.article.findOne',
      'api::author.author.find',
      'api::author.author.findOne',
      'api::related-link.related-link.find',
      'api::related-link.related-link.findOne',
      'api::site-setting.site-setting.find',
      'api::tag.tag.find',
      'api::tag.tag.findOne',
    ]);
    expect(
      await sql(
        `select l.role_id, p.action, p.subject, count(*) from admin_permissions p
           join admin_permissions_role_lnk l on l.permission_id = p.id
          group by l.role_id, p.action, p.subject, p.properties::text, p.conditions::text having count(*) > 1`,
      ),
    ).toEqual([]);
    expect(await sql('select code, count(*) from admin_roles group by code having count(*) > 1')).toEqual([]);
    expect((await sql<{ email: string }>('select email from admin_users')).map((r) => r.email)).toEqual([CHIEF.email]);
    // The site settings single type: one entry per locale.
    expect(
      (await sql<{ locale: string }>('select locale from site_settings order by locale')).map((r) => r.locale),
    ).toEqual(['en', 'id']);
    expect(
      await sql('select name, count(*) from strapi_migrations_internal group by name having count(*) > 1'),
    ).toEqual([]);
  });

  it('serves through one instance what was published through the other, REST and GraphQL', async () => {
    // The first administrator (created at boot by one of the two) logs in on A and makes a full-access API token there.
    const admin = await a.http().post('/admin/login').send(CHIEF);
    expect(admin.status).toBe(200);
    const created = await a
      .http()
      .post('/admin/api-tokens')
      .set('Authorization', `Bearer ${admin.body.data.token}`)
      .send({ name: 'two-instances', type: 'full-access', lifespan: null, description: '' });
    expect(created.status).toBe(201);
    token = created.body.data.accessKey;

    // Published through A, in both languages...
    const body = (text: string) => [
      { __component: 'content.rich-text', body: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
    ];
    const id = await a
      .http()
      .post('/api/articles?locale=id&status=published')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Dua server satu basis data', excerpt: 'Ringkasan', body: body('Isi berita.') } });
    expect(id.status).toBe(201);
    const documentId = id.body.data.documentId as string;
    const en = await a
      .http()
      .put(`/api/articles/${documentId}?locale=en&status=published`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { title: 'Two servers one database', excerpt: 'Standfirst', body: body('The story.') } });
    expect(en.status).toBe(200);

    // ...is public on B: REST by slug and list, in both locales, and GraphQL.
    const bId = await b.http().get('/api/articles/slug/dua-server-satu-basis-data?locale=id');
    expect(bId.status).toBe(200);
    expect(bId.body.data).toMatchObject({ documentId, title: 'Dua server satu basis data', locale: 'id' });
    expect(bId.body.data.localizations).toEqual([
      expect.objectContaining({ locale: 'en', slug: 'two-servers-one-database' }),
    ]);
    const bList = await b.http().get('/api/articles?locale=en');
    expect(bList.body.data.map((x: { title: string }) => x.title)).toEqual(['Two servers one database']);
    const graphql = await b.http().post('/graphql').send({
      query: '{ articleBySlug(slug: "two-servers-one-database", locale: "en") { documentId title excerpt } }',
    });
    expect(graphql.status).toBe(200);
    expect(graphql.body.data.articleBySlug).toEqual({
      documentId,
      title: 'Two servers one database',
      excerpt: 'Standfirst',
    });

    // And the other way round: an edit through B (with the token made on A) is served by A.
    const edit = await b
      .http()
      .put(`/api/articles/${documentId}?locale=id&status=published`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { excerpt: 'Ringkasan baru' } });
    expect(edit.status).toBe(200);
    const aId = await a.http().get('/api/articles/slug/dua-server-satu-basis-data?locale=id');
    expect(aId.body.data.excerpt).toBe('Ringkasan baru');
  });
});
