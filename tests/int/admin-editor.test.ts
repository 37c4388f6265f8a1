import { startStrapi, type TestApp } from '../helpers/strapi';
import { accountEnv, adminAccounts, adminLogin, asAdmin } from '../helpers/admin';
import { solidPng } from '../helpers/contract-fixture';

const accounts = adminAccounts();
const CM = '/content-manager/collection-types';
const ARTICLE = 'api::article.article';
let app: TestApp;
let editor: ReturnType<typeof asAdmin>;
let editorRoleId: number;

beforeAll(async () => {
  app = await startStrapi({ env: accountEnv(accounts) });
  editor = asAdmin(app, await adminLogin(app, accounts.editor.email, accounts.editor.password));
  editorRoleId = (await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } })).id;
});

afterAll(async () => {
  await app?.stop();
});

describe('the editor cannot change settings, roles or users', () => {
  const forbidden: [string, string, () => Record<string, unknown>][] = [
    ['get', '/admin/users', () => ({})],
    ['post', '/admin/users', () => ({ email: 'intruder@newsroom.test', firstname: 'X', roles: [1] })],
    ['get', '/admin/roles', () => ({})],
    ['post', '/admin/roles', () => ({ name: 'Everything' })],
    ['put', '/admin/roles/:editor/permissions', () => ({ permissions: [] })],
    ['get', '/admin/api-tokens', () => ({})],
    ['get', '/admin/webhooks', () => ({})],
    ['post', '/i18n/locales', () => ({ code: 'fr', name: 'French' })],
    ['put', `/content-manager/content-types/${ARTICLE}/configuration`, () => ({ layouts: { list: ['title'] } })],
    ['put', '/upload/settings', () => ({ sizeOptimization: false })],
  ];

  it.each(forbidden)('%s %s is 403', async (method, url, body) => {
    const path = url.replace(':editor', String(editorRoleId));
    const req = editor[method as 'get' | 'post' | 'put'](path);
    const res = method === 'get' ? await req : await req.send(body());
    expect(res.status).toBe(403);
    // Strapi answers a missing permission with ForbiddenError or, from a route policy, PolicyError.
    expect(['ForbiddenError', 'PolicyError']).toContain(res.body.error?.name);
  });

  it('its own role is unchanged afterwards and it still has no settings permission', async () => {
    const permissions: { action: string }[] = await app.strapi.db
      .query('admin::permission')
      .findMany({ where: { role: { id: editorRoleId } } });
    const actions = permissions.map((p) => p.action);
    expect(
      actions.filter(
        (a) => a.startsWith('admin::users.') || a.startsWith('admin::roles.') || a.startsWith('plugin::i18n.locale.'),
      ),
    ).toEqual([]);
  });
});

describe('the editor works on the newsroom content in both locales', () => {
  it('creates an author, a tag and a related link, and an article using them, then updates and publishes it in id and en', async () => {
    const author = await editor
      .post(`${CM}/api::author.author?locale=id`)
      .send({ name: 'Editor Penulis', jobTitle: 'Redaktur' });
    expect(author.status).toBe(201);
    const tag = await editor.post(`${CM}/api::tag.tag?locale=id`).send({ name: 'Uji Redaksi' });
    expect(tag.status).toBe(201);
    const link = await editor
      .post(`${CM}/api::related-link.related-link?locale=id`)
      .send({ title: 'Tautan redaksi', kind: 'related' });
    expect(link.status).toBe(201);
    for (const [uid, res] of [
      ['api::author.author', author],
      ['api::tag.tag', tag],
      ['api::related-link.related-link', link],
    ] as const) {
      const published = await editor
        .post(`${CM}/${uid}/${res.body.data.documentId}/actions/publish?locale=id`)
        .send({});
      expect(published.status).toBe(200);
    }

    const created = await editor.post(`${CM}/${ARTICLE}?locale=id`).send({
      title: 'Artikel Redaksi',
      excerpt: 'Ringkasan awal',
      author: { connect: [{ documentId: author.body.data.documentId, locale: 'id' }] },
      tags: { connect: [{ documentId: tag.body.data.documentId, locale: 'id' }] },
      relatedLinks: { connect: [{ documentId: link.body.data.documentId, locale: 'id' }] },
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;

    const updated = await editor
      .put(`${CM}/${ARTICLE}/${documentId}?locale=id`)
      .send({ excerpt: 'Ringkasan diubah redaksi' });
    expect(updated.status).toBe(200);
    const published = await editor.post(`${CM}/${ARTICLE}/${documentId}/actions/publish?locale=id`).send({});
    expect(published.status).toBe(200);

    // The English version of the same document.
    const en = await editor
      .put(`${CM}/${ARTICLE}/${documentId}?locale=en`)
      .send({ title: 'Newsroom Article', excerpt: 'Standfirst by the editor' });
    expect(en.status).toBe(200);
    expect(en.body.data).toMatchObject({ locale: 'en', documentId });
    const enPublished = await editor.post(`${CM}/${ARTICLE}/${documentId}/actions/publish?locale=en`).send({});
    expect(enPublished.status).toBe(200);

    const publicId = await app.http().get(`/api/articles/${documentId}?locale=id`);
    expect(publicId.status).toBe(200);
    expect(publicId.body.data).toMatchObject({
      title: 'Artikel Redaksi',
      excerpt: 'Ringkasan diubah redaksi',
      author: { name: 'Editor Penulis' },
    });
    expect(publicId.body.data.tags.map((t: { name: string }) => t.name)).toEqual(['Uji Redaksi']);
    const publicEn = await app.http().get(`/api/articles/${documentId}?locale=en`);
    expect(publicEn.body.data).toMatchObject({
      title: 'Newsroom Article',
      excerpt: 'Standfirst by the editor',
      locale: 'en',
    });
  });

  it('uploads an image to the media library', async () => {
    const res = await editor
      .post('/upload')
      .attach('files', solidPng(16, 16), { filename: 'editor.png', contentType: 'image/png' });
    expect(res.status).toBe(201);
    expect(res.body[0]).toMatchObject({ name: 'editor.png', mime: 'image/png', width: 16 });
  });

  it('deletes an article', async () => {
    const created = await editor.post(`${CM}/${ARTICLE}?locale=id`).send({ title: 'Akan Dihapus' });
    expect(created.status).toBe(201);
    const res = await editor.delete(`${CM}/${ARTICLE}/${created.body.data.documentId}?locale=id`);
    expect(res.status).toBe(200);
    expect(
      await app.strapi.documents(ARTICLE).findOne({ documentId: created.body.data.documentId, locale: 'id' }),
    ).toBeNull();
  });

  it('has every field of the four types in both locales, even those that came after Strapi made the role', async () => {
    const permissions: { action: string; subject: string; properties: { locales?: string[]; fields?: string[] } }[] =
      await app.strapi.db.query('admin::permission').findMany({
        where: { role: { id: editorRoleId }, action: 'plugin::content-manager.explorer.update', subject: ARTICLE },
      });
    expect(permissions).toHaveLength(1);
    expect([...(permissions[0]?.properties.locales ?? [])].sort()).toEqual(['en', 'id']);
    expect(permissions[0]?.properties.fields).toEqual(
      expect.arrayContaining(['title', 'excerpt', 'coverCredit', 'seo.metaTitle', 'sources.name']),
    );
  });
});
