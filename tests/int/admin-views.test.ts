import { startStrapi, type TestApp } from '../helpers/strapi';
import { accountEnv, adminAccounts, adminLogin, asAdmin } from '../helpers/admin';
import { ensureContentManagerViews } from '../../src/bootstrap/content-manager-views';
import { articleView } from '../../src/admin-views/article';
import { VIEWS } from '../../src/admin-views';

const accounts = adminAccounts();
const ARTICLE = 'api::article.article';
let app: TestApp;
// Admin login is rate-limited: each account logs in once; sessions live in the database and survive restarts.
const tokens = { admin: '', editor: '' };

type Config = {
  settings: Record<string, unknown>;
  metadatas: Record<string, { edit: Record<string, unknown>; list: Record<string, unknown> }>;
  layouts: { list: string[]; edit: { name: string; size: number }[][] };
};
type ConfigurationAnswer = { contentType: Config; components: Record<string, Config> };

/** The view configuration as the admin panel reads it (GET .../configuration), as the editor. */
const configuration = async (uid: string): Promise<ConfigurationAnswer> => {
  const res = await asAdmin(app, tokens.editor).get(`/content-manager/content-types/${uid}/configuration`);
  expect(res.status).toBe(200);
  return res.body.data as ConfigurationAnswer;
};

const expectProjectArticleView = (config: Config) => {
  expect(config.settings).toMatchObject({ mainField: 'title', defaultSortBy: 'updatedAt', defaultSortOrder: 'DESC' });
  expect(config.layouts.list).toEqual(['title', 'author', 'tags', 'translationStatus', 'publishAt']);
  expect(config.layouts.edit.map((row) => row.map((f) => f.name))).toEqual(
    articleView.edit?.map((row) => row.map((f) => f.name)),
  );
  expect(config.metadatas.author?.edit).toMatchObject({ mainField: 'name', label: 'Author' });
  expect(config.metadatas.tags?.edit).toMatchObject({ mainField: 'name' });
  expect(config.metadatas.relatedLinks?.edit).toMatchObject({ mainField: 'title' });
  expect(config.metadatas.coverCredit?.edit.description).toMatch(/ANTARA\/KCNA\/tm\/aa/);
  expect(config.metadatas.excerpt?.edit).toMatchObject({ label: 'Standfirst' });
};

const expectComputedReadOnly = (config: Config) => {
  for (const name of ['readingTimeMinutes', 'translationStatus', 'contentEditedAt']) {
    expect(config.metadatas[name]?.edit).toMatchObject({ editable: false });
  }
  expect(config.metadatas.title?.edit).toMatchObject({ editable: true });
};

beforeAll(async () => {
  app = await startStrapi({ env: accountEnv(accounts) });
  tokens.editor = await adminLogin(app, accounts.editor.email, accounts.editor.password);
  tokens.admin = await adminLogin(app, accounts.admin.email, accounts.admin.password);
});

afterAll(async () => {
  await app?.stop();
});

describe('Content Manager views configured by the project', () => {
  it('article: main fields, list columns, grouped edit layout, descriptions, computed fields read-only', async () => {
    const { contentType, components } = await configuration(ARTICLE);
    expectProjectArticleView(contentType);
    expectComputedReadOnly(contentType);
    expect(components['content.source']?.metadatas.relation?.edit.description).toMatch(/dilansir/);
    expect(components['content.read-also']?.metadatas.link?.edit).toMatchObject({ mainField: 'title' });
    expect(components['shared.seo']?.metadatas.metaTitle?.edit).toMatchObject({ label: 'Search title' });
  });

  it.each([
    ['api::author.author', 'name', ['name', 'jobTitle', 'slug', 'updatedAt']],
    ['api::tag.tag', 'name', ['name', 'slug', 'articles', 'updatedAt']],
    ['api::related-link.related-link', 'title', ['title', 'kind', 'label', 'target', 'url']],
  ])('%s: main field %s and its list columns', async (uid, mainField, list) => {
    const { contentType } = await configuration(uid);
    expect(contentType.settings.mainField).toBe(mainField);
    expect(contentType.layouts.list).toEqual(list);
  });

  it('related link: the fact-check label and kind are explained', async () => {
    const { contentType } = await configuration('api::related-link.related-link');
    expect(contentType.metadatas.label?.edit.description).toMatch(/HOAKS atau FAKTA/);
    expect(contentType.metadatas.kind?.edit.description).toMatch(/fact-check/);
    expect(contentType.metadatas.target?.edit).toMatchObject({ mainField: 'title' });
  });

  it('a view naming a field the model lacks stops the boot, naming it', async () => {
    await expect(
      ensureContentManagerViews(app.strapi, [{ ...articleView, list: ['title', 'headlineTypo'] }]),
    ).rejects.toThrow('api::article.article has no field(s) headlineTypo');
  });
});

describe('across restarts', () => {
  it('are present after a restart on the same database, and a second boot writes nothing', async () => {
    await app.stop();
    app = await startStrapi({ dir: app.dir, env: accountEnv(accounts) });
    const { contentType } = await configuration(ARTICLE);
    expectProjectArticleView(contentType);
    expectComputedReadOnly(contentType);

    const rows = async () =>
      app.strapi.db
        .query('strapi::core-store')
        .findMany({ where: { key: { $startsWith: 'plugin_content_manager_configuration' } } });
    const before = await rows();
    await ensureContentManagerViews(app.strapi);
    expect(await rows()).toEqual(before);
  });

  it("keep an administrator's later change to a view, but computed fields become read-only again", async () => {
    const { contentType } = await configuration(ARTICLE);
    const metadatas = structuredClone(contentType.metadatas);
    // The answer adds list.mainField for display; the admin panel strips it before saving, as here.
    for (const meta of Object.values(metadatas)) delete meta.list.mainField;
    (metadatas.translationStatus as { edit: Record<string, unknown> }).edit.editable = true;
    const res = await asAdmin(app, tokens.admin)
      .put(`/content-manager/content-types/${ARTICLE}/configuration`)
      .send({
        settings: contentType.settings,
        metadatas,
        layouts: { ...contentType.layouts, list: ['title', 'translationStatus', 'slug', 'readingTimeMinutes'] },
      });
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);

    await app.stop();
    app = await startStrapi({ dir: app.dir, env: accountEnv(accounts) });
    const after = (await configuration(ARTICLE)).contentType;
    expect(after.layouts.list).toEqual(['title', 'translationStatus', 'slug', 'readingTimeMinutes']);
    expectComputedReadOnly(after);
  });

  it('a new version of a view in the code is applied over the stored one', async () => {
    const changed = { ...articleView, list: ['title', 'author', 'translationStatus'] };
    await ensureContentManagerViews(
      app.strapi,
      VIEWS.map((v) => (v.uid === ARTICLE ? changed : v)),
    );
    expect((await configuration(ARTICLE)).contentType.layouts.list).toEqual(['title', 'author', 'translationStatus']);
  });
});
