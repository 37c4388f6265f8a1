import { startStrapi, type TestApp } from '../helpers/strapi';
import { createContractFixture, type ContractFixture } from '../helpers/contract-fixture';
import { createArticleList, type ArticleListFixture } from '../helpers/article-list-fixture';

/**
 * `?view=card|page` on the article REST reads (list, by documentId, by slug):
 * `page` and no `view` are the same answer, byte for byte; `card` carries
 * exactly the card's keys with the page's values; the client's own `fields` and
 * `populate` combine with a view as with the defaults; `populate[key]=false`
 * drops a default key; a bad view is a 400; and the response cache keeps card
 * and page answers apart and fresh after a published edit. Both locales.
 */

type Json = Record<string, unknown>;
type Locale = 'id' | 'en';
const LOCALES: Locale[] = ['id', 'en'];
const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';

/** The card contract: the top-level keys of an article in `view=card`, and of its nested objects. */
const CARD_KEYS = [
  'id',
  'documentId',
  'title',
  'slug',
  'excerpt',
  'locale',
  'firstPublishedAt',
  'timeZone',
  'readingTimeMinutes',
  'cover',
  'author',
  'tags',
];
const MEDIA_KEYS = ['id', 'documentId', 'url', 'alternativeText', 'caption', 'width', 'height', 'formats', 'mime'];
const REF_KEYS = ['id', 'documentId', 'name', 'slug'];
/** What a page has and a card must not. */
const PAGE_ONLY = ['body', 'seo', 'sources', 'corrections', 'relatedLinks', 'localizations', 'coverCaption'];

const sorted = (keys: string[]): string[] => [...keys].sort();
const pick = (value: unknown, keys: string[]): Json => Object.fromEntries(keys.map((k) => [k, (value as Json)[k]]));

/** A card has exactly the card keys, and every value is the page's (nested objects projected on the card keys). */
const expectCardOfPage = (card: Json, page: Json): void => {
  expect(sorted(Object.keys(card))).toEqual(sorted(CARD_KEYS));
  for (const key of CARD_KEYS.filter((k) => !['cover', 'author', 'tags'].includes(k))) {
    expect([key, card[key]]).toEqual([key, page[key]]);
  }
  expect(card.cover).not.toBeNull();
  expect(sorted(Object.keys(card.cover as Json))).toEqual(sorted(MEDIA_KEYS));
  expect(card.cover).toEqual(page.cover);
  expect(sorted(Object.keys(card.author as Json))).toEqual(sorted(REF_KEYS));
  expect(card.author).toEqual(pick(page.author, REF_KEYS));
  const tags = card.tags as Json[];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(sorted(Object.keys(tag))).toEqual(sorted(REF_KEYS));
  expect(tags).toEqual((page.tags as Json[]).map((t) => pick(t, REF_KEYS)));
};

let app: TestApp;
let fx: ContractFixture;
let day: ArticleListFixture;

beforeAll(async () => {
  app = await startStrapi({ env: { CACHE_ENABLED: 'true', PERF_OPTIMIZATIONS: 'true', REDIS_URL: '' } });
  fx = await createContractFixture(app.strapi);
  day = await createArticleList(app.strapi, 20);
});

afterAll(async () => {
  await app?.stop();
});

const get = async (url: string) => app.http().get(url);
const data = (res: { body: unknown }): Json => (res.body as { data: Json }).data;
const list = (res: { body: unknown }): Json[] => (res.body as { data: Json[] }).data;
const listUrl = (locale: Locale, view?: string) =>
  `/api/articles?locale=${locale}&pagination[pageSize]=20${view ? `&view=${view}` : ''}`;

describe('view=card', () => {
  it.each(LOCALES)(
    'the list, findOne and slug route carry exactly the card keys, with the page values (%s)',
    async (locale) => {
      const page = await get(listUrl(locale));
      const card = await get(listUrl(locale, 'card'));
      expect([page.status, card.status]).toEqual([200, 200]);
      const pages = list(page);
      const cards = list(card);
      expect(cards).toHaveLength(20);
      expect(cards.map((c) => c.documentId)).toEqual(pages.map((p) => p.documentId));
      expect(card.body.meta).toEqual(page.body.meta);
      cards.forEach((c, i) => expectCardOfPage(c, pages[i] as Json));
      for (const c of cards) {
        expect(c.locale).toBe(locale);
        for (const key of PAGE_ONLY) expect([key, key in c]).toEqual([key, false]);
      }
      // Not vacuous: the page entries of the same articles do carry what the card leaves out.
      const first = pages[0] as Json;
      expect((first.body as unknown[]).length).toBe(5);
      expect(first.seo).toMatchObject({ metaTitle: expect.any(String) });
      expect(first.localizations).toEqual([expect.objectContaining({ locale: locale === 'id' ? 'en' : 'id' })]);

      // One article, by documentId and by slug: the same card as in a list, from the fullest article of the contract.
      const pageOne = data(await get(`/api/articles/slug/${fx.slugs[locale]}?locale=${locale}`));
      const bySlug = await get(`/api/articles/slug/${fx.slugs[locale]}?locale=${locale}&view=card`);
      const byId = await get(`/api/articles/${fx.articleId}?locale=${locale}&view=card`);
      const filtered = await get(`/api/articles?locale=${locale}&filters[slug][$eq]=${fx.slugs[locale]}&view=card`);
      expect([bySlug.status, byId.status, filtered.status]).toEqual([200, 200, 200]);
      expectCardOfPage(data(bySlug), pageOne);
      expect(data(byId)).toEqual(data(bySlug));
      expect(list(filtered)).toEqual([data(bySlug)]);
      expect((pageOne.relatedLinks as unknown[]).length).toBe(2);
      expect((pageOne.corrections as unknown[]).length).toBeGreaterThan(0);
    },
  );

  it.each(LOCALES)('view=page is the answer without view, byte for byte (%s)', async (locale) => {
    for (const url of [
      listUrl(locale),
      `/api/articles/${fx.articleId}?locale=${locale}`,
      `/api/articles/slug/${fx.slugs[locale]}?locale=${locale}`,
      `/api/articles/slug/${fx.slugs[locale]}?locale=${locale}&fields[0]=title&populate[author][fields][0]=name`,
    ]) {
      const without = await get(url);
      const withPage = await get(`${url}&view=page`);
      expect([url, without.status, withPage.status]).toEqual([url, 200, 200]);
      expect(withPage.text).toBe(without.text);
      const card = await get(`${url}&view=card`);
      expect(card.text).not.toBe(without.text);
    }
  });

  it.each(LOCALES)('a list of 20 cards is less than half the bytes of the page list (%s)', async (locale) => {
    const page = await get(listUrl(locale));
    const card = await get(listUrl(locale, 'card'));
    expect(list(card).map((c) => c.documentId)).toEqual(list(page).map((p) => p.documentId));
    expect(list(card).every((c) => day.documentIds.includes(String(c.documentId)))).toBe(true);
    expect(Buffer.byteLength(card.text) * 2).toBeLessThan(Buffer.byteLength(page.text));
  });

  it("combines with the client's own fields and populate as the defaults do", async () => {
    const base = `/api/articles/slug/${fx.slugs.en}?locale=en&view=card`;
    const page = data(await get(`/api/articles/slug/${fx.slugs.en}?locale=en`));

    // fields replaces the card's scalars; a named populate key replaces the card's entry; the others stay.
    const narrow = data(await get(`${base}&fields[0]=title&populate[author][fields][0]=name`));
    expect(sorted(Object.keys(narrow))).toEqual(sorted(['id', 'documentId', 'title', 'cover', 'author', 'tags']));
    expect(narrow.author).toEqual(pick(page.author, ['id', 'documentId', 'name']));
    expect(narrow.tags).toEqual((page.tags as Json[]).map((t) => pick(t, REF_KEYS)));

    // A key the card does not populate can be added; a card key can be dropped.
    const withBody = data(await get(`${base}&populate[body]=true`));
    expect(sorted(Object.keys(withBody))).toEqual(sorted([...CARD_KEYS, 'body']));
    expect((withBody.body as Json[]).map((b) => b.__component)).toEqual(
      (page.body as Json[]).map((b) => b.__component),
    );
    const noCover = data(await get(`${base}&populate[cover]=false`));
    expect(sorted(Object.keys(noCover))).toEqual(sorted(CARD_KEYS.filter((k) => k !== 'cover')));
  });

  it.each(LOCALES)(
    'populate[key]=false drops that default key from the page and keeps the rest (%s)',
    async (locale) => {
      const url = `/api/articles/slug/${fx.slugs[locale]}?locale=${locale}`;
      const page = data(await get(url));
      const res = await get(`${url}&populate[body]=false&populate[seo]=false&populate[localizations]=false`);
      expect(res.status).toBe(200);
      const lean = data(res);
      const dropped = ['body', 'seo', 'localizations'];
      expect(sorted(Object.keys(lean))).toEqual(sorted(Object.keys(page).filter((k) => !dropped.includes(k))));
      for (const [key, value] of Object.entries(lean)) expect([key, value]).toEqual([key, page[key]]);
    },
  );

  it('answers a bad view with a 400 naming card and page, on every article read', async () => {
    const reads = [
      '/api/articles?locale=id',
      `/api/articles/${fx.articleId}?locale=id`,
      `/api/articles/slug/${fx.slugs.id}?locale=id`,
    ];
    for (const read of reads) {
      for (const [query, message] of [
        ['view=tiny', 'Unknown view "tiny": use one of card, page'],
        ['view=CARD', 'Unknown view "CARD": use one of card, page'],
        ['view=', 'Unknown view "": use one of card, page'],
        ['view=card&view=page', 'view must be given once, as one of card, page'],
        ['view[0]=card', 'view must be given once, as one of card, page'],
        ['view[a]=card', 'view must be given once, as one of card, page'],
      ] as const) {
        const res = await get(`${read}&${query}`);
        expect([read, query, res.status]).toEqual([read, query, 400]);
        expect(res.body).toEqual({
          data: null,
          error: expect.objectContaining({ status: 400, name: 'ValidationError', message }),
        });
      }
    }
  });
});

describe('view=card in the response cache', () => {
  it('card and page answers are separate entries, each a HIT when repeated', async () => {
    const base = '/api/articles?locale=en&pagination[pageSize]=7';
    const reads: Record<string, { first: string; again: string; text: string }> = {};
    for (const suffix of ['', '&view=page', '&view=card']) {
      const first = await get(`${base}${suffix}`);
      const again = await get(`${base}${suffix}`);
      expect(again.text).toBe(first.text);
      reads[suffix] = {
        first: String(first.headers['x-cache']),
        again: String(again.headers['x-cache']),
        text: first.text,
      };
    }
    expect(Object.values(reads).map((r) => [r.first, r.again])).toEqual([
      ['MISS', 'HIT'],
      ['MISS', 'HIT'],
      ['MISS', 'HIT'],
    ]);
    expect(reads['&view=page']?.text).toBe(reads['']?.text);
    expect(reads['&view=card']?.text).not.toBe(reads['']?.text);
    expect(list({ body: JSON.parse(reads['&view=card']?.text ?? '{}') })[0]).not.toHaveProperty('body');
  });

  it.each(LOCALES)('a published edit of the article is on the next card read (%s)', async (locale) => {
    const documentId = day.documentIds[3] as string;
    const slug = String(list(await get(listUrl(locale, 'card'))).find((c) => c.documentId === documentId)?.slug);
    const reads = [listUrl(locale, 'card'), `/api/articles/${documentId}?locale=${locale}&view=card`];
    reads.push(`/api/articles/slug/${slug}?locale=${locale}&view=card`);
    for (const url of reads) {
      await get(url);
      expect([url, (await get(url)).headers['x-cache']]).toEqual([url, 'HIT']);
    }

    const excerpt = `Ringkasan yang diperbarui (${locale})`;
    await app.strapi.documents(ARTICLE).update({ documentId, locale, data: { excerpt } as never, status: 'published' });

    for (const url of reads) {
      const res = await get(url);
      expect([url, res.status, res.headers['x-cache']]).toEqual([url, 200, 'MISS']);
      const body = res.body as { data: Json | Json[] };
      const card = Array.isArray(body.data) ? body.data.find((c) => c.documentId === documentId) : body.data;
      expect(card?.excerpt).toBe(excerpt);
      expect(card).not.toHaveProperty('body');
    }
  });

  it('a renamed author is on the next card read of a list that embeds them', async () => {
    const url = listUrl('id', 'card');
    await get(url);
    expect((await get(url)).headers['x-cache']).toBe('HIT');
    await app.strapi.documents(AUTHOR).update({
      documentId: day.authorDocumentId,
      locale: 'id',
      data: { name: 'Penulis Berganti Nama' } as never,
      status: 'published',
    });
    const res = await get(url);
    expect(res.headers['x-cache']).toBe('MISS');
    const names = list(res).map((c) => (c.author as Json | null)?.name);
    expect(names).toHaveLength(20);
    expect(new Set(names)).toEqual(new Set(['Penulis Berganti Nama']));
  });
});
