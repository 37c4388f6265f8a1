import { startStrapi, type TestApp } from '../helpers/strapi';
import { accountEnv, adminAccounts, adminLogin, asAdmin } from '../helpers/admin';
import { gql } from '../helpers/graphql';
import { ARTICLE, publishIn } from '../helpers/publishing-fixture';

const SITE = 'https://news.example.test';
const CM = '/content-manager/collection-types';
const FIRST_PUBLISHED = '2024-11-12T05:30:00.000Z';
const accounts = adminAccounts();

/** An instant written in UTC+7, computed independently of the code under test. */
const jakarta = (iso: string): string => `${new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;

let app: TestApp;
let editor: ReturnType<typeof asAdmin>;
let documentId: string;

beforeAll(async () => {
  app = await startStrapi({ env: { SITE_URL: SITE, ...accountEnv(accounts) } });
  editor = asAdmin(app, await adminLogin(app, accounts.editor.email, accounts.editor.password));
  documentId = await publishIn(
    app,
    ARTICLE,
    {
      id: { title: 'Banjir Rendam Jakarta Utara', excerpt: 'Ringkasan banjir' },
      en: { title: 'Floods Hit North Jakarta', excerpt: 'Flood summary' },
    },
    { firstPublishedAt: FIRST_PUBLISHED },
  );
});

afterAll(async () => {
  await app?.stop();
});

const rest = async (locale: string): Promise<Record<string, unknown>> => {
  const res = await app.http().get(`/api/articles/${documentId}?locale=${locale}`);
  expect(res.status).toBe(200);
  return res.body.data;
};

describe('corrections and updates', () => {
  // A note dated after the save, so the modified date can only come from the note.
  const correctionDate = new Date(Date.now() + 3600_000).toISOString();
  const updateDate = '2024-11-12T08:00:00.000Z';

  it('an editor adds them in the admin panel and publishes; firstPublishedAt does not move', async () => {
    const before = await rest('id');
    const res = await editor.put(`${CM}/${ARTICLE}/${documentId}?locale=id`).send({
      // The admin form sends the whole version back, firstPublishedAt included.
      firstPublishedAt: before.firstPublishedAt,
      corrections: [
        { date: updateDate, kind: 'update', text: 'Menambahkan jumlah pengungsi.' },
        { date: correctionDate, kind: 'correction', text: 'Versi sebelumnya menyebut 20 kelurahan; yang benar 12.' },
      ],
    });
    expect(res.status).toBe(200);
    const published = await editor.post(`${CM}/${ARTICLE}/${documentId}/actions/publish?locale=id`).send({});
    expect(published.status).toBe(200);

    const after = await rest('id');
    expect(after.firstPublishedAt).toBe(FIRST_PUBLISHED);
    expect(after.corrections).toEqual([
      expect.objectContaining({ date: updateDate, kind: 'update', text: 'Menambahkan jumlah pengungsi.' }),
      expect.objectContaining({ date: correctionDate, kind: 'correction' }),
    ]);
    const stored = await app.strapi.db
      .query(ARTICLE)
      .findMany({ where: { documentId }, select: ['locale', 'firstPublishedAt', 'publishedAt'] });
    expect(stored).toHaveLength(4);
    for (const row of stored) expect(new Date(row.firstPublishedAt).toISOString()).toBe(FIRST_PUBLISHED);
  });

  it('are per language version: the English version has none', async () => {
    expect((await rest('en')).corrections).toEqual([]);
  });

  it('are in GraphQL with the same values', async () => {
    const res = await gql<{ article: { corrections: { date: string; kind: string; text: string }[] } }>(
      app,
      `{ article(documentId: "${documentId}", locale: "id") { corrections { date kind text } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.article.corrections.map((c) => c.kind)).toEqual(['update', 'correction']);
    expect(res.data?.article.corrections[1]?.date).toBe(correctionDate);
  });

  it('become CorrectionComments in JSON-LD and move dateModified; an update only moves the date', async () => {
    const { slug } = (await rest('id')) as { slug: string };
    const res = await app.http().get(`/api/articles/slug/${slug}/json-ld?locale=id`);
    expect(res.status).toBe(200);
    const ld = JSON.parse(res.text);
    expect(ld.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        name: 'Correction',
        text: 'Versi sebelumnya menyebut 20 kelurahan; yang benar 12.',
        datePublished: jakarta(correctionDate),
      },
    ]);
    expect(ld.dateModified).toBe(jakarta(correctionDate));
    expect(ld.datePublished).toBe(jakarta(FIRST_PUBLISHED));

    const en = await rest('en');
    const enLd = JSON.parse(
      (await app.http().get(`/api/articles/slug/${String(en.slug)}/json-ld?locale=en`)).text,
    ) as Record<string, unknown>;
    expect(enLd.correction).toBeUndefined();
    expect(enLd.dateModified).toBe(jakarta(String(en.updatedAt)));
  });

  it("move the feed item's updated date", async () => {
    const feed = JSON.parse((await app.http().get('/feeds/id.json')).text) as {
      items: { title: string; date_modified: string; date_published: string }[];
    };
    const item = feed.items.find((i) => i.title === 'Banjir Rendam Jakarta Utara');
    expect(item?.date_modified).toBe(correctionDate);
    expect(item?.date_published).toBe(FIRST_PUBLISHED);
    const en = JSON.parse((await app.http().get('/feeds/en.json')).text) as { items: { date_modified: string }[] };
    expect(en.items[0]?.date_modified).toBe(new Date(String((await rest('en')).updatedAt)).toISOString());
  });

  it('refuses a note of an unknown kind, and keeps what was stored', async () => {
    const bad = { date: updateDate, kind: 'retraction', text: 'x' };
    const res = await editor.put(`${CM}/${ARTICLE}/${documentId}?locale=id`).send({ corrections: [bad] });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(((await rest('id')).corrections as unknown[]).length).toBe(2);
  });
});
