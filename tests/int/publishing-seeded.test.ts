import { XMLParser } from 'fast-xml-parser';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { newsroomFixture, seedApp } from '../helpers/seed';

/**
 * The publishing outputs of the seeded MerahPutih.com article, in both
 * locales, parsed with real parsers and checked against the seed fixture.
 */
const SITE = 'https://merahputih.example';
const article = newsroomFixture.articles[0];
const FIRST_PUBLISHED = new Date(article.firstPublishedAt).toISOString();

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'url', 'xhtml:link', 'category'].includes(name),
});

const LOCALES = ['id', 'en'] as const;
type Locale = (typeof LOCALES)[number];

let app: TestApp;
let documentId: string;
/** What the outputs said on the empty database, before the seed. */
const empty: Record<string, { status: number; type: string; text: string }> = {};

/** The seeded tag names of a locale, alphabetically (as JSON-LD and feeds list them). */
const tagNames = (locale: Locale): string[] =>
  article.tags
    .map((slug) => newsroomFixture.tags.find((t) => t.locales.id.slug === slug)?.locales[locale].name ?? '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const urlOf = (locale: Locale): string => `${SITE}/${locale}/${article.locales[locale].slug}`;

beforeAll(async () => {
  app = await startStrapi({ env: { SITE_URL: SITE } });
  for (const path of ['/sitemap.xml', '/news-sitemap.xml', '/feeds/id.xml', '/feeds/en.json']) {
    const res = await app.http().get(path);
    empty[path] = { status: res.status, type: res.headers['content-type'], text: res.text };
  }
  const summary = await seedApp(app);
  documentId = summary.articles[article.locales.id.slug];
});

afterAll(async () => {
  await app?.stop();
});

const stored = async (locale: Locale): Promise<Record<string, unknown>> => {
  const res = await app.http().get(`/api/articles/${documentId}?locale=${locale}`);
  expect(res.status).toBe(200);
  return res.body.data;
};

describe('an empty site', () => {
  it('still serves valid, empty sitemaps and feeds', () => {
    expect(empty['/sitemap.xml'].status).toBe(200);
    expect(xml.parse(empty['/sitemap.xml'].text).urlset.url).toBeUndefined();
    expect(xml.parse(empty['/sitemap.xml'].text).urlset['@xmlns:xhtml']).toBe('http://www.w3.org/1999/xhtml');
    expect(empty['/news-sitemap.xml'].status).toBe(200);
    expect(empty['/feeds/id.xml'].status).toBe(200);
    const channel = xml.parse(empty['/feeds/id.xml'].text).rss.channel;
    expect(channel.title).toBe('MerahPutih.com');
    expect(channel.item).toBeUndefined();
    expect(empty['/feeds/en.json'].status).toBe(200);
    expect(JSON.parse(empty['/feeds/en.json'].text)).toMatchObject({ language: 'en', items: [] });
  });
});

describe('the seeded article', () => {
  it('keeps its original publication date, reading time and translation status in both locales', async () => {
    const expectedMinutes = (locale: Locale): number => {
      const paragraphs = article.body.flatMap((b) => (b.type === 'rich-text' ? [...b.paragraphs[locale]] : []));
      const words = [article.locales[locale].excerpt ?? '', ...paragraphs]
        .join(' ')
        .split(/\s+/)
        .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      return Math.ceil(words / 200);
    };
    const id = await stored('id');
    const en = await stored('en');
    expect(id.firstPublishedAt).toBe(FIRST_PUBLISHED);
    expect(en.firstPublishedAt).toBe(FIRST_PUBLISHED);
    expect(id.readingTimeMinutes).toBe(expectedMinutes('id'));
    expect(en.readingTimeMinutes).toBe(expectedMinutes('en'));
    expect(id.translationStatus).toBe('source');
    expect(en.translationStatus).toBe('current');
    expect(typeof id.updatedAt).toBe('string');
  });

  for (const locale of LOCALES) {
    it(`has a schema.org NewsArticle in ${locale}`, async () => {
      const version = article.locales[locale];
      const res = await app.http().get(`/api/articles/slug/${version.slug}/json-ld?locale=${locale}`);
      expect(res.status).toBe(200);
      const ld = JSON.parse(res.text);
      const row = await stored(locale);
      expect(ld['@type']).toBe('NewsArticle');
      expect(ld.url).toBe(urlOf(locale));
      expect(ld.headline).toBe(version.title);
      expect(ld.description).toBe(version.excerpt);
      expect(ld.inLanguage).toBe(locale);
      expect(ld.datePublished).toBe('2024-11-12T00:00:00+07:00');
      expect(ld.dateModified).toBe(
        `${new Date(Date.parse(row.updatedAt as string) + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`,
      );
      expect(ld.image[0]).toMatchObject({
        '@type': 'ImageObject',
        caption: version.coverCaption,
        creditText: 'ANTARA/KCNA/tm/aa',
      });
      expect(ld.image[0].url).toMatch(/^http:\/\/localhost:1337\/uploads\/.+\.png$/);
      expect(ld.author).toEqual([
        {
          '@type': 'Person',
          name: 'Wisnu Cipto',
          url: `${SITE}/${locale}/author/wisnu-cipto`,
          jobTitle: locale === 'id' ? 'Jurnalis' : 'Journalist',
        },
      ]);
      expect(ld.publisher).toEqual({ '@type': 'Organization', name: 'MerahPutih.com', url: SITE });
      expect(ld.keywords).toEqual(tagNames(locale));
      expect(ld.isBasedOn).toEqual([{ '@type': 'CreativeWork', publisher: { '@type': 'Organization', name: 'KCNA' } }]);
      expect(ld.citation).toEqual([
        { '@type': 'CreativeWork', publisher: { '@type': 'Organization', name: 'Antara' } },
      ]);
      const other: Locale = locale === 'id' ? 'en' : 'id';
      const ref = { '@type': 'NewsArticle', '@id': urlOf(other), url: urlOf(other), inLanguage: other };
      if (locale === 'id') expect(ld.workTranslation).toEqual([ref]);
      else expect(ld.translationOfWork).toEqual(ref);
    });

    it(`is in the ${locale} RSS and JSON feeds`, async () => {
      const version = article.locales[locale];
      const rss = xml.parse((await app.http().get(`/feeds/${locale}.xml`)).text).rss.channel;
      expect(rss.language).toBe(locale);
      expect(rss.item).toHaveLength(1);
      expect(rss.item[0]).toMatchObject({ title: version.title, link: urlOf(locale), description: version.excerpt });
      expect(rss.item[0].pubDate).toBe(new Date(FIRST_PUBLISHED).toUTCString());
      expect(rss.item[0].category).toEqual(tagNames(locale));
      const firstParagraph = (article.body[0] as { paragraphs: Record<Locale, readonly string[]> }).paragraphs[
        locale
      ][0];
      expect(rss.item[0]['content:encoded']).toContain(firstParagraph.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));

      const json = JSON.parse((await app.http().get(`/feeds/${locale}.json`)).text);
      expect(json.version).toBe('https://jsonfeed.org/version/1.1');
      expect(json.language).toBe(locale);
      expect(json.items).toHaveLength(1);
      expect(json.items[0]).toMatchObject({
        id: urlOf(locale),
        url: urlOf(locale),
        title: version.title,
        summary: version.excerpt,
        date_published: FIRST_PUBLISHED,
        tags: tagNames(locale),
        authors: [{ name: 'Wisnu Cipto', url: `${SITE}/${locale}/author/wisnu-cipto` }],
      });
    });

    it(`lists the editor's related links in order in ${locale}`, async () => {
      const res = await app
        .http()
        .get(`/api/articles/slug/${article.locales[locale].slug}/related?locale=${locale}&limit=20`);
      expect(res.status).toBe(200);
      const titles = article.relatedLinks.map(
        (title) => newsroomFixture.relatedLinks.find((l) => l.locales.id.title === title)?.locales[locale].title,
      );
      expect(res.body.data.map((i: { title: string }) => i.title)).toEqual(titles);
      expect(res.body.data.every((i: { origin: string; url: null }) => i.origin === 'editor' && i.url === null)).toBe(
        true,
      );
      const five = await app.http().get(`/api/articles/slug/${article.locales[locale].slug}/related?locale=${locale}`);
      expect(five.body.data.map((i: { title: string }) => i.title)).toEqual(titles.slice(0, 5));
    });
  }

  it('is in the sitemap with hreflang alternates, and too old for the news sitemap', async () => {
    const urls = xml.parse((await app.http().get('/sitemap.xml')).text).urlset.url as {
      loc: string;
      'xhtml:link': { '@hreflang': string; '@href': string }[];
    }[];
    expect(urls.map((u) => u.loc)).toEqual([urlOf('id'), urlOf('en')]);
    for (const u of urls) {
      expect(u['xhtml:link'].map((l) => [l['@hreflang'], l['@href']])).toEqual([
        ['id', urlOf('id')],
        ['en', urlOf('en')],
        ['x-default', urlOf('id')],
      ]);
    }
    const res = await app.http().get('/news-sitemap.xml');
    expect(res.status).toBe(200);
    const news = xml.parse(res.text).urlset;
    expect(news['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(news['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9');
    expect(news.url).toBeUndefined();
  });
});
