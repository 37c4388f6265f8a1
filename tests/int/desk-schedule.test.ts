import { XMLParser } from 'fast-xml-parser';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { accountEnv, adminAccounts, adminLogin, asAdmin } from '../helpers/admin';
import { gql } from '../helpers/graphql';
import { ARTICLE } from '../helpers/publishing-fixture';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { runDueSchedules } from '../../src/desk/scheduler';

/**
 * Scheduled publishing and embargo per locale (issue 17), driven two ways:
 * with an injected clock (runDueSchedules(strapi, T) for a T hours ahead), and
 * once for real by Strapi's cron, set here to run every second.
 */
const SITE = 'https://news.example.test';
const CM = '/content-manager/collection-types';
const HOUR = 3600_000;
const accounts = adminAccounts();
const xml = new XMLParser({ isArray: (name) => ['item', 'url'].includes(name) });

let app: TestApp;
let editor: ReturnType<typeof asAdmin>;
let receiver: WebhookReceiver;

const inHours = (h: number): string => new Date(Date.now() + h * HOUR).toISOString();
const later = (h: number): Date => new Date(Date.now() + h * HOUR);

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  app = await startStrapi({
    env: { SITE_URL: SITE, SCHEDULER_CRON: '* * * * * *', NEWSROOM_TIME_ZONE: 'Asia/Jakarta', ...accountEnv(accounts) },
  });
  editor = asAdmin(app, await adminLogin(app, accounts.editor.email, accounts.editor.password));
  const admin = asAdmin(app, await adminLogin(app, accounts.admin.email, accounts.admin.password));
  const hook = await admin
    .post('/admin/webhooks')
    .send({ name: 'frontend revalidation', url: receiver.url, headers: {}, events: ['entry.publish'] });
  expect(hook.status).toBe(201);
});

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
});

/** A draft made in the admin panel by the editor, in id and optionally en. */
const draft = async (id: Record<string, unknown>, en?: Record<string, unknown>): Promise<string> => {
  const created = await editor.post(`${CM}/${ARTICLE}?locale=id`).send(id);
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  if (en) {
    const res = await editor.put(`${CM}/${ARTICLE}/${documentId}?locale=en`).send(en);
    expect(res.status).toBe(200);
  }
  return documentId;
};

const publicArticle = (documentId: string, locale: string) =>
  app.http().get(`/api/articles/${documentId}?locale=${locale}`);

/** Every public output a reader or crawler could see the version in. */
const publicText = async (locale: string): Promise<string> => {
  const parts = await Promise.all(
    [
      `/api/articles?locale=${locale}&pagination[pageSize]=100`,
      `/feeds/${locale}.xml`,
      `/feeds/${locale}.json`,
      '/sitemap.xml',
      '/news-sitemap.xml',
    ].map(async (url) => (await app.http().get(url)).text),
  );
  const graphql = await gql(app, `{ articles(locale: "${locale}", pagination: { pageSize: 100 }) { title slug } }`);
  return [...parts, JSON.stringify(graphql.data)].join('\n');
};

describe('validation of the schedule', () => {
  it('refuses a publish time in the past, in the newsroom time zone, over the admin API', async () => {
    const res = await editor
      .post(`${CM}/${ARTICLE}?locale=id`)
      .send({ title: 'Jadwal Lampau', publishAt: inHours(-1) });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.message).toMatch(
      /^Publish at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00 \(Asia\/Jakarta\) is in the past/,
    );
    expect(await app.strapi.db.query(ARTICLE).count({ where: { title: 'Jadwal Lampau' } })).toBe(0);
  });

  it('refuses an unpublish time before the publish time', async () => {
    const res = await editor
      .post(`${CM}/${ARTICLE}?locale=id`)
      .send({ title: 'Jadwal Terbalik', publishAt: inHours(2), unpublishAt: inHours(1) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Unpublish at .+ must be after publish at /);
  });

  it('refuses the same over REST with an API token, and in a later update of a stored schedule', async () => {
    const tokens = app.strapi.service('admin::api-token') as {
      create: (a: Record<string, unknown>) => Promise<{ accessKey: string }>;
    };
    const { accessKey } = await tokens.create({ name: 'desk-writer', type: 'full-access', lifespan: null });
    const rest = await app
      .http()
      .post('/api/articles?locale=id')
      .set('Authorization', `Bearer ${accessKey}`)
      .send({ data: { title: 'Lewat REST', publishAt: inHours(-2) } });
    expect(rest.status).toBe(400);
    expect(rest.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
    expect(rest.body.error.message).toContain('is in the past');

    const documentId = await draft({ title: 'Jadwal Diubah', publishAt: inHours(3) });
    const res = await editor.put(`${CM}/${ARTICLE}/${documentId}?locale=id`).send({ unpublishAt: inHours(1) });
    expect(res.status).toBe(400);
    // Saving the form again with the stored, unchanged schedule is fine.
    const again = await editor.put(`${CM}/${ARTICLE}/${documentId}?locale=id`).send({ excerpt: 'Ringkasan' });
    expect(again.status).toBe(200);
    expect(again.body.data.publishAt).toBeTruthy();
  });
});

describe('embargo per locale, with an injected clock', () => {
  let documentId: string;
  const idAt = inHours(1);
  const enAt = inHours(2);

  beforeAll(async () => {
    documentId = await draft(
      { title: 'Embargo Laporan Inflasi', excerpt: 'Rahasia sampai pukul enam', publishAt: idAt },
      { title: 'Inflation Report Embargo', excerpt: 'Secret until six', publishAt: enAt },
    );
  });

  it('shows the schedule in the admin panel but never in the public API', async () => {
    const admin = await editor.get(`${CM}/${ARTICLE}/${documentId}?locale=en`);
    expect(admin.body.data.publishAt).toBe(enAt);
  });

  it('a click on Publish during the embargo is refused and publishes nothing', async () => {
    const res = await editor.post(`${CM}/${ARTICLE}/${documentId}/actions/publish?locale=id`).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^The id version is embargoed until .+\+07:00 \(Asia\/Jakarta\)/);
    expect((await publicArticle(documentId, 'id')).status).toBe(404);
  });

  it('nothing of either version reaches REST, GraphQL, feeds or sitemaps before its time', async () => {
    for (const locale of ['id', 'en']) {
      const text = await publicText(locale);
      expect(text).not.toContain('Embargo');
      expect(text).not.toContain('embargo');
    }
    // Nothing is due yet at the real time.
    const run = await runDueSchedules(app.strapi, new Date());
    expect(run.published.filter((v) => v.documentId === documentId)).toEqual([]);
  });

  it('at the Indonesian time only the Indonesian version goes out, through the Document Service', async () => {
    // A cached public list from before the publish must not survive it.
    const before = await app.http().get('/api/articles?locale=id&pagination[pageSize]=100');
    expect(before.text).not.toContain('Embargo Laporan Inflasi');

    const run = await runDueSchedules(app.strapi, later(1.5));
    expect(run.published).toEqual([{ documentId, locale: 'id', at: idAt }]);
    const id = await publicArticle(documentId, 'id');
    expect(id.status).toBe(200);
    expect(id.body.data).toMatchObject({ title: 'Embargo Laporan Inflasi', slug: 'embargo-laporan-inflasi' });
    expect(id.body.data.publishAt).toBeUndefined();
    expect(id.body.data.firstPublishedAt).toBeTruthy();
    expect((await publicArticle(documentId, 'en')).status).toBe(404);

    const list = await app.http().get('/api/articles?locale=id&pagination[pageSize]=100');
    expect(list.text).toContain('Embargo Laporan Inflasi');
    const rss = xml.parse((await app.http().get('/feeds/id.xml')).text).rss.channel.item as { title: string }[];
    expect(rss.map((i) => i.title)).toContain('Embargo Laporan Inflasi');
    expect((await publicText('en')).includes('Inflation Report Embargo')).toBe(false);

    // The same webhook a manual publish fires.
    const hook = await receiver.waitFor(
      (d) => (d.body.entry as { documentId?: string } | undefined)?.documentId === documentId,
    );
    expect(hook.body).toMatchObject({ event: 'entry.publish', uid: ARTICLE, model: 'article' });
    expect(hook.body.entry).toMatchObject({ locale: 'id', title: 'Embargo Laporan Inflasi' });
  });

  it('the English version follows at its own time; a second run does nothing', async () => {
    const run = await runDueSchedules(app.strapi, later(2.5));
    expect(run.published).toEqual([{ documentId, locale: 'en', at: enAt }]);
    expect((await publicArticle(documentId, 'en')).body.data.title).toBe('Inflation Report Embargo');
    const again = await runDueSchedules(app.strapi, later(2.6));
    expect([...again.published, ...again.unpublished, ...again.failed]).toEqual([]);
  });
});

describe('a scheduled update and a scheduled unpublish of a published version', () => {
  it('keeps the published text until the update is due, then publishes the new text', async () => {
    const documentId = await draft({ title: 'Gempa Guncang Cianjur' });
    expect((await editor.post(`${CM}/${ARTICLE}/${documentId}/actions/publish?locale=id`).send({})).status).toBe(200);
    const first = (await publicArticle(documentId, 'id')).body.data as { firstPublishedAt: string };

    const update = await editor
      .put(`${CM}/${ARTICLE}/${documentId}?locale=id`)
      .send({ excerpt: 'Korban bertambah menjadi 12 orang.', publishAt: inHours(1) });
    expect(update.status).toBe(200);
    expect((await publicArticle(documentId, 'id')).body.data.excerpt).toBeNull();

    await runDueSchedules(app.strapi, later(2));
    const after = (await publicArticle(documentId, 'id')).body.data as { excerpt: string; firstPublishedAt: string };
    expect(after.excerpt).toBe('Korban bertambah menjadi 12 orang.');
    expect(after.firstPublishedAt).toBe(first.firstPublishedAt);
  });

  it('takes a version offline at its unpublish time and keeps the draft', async () => {
    const documentId = await draft({ title: 'Promo Berakhir Malam Ini' });
    await editor.post(`${CM}/${ARTICLE}/${documentId}/actions/publish?locale=id`).send({});
    const res = await editor.put(`${CM}/${ARTICLE}/${documentId}?locale=id`).send({ unpublishAt: inHours(1) });
    expect(res.status).toBe(200);
    expect((await publicArticle(documentId, 'id')).status).toBe(200);

    const run = await runDueSchedules(app.strapi, later(1.5));
    expect(run.unpublished).toEqual([expect.objectContaining({ documentId, locale: 'id' })]);
    expect((await publicArticle(documentId, 'id')).status).toBe(404);
    const kept = await app.strapi.documents(ARTICLE).findOne({ documentId, locale: 'id', status: 'draft' });
    expect(kept?.title).toBe('Promo Berakhir Malam Ini');
  });
});

describe("for real, on Strapi's cron", () => {
  it('publishes a version scheduled a few seconds ahead, and it fires entry.publish', async () => {
    const documentId = await draft({
      title: 'Jadwal Nyata Beberapa Detik',
      publishAt: new Date(Date.now() + 3000).toISOString(),
    });
    expect((await publicArticle(documentId, 'id')).status).toBe(404);
    const deadline = Date.now() + 20000;
    let status = 404;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await publicArticle(documentId, 'id')).status;
    }
    expect(status).toBe(200);
    const hook = await receiver.waitFor(
      (d) => (d.body.entry as { documentId?: string } | undefined)?.documentId === documentId,
    );
    expect(hook.body).toMatchObject({ event: 'entry.publish', uid: ARTICLE, entry: { locale: 'id' } });
  });

  it('a manual publish fires the same webhook, with the same shape', async () => {
    const manualId = await draft({ title: 'Terbit Manual' });
    await editor.post(`${CM}/${ARTICLE}/${manualId}/actions/publish?locale=id`).send({});
    const manual = await receiver.waitFor(
      (d) => (d.body.entry as { documentId?: string } | undefined)?.documentId === manualId,
    );
    const scheduled = receiver.deliveries.find(
      (d) => (d.body.entry as { title?: string }).title === 'Jadwal Nyata Beberapa Detik',
    );
    expect(scheduled).toBeDefined();
    expect(Object.keys(manual.body).sort()).toEqual(Object.keys(scheduled?.body ?? {}).sort());
    expect(Object.keys(manual.body.entry as object).sort()).toEqual(
      Object.keys(scheduled?.body.entry as object).sort(),
    );
    expect(manual.body.event).toBe(scheduled?.body.event);
  });
});
