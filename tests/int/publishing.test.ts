import { XMLParser } from 'fast-xml-parser';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { gql } from '../helpers/graphql';
import {
  ARTICLE,
  AUTHOR,
  LINK,
  TAG,
  body,
  publishIn,
  uploadImage,
  type UploadedFile,
} from '../helpers/publishing-fixture';
import { ensureSiteSettings } from '../../src/bootstrap/site-settings';
import { applyAccessPolicy } from '../../src/access/sync-role-permissions';

const SITE = 'https://news.example.test';
const FIRST_PUBLISHED = '2024-11-12T05:30:00.000Z';
/** The same instant in Asia/Jakarta (UTC+7, no daylight saving). */
const FIRST_PUBLISHED_JAKARTA = '2024-11-12T12:30:00+07:00';

/** An instant written in UTC+7, computed independently of the code under test. */
const jakarta = (iso: string): string => `${new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'url', 'xhtml:link', 'category'].includes(name),
});

let app: TestApp;
let cover: UploadedFile;
const doc: Record<string, string> = {};

const words = (n: number, word: string): string => Array.from({ length: n }, () => word).join(' ');

beforeAll(async () => {
  app = await startStrapi({ env: { SITE_URL: SITE } });

  doc.author = await publishIn(app, AUTHOR, {
    id: { name: 'Andika Pratama', jobTitle: 'Jurnalis' },
    en: { name: 'Andika Pratama', jobTitle: 'Journalist' },
  });
  doc.korea = await publishIn(app, TAG, { id: { name: 'Korea Utara' }, en: { name: 'North Korea' } });
  doc.rudal = await publishIn(app, TAG, { id: { name: 'Rudal' }, en: { name: 'Missile' } });
  doc.politik = await publishIn(app, TAG, { id: { name: 'Politik' }, en: { name: 'Politics' } });
  cover = await uploadImage(app, 'cover.png');

  const story = (date: string, tags: string[], id: string, en?: string): Promise<string> =>
    publishIn(
      app,
      ARTICLE,
      en
        ? { id: { title: id, excerpt: `Ringkasan ${id}` }, en: { title: en, excerpt: `Summary ${en}` } }
        : { id: { title: id, excerpt: `Ringkasan ${id}` } },
      { firstPublishedAt: date, tags, author: doc.author },
    );
  doc.b = await story('2024-11-10T01:00:00.000Z', [doc.korea], 'Berita B', 'Story B');
  doc.c = await story('2024-11-09T01:00:00.000Z', [doc.korea, doc.rudal], 'Berita C', 'Story C');
  doc.d = await story('2024-11-08T01:00:00.000Z', [doc.korea, doc.rudal], 'Berita D', 'Story D');
  doc.e = await story('2024-11-11T01:00:00.000Z', [doc.korea], 'Berita E hanya Indonesia');
  doc.z = await story('2024-11-13T01:00:00.000Z', [doc.politik], 'Berita Z', 'Story Z');

  doc.link = await publishIn(app, LINK, {
    id: { title: 'Berita B terkait', kind: 'related', target: doc.b },
    en: { title: 'Related story B', kind: 'related', target: doc.b },
  });

  doc.a = await publishIn(
    app,
    ARTICLE,
    {
      id: {
        title: 'Korea Utara Uji Coba Rudal',
        slug: 'korea-utara-uji-rudal',
        excerpt: 'Korea Utara kembali menguji rudal balistik.',
        coverCaption: 'Foto arsip peluncuran rudal.',
        body: body(words(200, 'kata'), words(230, 'rudal')),
        seo: { metaTitle: 'Korea Utara uji rudal' },
      },
      en: {
        title: 'North Korea Tests Missile',
        slug: 'north-korea-tests-missile',
        excerpt: 'North Korea tested a ballistic missile again.',
        coverCaption: 'Archive photo of a missile launch.',
        body: body(words(150, 'word')),
      },
    },
    {
      firstPublishedAt: FIRST_PUBLISHED,
      timeZone: 'Asia/Jakarta',
      author: doc.author,
      tags: [doc.korea, doc.rudal],
      relatedLinks: [doc.link],
      cover: cover.id,
      coverCredit: 'ANTARA/KCNA/tm/aa',
      sources: [
        { name: 'KCNA', relation: 'reported-by', url: 'https://kcnawatch.org' },
        { name: 'Antara', relation: 'quoted-from', url: 'https://www.antaranews.com' },
      ],
    },
  );

  // Never public.
  await app.strapi
    .documents(ARTICLE)
    .create({ data: { title: 'Draf Rahasia Rudal', tags: [doc.korea] }, locale: 'id' });
});

afterAll(async () => {
  await app?.stop();
});

const getArticle = async (documentId: string, locale: string): Promise<Record<string, unknown>> => {
  const res = await app.http().get(`/api/articles/${documentId}?locale=${locale}`);
  expect(res.status).toBe(200);
  return res.body.data;
};

describe('site settings', () => {
  it('exist at boot in both locales and are publicly readable, not writable', async () => {
    for (const locale of ['id', 'en']) {
      const res = await app.http().get(`/api/site-setting?locale=${locale}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ siteName: 'MerahPutih.com', publisherName: 'MerahPutih.com', locale });
      expect(typeof res.body.data.description).toBe('string');
    }
    const put = await app
      .http()
      .put('/api/site-setting')
      .send({ data: { siteName: 'x' } });
    expect(put.status).toBe(403);
    const del = await app.http().delete('/api/site-setting');
    expect(del.status).toBe(403);
  });

  it('boots idempotently, keeps what an editor saved and revokes any public write', async () => {
    const SETTING = 'api::site-setting.site-setting';
    const PERMISSION = 'plugin::users-permissions.permission';
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db.query(PERMISSION).create({ data: { action: `${SETTING}.update`, role: role.id } });
    const id = await app.strapi.documents(SETTING).findFirst({ locale: 'id' });
    await app.strapi
      .documents(SETTING)
      .update({ documentId: id!.documentId, locale: 'id', data: { publisherName: 'PT Merah Putih Media' } });

    // What every boot runs (src/index.ts), twice.
    for (let boot = 0; boot < 2; boot++) {
      await ensureSiteSettings(app.strapi);
      await applyAccessPolicy(app.strapi);
    }

    const actions = (
      await app.strapi.db
        .query(PERMISSION)
        .findMany({ where: { role: role.id, action: { $startsWith: `${SETTING}.` } } })
    ).map((p: { action: string }) => p.action);
    expect(actions).toEqual([`${SETTING}.find`]);
    expect(await app.strapi.db.query(SETTING).count({ where: { locale: 'id' } })).toBe(1);
    expect(await app.strapi.db.query(SETTING).count({ where: { locale: 'en' } })).toBe(1);
    const res = await app.http().get('/api/site-setting?locale=en');
    expect(res.body.data.publisherName).toBe('PT Merah Putih Media');
    expect(
      (
        await app
          .http()
          .put('/api/site-setting')
          .send({ data: { siteName: 'x' } })
      ).status,
    ).toBe(403);
    await app.strapi
      .documents(SETTING)
      .update({ documentId: id!.documentId, locale: 'id', data: { publisherName: 'MerahPutih.com' } });
  });
});

describe('JSON-LD', () => {
  it('describes the Indonesian original as a NewsArticle, field by field', async () => {
    const res = await app.http().get('/api/articles/slug/korea-utara-uji-rudal/json-ld?locale=id');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    const ld = JSON.parse(res.text);
    const stored = await getArticle(doc.a, 'id');
    const url = `${SITE}/id/korea-utara-uji-rudal`;
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld['@id']).toBe(url);
    expect(ld.url).toBe(url);
    expect(ld.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': url });
    expect(ld.headline).toBe('Korea Utara Uji Coba Rudal');
    expect(ld.description).toBe('Korea Utara kembali menguji rudal balistik.');
    expect(ld.image).toHaveLength(1);
    expect(ld.image[0]).toMatchObject({
      '@type': 'ImageObject',
      caption: 'Foto arsip peluncuran rudal.',
      creditText: 'ANTARA/KCNA/tm/aa',
      width: 1,
      height: 1,
    });
    expect(ld.image[0].url).toMatch(new RegExp(`^https?://[^/]+${cover.url.replace(/[.]/g, '\\.')}$`));
    expect(ld.datePublished).toBe(FIRST_PUBLISHED_JAKARTA);
    expect(ld.dateModified).toBe(jakarta(stored.updatedAt as string));
    expect(ld.author).toEqual([
      { '@type': 'Person', name: 'Andika Pratama', url: `${SITE}/id/author/andika-pratama`, jobTitle: 'Jurnalis' },
    ]);
    expect(ld.publisher).toEqual({ '@type': 'Organization', name: 'MerahPutih.com', url: SITE });
    expect(ld.inLanguage).toBe('id');
    expect(ld.keywords).toEqual(['Korea Utara', 'Rudal']);
    expect(ld.isBasedOn).toEqual([
      { '@type': 'CreativeWork', url: 'https://kcnawatch.org', publisher: { '@type': 'Organization', name: 'KCNA' } },
    ]);
    expect(ld.citation).toEqual([
      {
        '@type': 'CreativeWork',
        url: 'https://www.antaranews.com',
        publisher: { '@type': 'Organization', name: 'Antara' },
      },
    ]);
    expect(ld.workTranslation).toEqual([
      {
        '@type': 'NewsArticle',
        '@id': `${SITE}/en/north-korea-tests-missile`,
        url: `${SITE}/en/north-korea-tests-missile`,
        inLanguage: 'en',
      },
    ]);
    expect(ld.translationOfWork).toBeUndefined();
    expect(ld.timeRequired).toBe('PT3M');
  });

  it('describes the English translation and links it to the original', async () => {
    const res = await app.http().get('/api/articles/slug/north-korea-tests-missile/json-ld?locale=en');
    expect(res.status).toBe(200);
    const ld = JSON.parse(res.text);
    const stored = await getArticle(doc.a, 'en');
    expect(ld.headline).toBe('North Korea Tests Missile');
    expect(ld.url).toBe(`${SITE}/en/north-korea-tests-missile`);
    expect(ld.inLanguage).toBe('en');
    expect(ld.image[0]).toMatchObject({
      caption: 'Archive photo of a missile launch.',
      creditText: 'ANTARA/KCNA/tm/aa',
    });
    expect(ld.datePublished).toBe(FIRST_PUBLISHED_JAKARTA);
    expect(ld.dateModified).toBe(jakarta(stored.updatedAt as string));
    expect(ld.author[0]).toMatchObject({
      name: 'Andika Pratama',
      url: `${SITE}/en/author/andika-pratama`,
      jobTitle: 'Journalist',
    });
    expect(ld.keywords).toEqual(['Missile', 'North Korea']);
    expect(ld.isBasedOn[0].publisher.name).toBe('KCNA');
    expect(ld.citation[0].publisher.name).toBe('Antara');
    expect(ld.translationOfWork).toEqual({
      '@type': 'NewsArticle',
      '@id': `${SITE}/id/korea-utara-uji-rudal`,
      url: `${SITE}/id/korea-utara-uji-rudal`,
      inLanguage: 'id',
    });
    expect(ld.workTranslation).toBeUndefined();
  });

  it('links no translation that does not exist', async () => {
    const e = await getArticle(doc.e, 'id');
    const res = await app.http().get(`/api/articles/slug/${e.slug}/json-ld?locale=id`);
    expect(res.status).toBe(200);
    const ld = JSON.parse(res.text);
    expect(ld.workTranslation).toBeUndefined();
    expect(ld.translationOfWork).toBeUndefined();
    expect(ld.image).toBeUndefined();
  });

  it('answers 404 JSON for an unknown slug, a slug of another locale and a draft; 400 for an unknown locale', async () => {
    for (const url of [
      '/api/articles/slug/no-such-story/json-ld?locale=id',
      '/api/articles/slug/north-korea-tests-missile/json-ld?locale=id',
      '/api/articles/slug/draf-rahasia-rudal/json-ld?locale=id',
    ]) {
      const res = await app.http().get(url);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    }
    const bad = await app.http().get('/api/articles/slug/korea-utara-uji-rudal/json-ld?locale=fr');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    expect(bad.body.error.message).toMatch(/Unknown locale "fr".*id, en/);
  });
});

describe('feeds', () => {
  const order = {
    id: ['Berita Z', 'Korea Utara Uji Coba Rudal', 'Berita E hanya Indonesia', 'Berita B', 'Berita C', 'Berita D'],
    en: ['Story Z', 'North Korea Tests Missile', 'Story B', 'Story C', 'Story D'],
  };

  for (const locale of ['id', 'en'] as const) {
    it(`RSS 2.0 /feeds/${locale}.xml: its own language, published only, newest first`, async () => {
      const res = await app.http().get(`/feeds/${locale}.xml`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      const rss = xml.parse(res.text).rss;
      expect(rss['@version']).toBe('2.0');
      const channel = rss.channel;
      expect(channel.title).toBe('MerahPutih.com');
      expect(channel.link).toBe(`${SITE}/${locale}`);
      expect(channel.language).toBe(locale);
      expect(channel.item.map((i: { title: string }) => i.title)).toEqual(order[locale]);

      const a = await getArticle(doc.a, locale);
      const item = channel.item[1];
      const url = `${SITE}/${locale}/${a.slug}`;
      expect(item.link).toBe(url);
      expect(item.guid['#text'] ?? item.guid).toBe(url);
      expect(item.pubDate).toBe(new Date(FIRST_PUBLISHED).toUTCString());
      expect(item.description).toBe(a.excerpt);
      expect(item['content:encoded']).toContain(locale === 'id' ? '<p>kata kata' : '<p>word word');
      expect(item.category).toEqual(locale === 'id' ? ['Korea Utara', 'Rudal'] : ['Missile', 'North Korea']);
      expect(item.enclosure['@url']).toMatch(new RegExp(`${cover.url.replace(/[.]/g, '\\.')}$`));
      expect(item.enclosure['@type']).toBe('image/png');
    });

    it(`JSON Feed 1.1 /feeds/${locale}.json: its own language, published only, newest first`, async () => {
      const res = await app.http().get(`/feeds/${locale}.json`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      const feed = JSON.parse(res.text);
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.title).toBe('MerahPutih.com');
      expect(feed.language).toBe(locale);
      expect(feed.home_page_url).toBe(`${SITE}/${locale}`);
      expect(feed.feed_url).toMatch(new RegExp(`/feeds/${locale}\\.json$`));
      expect(feed.items.map((i: { title: string }) => i.title)).toEqual(order[locale]);

      const a = await getArticle(doc.a, locale);
      const item = feed.items[1];
      expect(item.id).toBe(`${SITE}/${locale}/${a.slug}`);
      expect(item.url).toBe(`${SITE}/${locale}/${a.slug}`);
      expect(item.language).toBe(locale);
      expect(item.summary).toBe(a.excerpt);
      expect(item.content_html).toContain(locale === 'id' ? '<p>kata kata' : '<p>word word');
      expect(item.date_published).toBe(FIRST_PUBLISHED);
      expect(item.date_modified).toBe(new Date(a.updatedAt as string).toISOString());
      expect(item.authors).toEqual([{ name: 'Andika Pratama', url: `${SITE}/${locale}/author/andika-pratama` }]);
      expect(item.tags).toEqual(locale === 'id' ? ['Korea Utara', 'Rudal'] : ['Missile', 'North Korea']);
      expect(item.image).toMatch(new RegExp(`^http://localhost:1337${cover.url.replace(/[.]/g, '\\.')}$`));
      expect(JSON.stringify(feed)).not.toContain('Draf Rahasia');
    });
  }

  it('caches like the rest of the public API: Cache-Control, ETag and 304', async () => {
    const api = await app.http().get('/api/articles?locale=id');
    const policy = api.headers['cache-control'];
    expect(policy).toMatch(/^public, max-age=\d+/);
    for (const url of [
      '/feeds/id.xml',
      '/feeds/en.json',
      '/sitemap.xml',
      '/news-sitemap.xml',
      '/api/articles/slug/korea-utara-uji-rudal/json-ld',
    ]) {
      const first = await app.http().get(url);
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toBe(policy);
      expect(first.headers.etag).toMatch(/^W\/"/);
      const again = await app.http().get(url).set('If-None-Match', first.headers.etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
    }
  });

  it('answers 404 JSON for an unknown locale or format', async () => {
    for (const url of ['/feeds/fr.xml', '/feeds/fr.json', '/feeds/id.atom', '/feeds/id']) {
      const res = await app.http().get(url);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ status: 404, name: 'NotFoundError' });
    }
  });
});

describe('sitemaps', () => {
  type Link = { '@rel': string; '@hreflang': string; '@href': string };
  type Url = { loc: string; lastmod: string; 'xhtml:link'?: Link[] };

  it('/sitemap.xml lists every published version with hreflang alternates only for existing translations', async () => {
    const res = await app.http().get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const set = xml.parse(res.text).urlset;
    expect(set['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(set['@xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    const urls: Url[] = set.url;

    const expected: string[] = [];
    for (const key of ['z', 'a', 'e', 'b', 'c', 'd']) {
      for (const locale of ['id', 'en']) {
        const res2 = await app.http().get(`/api/articles/${doc[key]}?locale=${locale}`);
        if (res2.status === 200) expected.push(`${SITE}/${locale}/${res2.body.data.slug}`);
      }
    }
    expect(urls.map((u) => u.loc)).toEqual(expected);
    expect(res.text).not.toContain('draf-rahasia');

    const idA = `${SITE}/id/korea-utara-uji-rudal`;
    const enA = `${SITE}/en/north-korea-tests-missile`;
    for (const loc of [idA, enA]) {
      const entry = urls.find((u) => u.loc === loc);
      expect(entry?.['xhtml:link']).toEqual([
        { '@rel': 'alternate', '@hreflang': 'id', '@href': idA },
        { '@rel': 'alternate', '@hreflang': 'en', '@href': enA },
        { '@rel': 'alternate', '@hreflang': 'x-default', '@href': idA },
      ]);
    }
    const a = await getArticle(doc.a, 'en');
    expect(urls.find((u) => u.loc === enA)?.lastmod).toBe(new Date(a.updatedAt as string).toISOString());

    const e = await getArticle(doc.e, 'id');
    const idE = `${SITE}/id/${e.slug}`;
    expect(urls.find((u) => u.loc === idE)?.['xhtml:link']).toEqual([
      { '@rel': 'alternate', '@hreflang': 'id', '@href': idE },
      { '@rel': 'alternate', '@hreflang': 'x-default', '@href': idE },
    ]);
    expect(urls.some((u) => u.loc.startsWith(`${SITE}/en/`) && u.loc.includes(String(e.slug)))).toBe(false);
  });

  it('/news-sitemap.xml lists only the last two days in Google News format', async () => {
    const fresh = await publishIn(app, ARTICLE, {
      id: { title: 'Berita Segar Hari Ini' },
      en: { title: 'Fresh Story Today' },
    });
    const res = await app.http().get('/news-sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const set = xml.parse(res.text).urlset;
    expect(set['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    const urls: { loc: string; 'news:news': Record<string, unknown> }[] = set.url;
    const slugs: Record<string, string> = {};
    for (const locale of ['id', 'en']) slugs[locale] = String((await getArticle(fresh, locale)).slug);
    expect(urls.map((u) => u.loc).sort()).toEqual([`${SITE}/en/${slugs.en}`, `${SITE}/id/${slugs.id}`]);
    for (const locale of ['id', 'en']) {
      const stored = await getArticle(fresh, locale);
      const news = urls.find((u) => u.loc === `${SITE}/${locale}/${slugs[locale]}`)?.['news:news'];
      expect(news).toEqual({
        'news:publication': { 'news:name': 'MerahPutih.com', 'news:language': locale },
        'news:publication_date': jakarta(stored.firstPublishedAt as string),
        'news:title': stored.title,
      });
    }
    await app.strapi.documents(ARTICLE).delete({ documentId: fresh, locale: '*' });
  });
});

describe('reading time', () => {
  it('is stored per locale from the standfirst and the story text, in REST and GraphQL', async () => {
    // id: 6 standfirst words + 430 body words = 436 → 3 minutes at 200 wpm; en: 7 + 150 = 157 → 1 minute.
    expect((await getArticle(doc.a, 'id')).readingTimeMinutes).toBe(3);
    expect((await getArticle(doc.a, 'en')).readingTimeMinutes).toBe(1);
    const res = await gql<{ articles: { readingTimeMinutes: number }[] }>(
      app,
      '{ articles(locale: "en", filters: { slug: { eq: "north-korea-tests-missile" } }) { readingTimeMinutes } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.articles).toEqual([{ readingTimeMinutes: 1 }]);
  });

  it('is recomputed on update and cannot be set by a client', async () => {
    const docs = app.strapi.documents(ARTICLE);
    const id = await publishIn(app, ARTICLE, { id: { title: 'Hitung Waktu Baca', body: body(words(50, 'a')) } });
    const data: Record<string, unknown> = { body: body(words(401, 'b')), readingTimeMinutes: 99 };
    const updated = await docs.update({ documentId: id, locale: 'id', data });
    expect(updated?.readingTimeMinutes).toBe(3);
    // The caller's data object is left as it was (the seed reports what it wrote from it).
    expect(Object.keys(data)).toEqual(['body', 'readingTimeMinutes']);
    expect(data.readingTimeMinutes).toBe(99);
    await docs.delete({ documentId: id, locale: '*' });
  });
});

describe('stable dates', () => {
  it('keeps firstPublishedAt in both locales through a re-publish; updatedAt moves separately', async () => {
    const docs = app.strapi.documents(ARTICLE);
    const before = { id: await getArticle(doc.b, 'id'), en: await getArticle(doc.b, 'en') };
    expect(before.id.firstPublishedAt).toBe('2024-11-10T01:00:00.000Z');
    expect(before.en.firstPublishedAt).toBe('2024-11-10T01:00:00.000Z');

    for (const locale of ['id', 'en']) {
      await docs.update({ documentId: doc.b, locale, data: { excerpt: `Diperbarui ${locale}` } });
      await docs.publish({ documentId: doc.b, locale });
    }
    for (const locale of ['id', 'en'] as const) {
      const after = await getArticle(doc.b, locale);
      expect(after.firstPublishedAt).toBe('2024-11-10T01:00:00.000Z');
      expect(after.excerpt).toBe(`Diperbarui ${locale}`);
      expect(Date.parse(after.publishedAt as string)).toBeGreaterThan(Date.parse(before[locale].publishedAt as string));
      expect(Date.parse(after.updatedAt as string)).toBeGreaterThan(Date.parse(before[locale].updatedAt as string));
    }
  });

  it('ignores a firstPublishedAt carried by an update: it can neither change nor null it', async () => {
    const docs = app.strapi.documents(ARTICLE);
    for (const value of ['2030-01-01T00:00:00.000Z', null]) {
      for (const locale of ['id', 'en']) {
        await docs.update({
          documentId: doc.c,
          locale,
          data: { firstPublishedAt: value, excerpt: `x ${String(value)}` } as Record<string, unknown>,
          status: 'published',
        });
        expect((await getArticle(doc.c, locale)).firstPublishedAt).toBe('2024-11-09T01:00:00.000Z');
      }
    }
    const res = await gql<{ articles: { firstPublishedAt: string; updatedAt: string }[] }>(
      app,
      `{ articles(locale: "en", filters: { documentId: { eq: "${doc.c}" } }) { firstPublishedAt updatedAt } }`,
    );
    expect(res.data?.articles[0].firstPublishedAt).toBe('2024-11-09T01:00:00.000Z');
    expect(Date.parse(res.data?.articles[0].updatedAt ?? '')).toBeGreaterThan(Date.parse('2024-11-09T01:00:00.000Z'));
  });
});

describe('translation status', () => {
  const statusOf = async (documentId: string, locale: string): Promise<unknown> =>
    (await getArticle(documentId, locale)).translationStatus;

  it('marks the original as source and a fresh translation as current', async () => {
    expect(await statusOf(doc.d, 'id')).toBe('source');
    expect(await statusOf(doc.d, 'en')).toBe('current');
  });

  it('editing the Indonesian text marks the English version stale; editing the English text makes it current again', async () => {
    const docs = app.strapi.documents(ARTICLE);
    await docs.update({ documentId: doc.d, locale: 'id', data: { title: 'Berita D (koreksi)' }, status: 'published' });
    expect(await statusOf(doc.d, 'id')).toBe('source');
    expect(await statusOf(doc.d, 'en')).toBe('stale');

    const stale = await app.http().get('/api/articles?locale=en&filters[translationStatus][$eq]=stale');
    expect(stale.status).toBe(200);
    expect(stale.body.data.map((a: { documentId: string }) => a.documentId)).toEqual([doc.d]);
    const gqlStale = await gql<{ articles: { documentId: string; translationStatus: string }[] }>(
      app,
      '{ articles(locale: "en", filters: { translationStatus: { eq: "stale" } }) { documentId translationStatus } }',
    );
    expect(gqlStale.data?.articles).toEqual([{ documentId: doc.d, translationStatus: 'stale' }]);

    // A client cannot clear the flag by sending it, nor does a change that is not text.
    await docs.update({
      documentId: doc.d,
      locale: 'en',
      data: { translationStatus: 'current', coverCredit: 'ANTARA' } as Record<string, unknown>,
      status: 'published',
    });
    expect(await statusOf(doc.d, 'en')).toBe('stale');

    await docs.update({ documentId: doc.d, locale: 'en', data: { title: 'Story D (corrected)' }, status: 'published' });
    expect(await statusOf(doc.d, 'en')).toBe('current');
    const en = await getArticle(doc.d, 'en');
    const id = await getArticle(doc.d, 'id');
    expect(Date.parse(en.contentEditedAt as string)).toBeGreaterThanOrEqual(Date.parse(id.contentEditedAt as string));
  });

  it('is not made stale by an Indonesian change that is not text', async () => {
    const docs = app.strapi.documents(ARTICLE);
    await docs.update({ documentId: doc.d, locale: 'id', data: { coverCredit: 'ANTARA/tm' }, status: 'published' });
    expect(await statusOf(doc.d, 'en')).toBe('current');
  });

  it('lists published articles missing a locale', async () => {
    const res = await app.http().get('/api/articles/translations/missing?locale=en');
    expect(res.status).toBe(200);
    const e = await getArticle(doc.e, 'id');
    expect(res.body.data).toEqual([
      {
        documentId: doc.e,
        locales: ['id'],
        from: { locale: 'id', slug: e.slug, title: 'Berita E hanya Indonesia', url: `${SITE}/id/${e.slug}` },
      },
    ]);
    expect(res.body.meta).toEqual({ locale: 'en', total: 1 });
    const none = await app.http().get('/api/articles/translations/missing?locale=id');
    expect(none.body.data).toEqual([]);
    const bad = await app.http().get('/api/articles/translations/missing?locale=de');
    expect(bad.status).toBe(400);
  });

  it('exposes the existing locales of an article through localizations', async () => {
    const res = await app.http().get(`/api/articles/${doc.e}?locale=id&populate[localizations][fields][0]=locale`);
    expect(res.status).toBe(200);
    expect(res.body.data.localizations).toEqual([]);
    const a = await app.http().get(`/api/articles/${doc.a}?locale=id&populate[localizations][fields][0]=locale`);
    expect(a.body.data.localizations.map((l: { locale: string }) => l.locale)).toEqual(['en']);
  });
});

describe('related articles', () => {
  type Item = {
    origin: string;
    title: string;
    url: string | null;
    documentId: string | null;
    locale: string;
    sharedTags: number;
  };
  const related = async (slug: string, locale: string, limit?: number): Promise<Item[]> => {
    const res = await app
      .http()
      .get(`/api/articles/slug/${slug}/related?locale=${locale}${limit ? `&limit=${limit}` : ''}`);
    expect(res.status).toBe(200);
    return res.body.data;
  };

  it("puts the editor's links first, then same-locale articles sharing the most tags, newest first", async () => {
    const id = await related('korea-utara-uji-rudal', 'id');
    expect(id.map((i) => [i.origin, i.documentId, i.sharedTags])).toEqual([
      ['editor', doc.b, 0],
      ['tags', doc.c, 2],
      ['tags', doc.d, 2],
      ['tags', doc.e, 1],
    ]);
    expect(id.every((i) => i.locale === 'id' && i.url?.startsWith(`${SITE}/id/`))).toBe(true);
    expect(id[0].title).toBe('Berita B terkait');

    const en = await related('north-korea-tests-missile', 'en');
    expect(en.map((i) => [i.origin, i.documentId])).toEqual([
      ['editor', doc.b],
      ['tags', doc.c],
      ['tags', doc.d],
    ]);
    expect(en.every((i) => i.locale === 'en' && i.url?.startsWith(`${SITE}/en/`))).toBe(true);
  });

  it('is deterministic, honours the limit and never repeats or includes the article itself', async () => {
    const first = await related('korea-utara-uji-rudal', 'id', 2);
    const again = await related('korea-utara-uji-rudal', 'id', 2);
    expect(first).toEqual(again);
    expect(first.map((i) => i.documentId)).toEqual([doc.b, doc.c]);

    // The article itself shares every tag, but is never listed; nor is B twice.
    const b = await getArticle(doc.b, 'id');
    const fromB = await related(String(b.slug), 'id', 10);
    const ids = fromB.map((i) => i.documentId);
    expect(ids).not.toContain(doc.b);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([doc.a, doc.e, doc.c, doc.d]);
  });

  it('refuses a bad limit or locale and answers 404 for an unknown article', async () => {
    expect((await app.http().get('/api/articles/slug/korea-utara-uji-rudal/related?limit=0')).status).toBe(400);
    expect((await app.http().get('/api/articles/slug/korea-utara-uji-rudal/related?limit=abc')).status).toBe(400);
    expect((await app.http().get('/api/articles/slug/korea-utara-uji-rudal/related?locale=xx')).status).toBe(400);
    const twice = await app.http().get('/api/articles/slug/korea-utara-uji-rudal/related?locale=id&locale=en');
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toMatch(/Unknown locale \["id","en"\]/);
    const missing = await app.http().get('/api/articles/slug/nope/related?locale=id');
    expect(missing.status).toBe(404);
    expect(missing.body.error.name).toBe('NotFoundError');
  });
});
