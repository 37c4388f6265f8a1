import { startStrapi, type TestApp } from '../helpers/strapi';
import { accountEnv, adminAccounts, adminLogin, asAdmin } from '../helpers/admin';
import { solidPng } from '../helpers/contract-fixture';
import { ensureReporterPermissions, REPORTER_ROLE_CODE } from '../../src/bootstrap/reporter-permissions';

/**
 * Reporters (Strapi's Author role, fitted at boot) write and translate their
 * own drafts; editors publish. Every refusal is checked over the admin API
 * the panel itself calls.
 */
const accounts = adminAccounts();
const CM = '/content-manager/collection-types';
const ARTICLE = 'api::article.article';
let app: TestApp;
let reporter: ReturnType<typeof asAdmin>;
let editor: ReturnType<typeof asAdmin>;
let own: string;
let others: string;

const inHours = (h: number): string => new Date(Date.now() + h * 3600_000).toISOString();

beforeAll(async () => {
  app = await startStrapi({ env: accountEnv(accounts) });
  reporter = asAdmin(app, await adminLogin(app, accounts.reporter.email, accounts.reporter.password));
  editor = asAdmin(app, await adminLogin(app, accounts.editor.email, accounts.editor.password));
  const theirs = await editor.post(`${CM}/${ARTICLE}?locale=id`).send({ title: 'Artikel Milik Redaktur' });
  expect(theirs.status).toBe(201);
  others = theirs.body.data.documentId;
});

afterAll(async () => {
  await app?.stop();
});

const expectForbidden = (res: { status: number; body: { error?: { name?: string } } }): void => {
  expect(res.status).toBe(403);
  expect(['ForbiddenError', 'PolicyError']).toContain(res.body.error?.name);
};

describe('a reporter writes and translates their own drafts', () => {
  it('creates a draft in Indonesian and edits it', async () => {
    const created = await reporter
      .post(`${CM}/${ARTICLE}?locale=id`)
      .send({ title: 'Laporan Reporter Lapangan', excerpt: 'Dari lokasi' });
    expect(created.status).toBe(201);
    own = created.body.data.documentId;
    const updated = await reporter.put(`${CM}/${ARTICLE}/${own}?locale=id`).send({ excerpt: 'Dari lokasi banjir' });
    expect(updated.status).toBe(200);
    expect(updated.body.data.excerpt).toBe('Dari lokasi banjir');
    const read = await reporter.get(`${CM}/${ARTICLE}/${own}?locale=id`);
    expect(read.status).toBe(200);
  });

  it('adds the English translation of it', async () => {
    const en = await reporter.put(`${CM}/${ARTICLE}/${own}?locale=en`).send({ title: 'Field Reporter Story' });
    expect(en.status).toBe(200);
    expect(en.body.data).toMatchObject({ locale: 'en', documentId: own });
  });

  it('uploads an image to the media library', async () => {
    const res = await reporter
      .post('/upload')
      .attach('files', solidPng(16, 16), { filename: 'reporter.png', contentType: 'image/png' });
    expect(res.status).toBe(201);
  });

  it('sees only their own articles in the list', async () => {
    const list = await reporter.get(`${CM}/${ARTICLE}?locale=id`);
    expect(list.status).toBe(200);
    const ids = (list.body.results as { documentId: string }[]).map((r) => r.documentId);
    expect(ids).toContain(own);
    expect(ids).not.toContain(others);
  });
});

describe('a reporter cannot publish, unpublish, delete or schedule, nor touch other articles', () => {
  it('cannot publish their draft (either locale)', async () => {
    for (const locale of ['id', 'en']) {
      expectForbidden(await reporter.post(`${CM}/${ARTICLE}/${own}/actions/publish?locale=${locale}`).send({}));
    }
    expect((await app.http().get(`/api/articles/${own}?locale=id`)).status).toBe(404);
  });

  it('cannot unpublish or delete it once an editor published it', async () => {
    expect((await editor.post(`${CM}/${ARTICLE}/${own}/actions/publish?locale=id`).send({})).status).toBe(200);
    expectForbidden(await reporter.post(`${CM}/${ARTICLE}/${own}/actions/unpublish?locale=id`).send({}));
    expectForbidden(await reporter.delete(`${CM}/${ARTICLE}/${own}?locale=id`));
    expect((await app.http().get(`/api/articles/${own}?locale=id`)).status).toBe(200);
  });

  it('cannot set or change publishAt or unpublishAt: Strapi drops fields outside the permission', async () => {
    const update = await reporter.put(`${CM}/${ARTICLE}/${own}?locale=id`).send({ publishAt: inHours(2) });
    expect(update.body.data.publishAt).toBeNull();
    const en = await reporter.put(`${CM}/${ARTICLE}/${own}?locale=en`).send({ unpublishAt: inHours(3) });
    expect(en.body.data.unpublishAt).toBeNull();
    const created = await reporter
      .post(`${CM}/${ARTICLE}?locale=id`)
      .send({ title: 'Dijadwalkan Reporter', publishAt: inHours(2) });
    expect(created.body.data.publishAt).toBeNull();
    const stored: { publishAt: unknown; unpublishAt: unknown }[] = await app.strapi.db.query(ARTICLE).findMany({
      where: { documentId: { $in: [own, created.body.data.documentId] } },
      select: ['publishAt', 'unpublishAt'],
    });
    expect(stored.length).toBeGreaterThanOrEqual(3);
    expect(stored.every((r) => r.publishAt === null && r.unpublishAt === null)).toBe(true);
    // The edit view shows the schedule read-only: read covers it, update does not.
  });

  it("cannot read, edit, translate, publish or delete someone else's article", async () => {
    expectForbidden(await reporter.get(`${CM}/${ARTICLE}/${others}?locale=id`));
    expectForbidden(await reporter.put(`${CM}/${ARTICLE}/${others}?locale=id`).send({ title: 'Diubah' }));
    // Strapi checks a new locale version against "create" only: src/api/article/document-middlewares/translation-ownership.ts closes that.
    expectForbidden(await reporter.put(`${CM}/${ARTICLE}/${others}?locale=en`).send({ title: 'Translated' }));
    expectForbidden(await reporter.post(`${CM}/${ARTICLE}/${others}/actions/publish?locale=id`).send({}));
    expectForbidden(await reporter.delete(`${CM}/${ARTICLE}/${others}?locale=id`));
    const kept = await app.strapi.documents(ARTICLE).findOne({ documentId: others, locale: 'id' });
    expect(kept?.title).toBe('Artikel Milik Redaktur');
    expect(await app.strapi.documents(ARTICLE).findOne({ documentId: others, locale: 'en' })).toBeNull();
  });

  it('cannot create or change authors and tags, nor open settings', async () => {
    expectForbidden(await reporter.post(`${CM}/api::author.author?locale=id`).send({ name: 'Penulis Baru' }));
    expectForbidden(await reporter.post(`${CM}/api::tag.tag?locale=id`).send({ name: 'Tag Baru' }));
    expectForbidden(await reporter.get('/admin/users'));
    expectForbidden(await reporter.get('/admin/webhooks'));
  });
});

describe('editors keep full rights', () => {
  it("schedules, publishes and deletes a reporter's article", async () => {
    const res = await editor.put(`${CM}/${ARTICLE}/${own}?locale=en`).send({ publishAt: inHours(1) });
    expect(res.status).toBe(200);
    expect(res.body.data.publishAt).toBeTruthy();
    const created = await reporter.post(`${CM}/${ARTICLE}?locale=id`).send({ title: 'Akan Dihapus Redaktur' });
    expect((await editor.delete(`${CM}/${ARTICLE}/${created.body.data.documentId}?locale=id`)).status).toBe(200);
  });
});

describe('the role is fitted at every boot', () => {
  it('revokes a publish or delete permission granted by hand, and keeps schedule fields out of writes', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: REPORTER_ROLE_CODE } });
    const roles = app.strapi.service('admin::role') as unknown as {
      addPermissions(id: number, p: Record<string, unknown>[]): Promise<unknown>;
    };
    await roles.addPermissions(role.id, [
      { action: 'plugin::content-manager.explorer.publish', subject: ARTICLE, properties: { locales: ['id'] } },
    ]);
    await ensureReporterPermissions(app.strapi);
    const permissions: { action: string; subject: string; properties: { fields?: string[]; locales?: string[] } }[] =
      await app.strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id } } });
    const actions = permissions.filter((p) => p.subject === ARTICLE).map((p) => p.action.split('.').pop());
    expect(actions.sort()).toEqual(['create', 'read', 'update']);
    const update = permissions.find((p) => p.subject === ARTICLE && p.action.endsWith('.update'));
    expect(update?.properties.fields).toEqual(expect.arrayContaining(['title', 'body', 'corrections.text']));
    expect(update?.properties.fields).not.toContain('publishAt');
    expect(update?.properties.fields).not.toContain('unpublishAt');
    expect([...(update?.properties.locales ?? [])].sort()).toEqual(['en', 'id']);
  });
});
