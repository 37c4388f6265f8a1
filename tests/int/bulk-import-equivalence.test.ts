/**
 * The bulk import path (src/import, the default of src/lib/bulk-import.ts)
 * writes nothing the public reads differently from the Document Service path:
 * one corpus is imported through the Document Service into one database and
 * through the bulk writer into another, and every public answer (REST lists,
 * by slug, JSON-LD, related, tag and author pages, GraphQL, feeds, sitemaps, in
 * both locales) must be the same bytes after ids and timestamps are normalised.
 * The corpus includes partial articles, as a WordPress export brings them
 * (issue 13): one locale only, a published Indonesian version beside an English
 * draft, and an English version joining an article imported earlier (routed to
 * the Document Service inside a bulk batch). Drafts are not public: their rows
 * are compared too. Then: a re-run creates nothing, and an editor opens, edits
 * and publishes a bulk-imported article over the admin API. SQLite, and
 * PostgreSQL with TEST_DATABASE=postgres.
 */
import { startStrapi, type TestApp } from '../helpers/strapi';
import { accountEnv, adminAccounts, adminLogin, asAdmin } from '../helpers/admin';
import { publicAnswers } from '../helpers/public-answers';
import { buildCorpus, type Corpus, type CorpusArticle } from '../../bench/corpus';
import { loadCorpus } from '../../bench/load-corpus';
import { importArticles, type BulkArticle, type PartialArticle } from '../../src/lib/bulk-import';
import { ARTICLE_UID, AUTHOR_UID, TAG_UID } from '../../src/lib/uids';

const N = 12;
const BATCH = 3;
const AUTHORS = 4;
const TAGS = 12;
const CM = '/content-manager/collection-types';
const accounts = adminAccounts();

/**
 * The bench corpus, plus what an archive brings that it lacks: links to other
 * articles (each an earlier batch), two articles with the same title (slug
 * suffixes), explicit slugs, a body of pre-built rich text (headings, lists,
 * quotes, links, marks, an image), a draft, a link to that draft, no SEO.
 */
const corpusFor = (): Corpus => {
  const corpus = buildCorpus(N);
  const articles: CorpusArticle[] = corpus.articles.map((a, i) => {
    const links = a.relatedLinks.map((l, k) => {
      if (k !== 0 || i < BATCH) return l;
      const { url: _url, ...rest } = l;
      return { ...rest, target: i - BATCH };
    });
    // A few authors and tags (the Document Service writes each in about a second on a loaded machine).
    const tags = [...new Set(a.tags.map((t) => t % TAGS))];
    return { ...a, key: `equivalence:${i}`, relatedLinks: links, author: a.author % AUTHORS, tags };
  });
  const same = articles[5] as CorpusArticle;
  articles[6] = { ...(articles[6] as CorpusArticle), locales: same.locales }; // same titles: the slugs get -2
  const explicit = articles[7] as CorpusArticle;
  articles[7] = {
    ...explicit,
    locales: {
      id: { ...explicit.locales.id, slug: 'berita-pilihan-redaksi' },
      en: { ...explicit.locales.en, slug: 'editors-pick' },
    },
  };
  articles[8] = { ...(articles[8] as CorpusArticle), status: 'draft' };
  const rich = articles[9] as CorpusArticle;
  const blocks = (lang: string) => [
    { type: 'heading', level: 2, children: [{ type: 'text', text: `Subjudul ${lang}` }] },
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Teks ' },
        { type: 'text', text: 'tebal', bold: true },
        { type: 'text', text: ' dan ' },
        { type: 'link', url: 'https://example.org/sumber', children: [{ type: 'text', text: 'tautan', italic: true }] },
      ],
    },
    {
      type: 'list',
      format: 'unordered',
      children: [
        { type: 'list-item', children: [{ type: 'text', text: 'satu' }] },
        { type: 'list-item', children: [{ type: 'text', text: 'dua' }] },
      ],
    },
    { type: 'quote', children: [{ type: 'text', text: `Kutipan ${lang}` }] },
    {
      type: 'image',
      image: {
        name: 'foto.jpg',
        alternativeText: 'Foto',
        url: 'https://example.org/foto.jpg',
        width: 800,
        height: 600,
        hash: 'foto_0123456789',
        ext: '.jpg',
        mime: 'image/jpeg',
        size: 42.5,
        provider: 'local',
        createdAt: '2020-01-01T00:00:00.000Z',
        updatedAt: '2020-01-01T00:00:00.000Z',
      },
      children: [{ type: 'text', text: '' }],
    },
  ];
  articles[9] = {
    ...rich,
    locales: {
      id: { ...rich.locales.id, body: [{ type: 'rich-text', blocks: blocks('id') }, ...rich.locales.id.body] },
      en: { ...rich.locales.en, body: [{ type: 'rich-text', blocks: blocks('en') }, ...rich.locales.en.body] },
    },
  };
  const noSeo = articles[10] as CorpusArticle;
  articles[10] = {
    ...noSeo,
    sources: [],
    locales: { id: { ...noSeo.locales.id, seo: undefined }, en: { ...noSeo.locales.en, seo: undefined } },
  };
  return { authors: corpus.authors.slice(0, AUTHORS), tags: corpus.tags.slice(0, TAGS), articles };
};

/** Distinct publication times (lists sort by them; a tie's order is the write's timing). */
const publishedAt = (hour: number): string => new Date(Date.UTC(2024, 0, 15, hour)).toISOString();
const paragraphs = (title: string): BulkArticle['locales']['id']['body'] => [
  { type: 'rich-text', paragraphs: [`${title}: paragraf pertama yang cukup panjang.`, 'Paragraf kedua.'] },
];
const text = (title: string): BulkArticle['locales']['id'] => ({
  title,
  excerpt: `Ringkasan ${title}.`,
  body: paragraphs(title),
});

/**
 * Partial articles (PartialArticle), in two batches: the first all new
 * documents (an Indonesian-only published article, an English-only draft, a
 * published Indonesian version beside an English draft with a related link and
 * a read-also box, an Indonesian-only and an English-only article with author
 * and tags); the second a new article, an English version joining the tagged
 * Indonesian-only article of the first batch (`documentId`: the Document
 * Service, inside the bulk batch), and another new article.
 */
const firstPartials = async (app: TestApp): Promise<PartialArticle[]> => {
  const find = async (uid: typeof AUTHOR_UID | typeof TAG_UID, slug: string): Promise<string> => {
    const row = (await app.strapi.db.query(uid).findOne({ where: { slug, locale: 'id' } })) as {
      documentId: string;
    } | null;
    if (!row) throw new Error(`no ${uid} ${slug}`);
    return row.documentId;
  };
  const corpus = corpusFor();
  const author = await find(AUTHOR_UID, corpus.authors[1]?.id.slug as string);
  const tags = await Promise.all(corpus.tags.slice(0, 3).map((t) => find(TAG_UID, t.id.slug as string)));
  const link = {
    kind: 'read-also' as const,
    locales: { id: { title: 'Baca juga laporan ini' }, en: { title: 'Read this report too' } },
    url: 'https://example.org/laporan',
  };
  const first: PartialArticle[] = [
    {
      key: 'partial:id-only',
      firstPublishedAt: publishedAt(1),
      timeZone: 'Asia/Jakarta',
      sources: [{ name: 'Antara', relation: 'reported-by' }],
      locales: { id: { ...text('Hanya Dalam Bahasa Indonesia'), seo: { metaTitle: 'Hanya Indonesia' } } },
    },
    { key: 'partial:en-draft', status: 'draft', locales: { en: text('An English Only Draft') } },
    {
      key: 'partial:mixed',
      firstPublishedAt: publishedAt(2),
      author,
      tags: [tags[0] as string, tags[1] as string],
      relatedLinks: [link],
      locales: {
        id: { ...text('Terbit Dalam Bahasa Indonesia'), status: 'published' },
        en: {
          ...text('Drafted in English'),
          body: [...paragraphs('Drafted in English'), { type: 'read-also', link: 0 }],
          status: 'draft',
        },
      },
    },
    {
      key: 'partial:tagged',
      firstPublishedAt: publishedAt(3),
      author,
      tags: [tags[2] as string, tags[0] as string],
      locales: {
        id: { ...text('Bertanda Dan Berpenulis'), body: [...paragraphs('Bertanda'), { type: 'read-also', link: 0 }] },
      },
      relatedLinks: [link],
    },
    {
      key: 'partial:en-published',
      firstPublishedAt: publishedAt(4),
      author,
      tags: [tags[1] as string],
      locales: { en: { ...text('Published in English Only'), slug: 'english-only' } },
    },
  ];
  return first;
};

/** The second batch, once the first one's documentIds are known. */
const joiningBatch = (tagged: string, author: string, tags: readonly string[]): PartialArticle[] => [
  { key: 'partial:after', firstPublishedAt: publishedAt(5), locales: { id: text('Sesudah Itu Terbit') } },
  {
    key: 'partial:join',
    documentId: tagged,
    firstPublishedAt: publishedAt(3), // the tagged article's, as the WordPress importer gives a joining translation
    author,
    tags: [...tags],
    locales: { en: { ...text('Tagged and Authored'), status: 'published' } },
  },
  { key: 'partial:closing', status: 'draft', locales: { id: text('Penutup Yang Masih Draf') } },
];

/** Imports the partial articles; returns their documentIds in order. */
const importPartials = async (app: TestApp, via: 'bulk' | 'document-service'): Promise<string[]> => {
  const first = await firstPartials(app);
  const ids = await importArticles(app.strapi, first, { via, batchSize: 10 });
  const tagged = first[3] as PartialArticle;
  const second = joiningBatch(ids[3] as string, tagged.author as string, tagged.tags ?? []);
  return [...ids, ...(await importArticles(app.strapi, second, { via, batchSize: 10 }))];
};
const PARTIALS = 8;

/** The partial articles' rows, drafts included (not public), as comparable text. */
const partialRows = async (app: TestApp, documentIds: readonly string[]): Promise<string[]> => {
  const rows = (await app.strapi.db.query(ARTICLE_UID).findMany({
    where: { documentId: { $in: [...documentIds] } },
    populate: { author: { select: ['slug'] }, tags: { select: ['slug'] }, relatedLinks: { select: ['title'] } },
  })) as Record<string, unknown>[];
  const keep = (r: Record<string, unknown>) => ({
    document: documentIds.indexOf(r.documentId as string),
    locale: r.locale,
    published: r.publishedAt !== null,
    slug: r.slug,
    title: r.title,
    readingTimeMinutes: r.readingTimeMinutes,
    translationStatus: r.translationStatus,
    firstPublishedAt: r.firstPublishedAt ? new Date(r.firstPublishedAt as string).toISOString() : null,
    timeZone: r.timeZone,
    author: (r.author as { slug?: string } | null)?.slug ?? null,
    tags: ((r.tags ?? []) as { slug: string }[]).map((t) => t.slug),
    relatedLinks: ((r.relatedLinks ?? []) as { title: string }[]).map((l) => l.title),
  });
  return rows.map((r) => JSON.stringify(keep(r))).sort();
};

const CONTENT_TABLES = [
  'articles',
  'articles_cmps',
  'articles_author_lnk',
  'articles_tags_lnk',
  'articles_related_links_lnk',
  'related_links',
  'related_links_target_lnk',
  'components_content_rich_texts',
  'components_content_read_alsos',
  'components_content_read_alsos_link_lnk',
  'components_content_sources',
  'components_shared_seos',
  'authors',
  'tags',
  'nr_import_keys',
];

const counts = async (app: TestApp): Promise<Record<string, number>> => {
  const out: Record<string, number> = {};
  for (const table of CONTENT_TABLES) {
    const [row] = (await app.strapi.db.connection(table).count({ n: '*' })) as { n: number | string }[];
    out[table] = Number(row?.n);
  }
  return out;
};

let viaDocuments: Record<string, string>;
let viaBulk: Record<string, string>;
let rowsViaDocuments: string[];
let rowsViaBulk: string[];
let partialIds: string[];
let bulkApp: TestApp;
let bulkIds: string[];
let since: Date;

beforeAll(async () => {
  since = new Date();
  const corpus = corpusFor();
  const reference = await startStrapi();
  try {
    await loadCorpus(reference.strapi, corpus, { via: 'document-service', batchSize: BATCH });
    rowsViaDocuments = await partialRows(reference, await importPartials(reference, 'document-service'));
    viaDocuments = await publicAnswers(reference, since);
  } finally {
    await reference.stop();
  }
  bulkApp = await startStrapi({ env: accountEnv(accounts) });
  bulkIds = (await loadCorpus(bulkApp.strapi, corpus, { via: 'bulk', batchSize: BATCH })).articleIds;
  partialIds = await importPartials(bulkApp, 'bulk');
  rowsViaBulk = await partialRows(bulkApp, partialIds);
  viaBulk = await publicAnswers(bulkApp, since);
}, 900_000);

afterAll(async () => {
  await bulkApp?.stop();
});

describe('bulk import: the same public answers as the Document Service', () => {
  it('answers the same URLs, and enough of them to mean something', () => {
    expect(Object.keys(viaBulk).sort()).toEqual(Object.keys(viaDocuments).sort());
    // 11 published articles × 2 locales × 3 article URLs, plus lists, tags, authors, feeds, sitemaps, GraphQL.
    expect(Object.keys(viaBulk).length).toBeGreaterThan(80);
    const list = JSON.parse(viaBulk['/api/articles?locale=id&pagination[pageSize]=100'] as string) as {
      data: { slug: string; body: { __component: string }[] }[];
    };
    // The draft is not public; the Indonesian partial articles published in id are.
    expect(list.data).toHaveLength(N - 1 + 4);
    const en = JSON.parse(viaBulk['/api/articles?locale=en&pagination[pageSize]=100'] as string) as {
      data: { slug: string; translationStatus: string }[];
    };
    // English: the corpus's, the English-only published article and the joined translation.
    expect(en.data).toHaveLength(N - 1 + 2);
    expect(en.data.find((a) => a.slug === 'english-only')?.translationStatus).toBe('current');
    const slugs = list.data.map((a) => a.slug);
    expect(slugs).toContain('berita-pilihan-redaksi');
    expect(slugs.filter((s) => s.endsWith('-2')).length).toBeGreaterThanOrEqual(1);
  });

  it('every answer is byte for byte equal after normalising ids and timestamps', () => {
    // Each differing URL with the text around its first differing byte: a readable failure.
    const differences = Object.keys(viaDocuments).flatMap((url) => {
      const a = viaDocuments[url] as string;
      const b = viaBulk[url] ?? '';
      if (a === b) return [];
      let i = 0;
      while (a[i] === b[i]) i += 1;
      return [
        { url, documentService: a.slice(Math.max(0, i - 150), i + 150), bulk: b.slice(Math.max(0, i - 150), i + 150) },
      ];
    });
    expect(differences).toEqual([]);
  });

  it("writes the partial articles' rows, drafts included, as the Document Service does", () => {
    expect(rowsViaBulk).toEqual(rowsViaDocuments);
    // id-only 2, en draft 1, mixed 3, tagged 2 + joined en 2, en-only 2, after 2, closing 1.
    expect(rowsViaBulk).toHaveLength(15);
    expect(new Set(partialIds).size).toBe(PARTIALS - 1); // the joining item returns the tagged article's id
    expect(partialIds[6]).toBe(partialIds[3]);
  });

  it('serves the pre-built rich text as written (heading, marks, link, list, quote, image)', () => {
    const rich = Object.entries(viaBulk).find(
      ([url, body]) => url.includes('/api/articles/slug/') && body.includes('Subjudul id'),
    );
    expect(rich).toBeDefined();
    const body = rich?.[1] as string;
    for (const needle of [
      '"type":"heading"',
      '"bold":true',
      '"type":"link"',
      '"type":"list"',
      '"type":"quote"',
      '"type":"image"',
    ]) {
      expect(body).toContain(needle);
    }
  });
});

describe('bulk import: derived state follows each batch', () => {
  // The test imports through its own compiled copy of src/ (ts-jest), as the bench does
  // through bench/dist: the app's after-batch listeners must still run.
  it('indexes the imported articles for search in both locales', async () => {
    for (const locale of ['id', 'en'] as const) {
      const opened = await bulkApp.http().get(`/api/articles/${bulkIds[3] as string}?locale=${locale}`);
      const title = opened.body.data.title as string;
      const res = await bulkApp.http().get('/api/search').query({ q: title, locale, type: 'articles' });
      expect(res.status).toBe(200);
      expect((res.body.data as { documentId: string }[]).map((h) => h.documentId)).toContain(bulkIds[3]);
    }
  });

  it('indexes a published partial article in its locale, and leaves a draft-only one out', async () => {
    const search = async (q: string, locale: string) =>
      (
        (await bulkApp.http().get('/api/search').query({ q, locale, type: 'articles' })).body.data as {
          documentId: string;
        }[]
      ).map((h) => h.documentId);
    expect(await search('Hanya Dalam Bahasa Indonesia', 'id')).toContain(partialIds[0]);
    expect(await search('English Only Draft', 'en')).not.toContain(partialIds[1]);
    expect(await search('Published in English Only', 'en')).toContain(partialIds[4]);
  });
});

describe('bulk import: natural keys', () => {
  it('a second run of the same import creates nothing and changes no answer', async () => {
    const before = await counts(bulkApp);
    expect(before.nr_import_keys).toBe(N + AUTHORS + TAGS + PARTIALS); // articles, authors, tags, partials
    const again = await loadCorpus(bulkApp.strapi, corpusFor(), { via: 'bulk', batchSize: BATCH });
    expect(again.articleIds).toEqual(bulkIds);
    expect(await importPartials(bulkApp, 'bulk')).toEqual(partialIds);
    expect(await counts(bulkApp)).toEqual(before);
    const answers = await publicAnswers(bulkApp, since);
    // The re-run uploaded another cover file: nothing links to it, so no answer changes.
    expect(answers).toEqual(viaBulk);
  }, 300_000);
});

describe('bulk import: an editor works on an imported article', () => {
  it('opens it in the Content Manager, edits and publishes it; the public and the translation status follow', async () => {
    const editor = asAdmin(bulkApp, await adminLogin(bulkApp, accounts.editor.email, accounts.editor.password));
    const documentId = bulkIds[4] as string;
    const list = await editor.get(`${CM}/${ARTICLE_UID}?locale=id&pageSize=100`);
    expect(list.status).toBe(200);
    expect((list.body.results as { documentId: string }[]).map((r) => r.documentId)).toContain(documentId);

    const opened = await editor.get(`${CM}/${ARTICLE_UID}/${documentId}?locale=id`);
    expect(opened.status).toBe(200);
    expect(opened.body.data).toMatchObject({ documentId, locale: 'id', status: 'published' });
    expect((opened.body.data.body as unknown[]).length).toBe(3);

    const edited = await editor
      .put(`${CM}/${ARTICLE_UID}/${documentId}?locale=id`)
      .send({ title: 'Judul diubah redaksi' });
    expect(edited.status).toBe(200);
    expect((await editor.get(`${CM}/${ARTICLE_UID}/${documentId}?locale=id`)).body.data.status).toBe('modified');
    const published = await editor.post(`${CM}/${ARTICLE_UID}/${documentId}/actions/publish?locale=id`).send({});
    expect(published.status).toBe(200);

    const slug = opened.body.data.slug as string;
    const publicId = await bulkApp.http().get(`/api/articles/slug/${slug}?locale=id`);
    expect(publicId.status).toBe(200);
    expect(publicId.body.data.title).toBe('Judul diubah redaksi');
    const en = await bulkApp.http().get(`/api/articles/${documentId}?locale=en`);
    expect(en.body.data.translationStatus).toBe('stale');
  });
});

/**
 * The bulk path checks its input against the schemas itself (src/import/validate.ts)
 * instead of running Strapi's entity validator per row, which took about half of
 * its time (and, as the Document Service does on create, skipped `required` for
 * drafts). Each bad article below is refused, naming the article and the field,
 * and nothing of it is written.
 */
describe('bulk import: bad input is refused, naming the article and the field', () => {
  let serial = 0;
  const valid = (): BulkArticle => {
    const { author: _a, tags: _t, relatedLinks, ...rest } = buildCorpus(1).articles[0] as CorpusArticle;
    return {
      ...rest,
      key: `validation:${(serial += 1)}`,
      relatedLinks: relatedLinks.map(({ target: _target, ...link }) => ({ ...link, url: 'https://example.org/x' })),
    };
  };
  const withText = (patch: (a: BulkArticle) => BulkArticle): BulkArticle => patch(valid());
  const cases: [string, BulkArticle, RegExp][] = [
    [
      'a title over its maxLength',
      withText((a) => ({ ...a, locales: { ...a.locales, id: { ...a.locales.id, title: 'x'.repeat(256) } } })),
      /title must be at most 255 characters/,
    ],
    [
      'a missing English title',
      withText((a) => ({ ...a, locales: { ...a.locales, en: { ...a.locales.en, title: '' } } })),
      /en\.title must be defined/,
    ],
    [
      'a slug outside the uid alphabet',
      withText((a) => ({ ...a, locales: { ...a.locales, id: { ...a.locales.id, slug: 'dua kata' } } })),
      /id\.slug must match/,
    ],
    [
      'an SEO title over its maxLength',
      withText((a) => ({
        ...a,
        locales: { ...a.locales, en: { ...a.locales.en, seo: { metaTitle: 'x'.repeat(71) } } },
      })),
      /en\.seo\.metaTitle must be at most 70 characters/,
    ],
    [
      'a source without a name',
      withText((a) => ({ ...a, sources: [{ name: '', relation: 'reported-by' }] })),
      /sources\[0\]\.name must be defined/,
    ],
    [
      'a source relation outside its enumeration',
      withText((a) => ({ ...a, sources: [{ name: 'Antara', relation: 'rumoured-by' as 'reported-by' }] })),
      /sources\[0\]\.relation must be one of the following values: reported-by, quoted-from/,
    ],
    [
      'a related link kind outside its enumeration',
      withText((a) => ({
        ...a,
        relatedLinks: (a.relatedLinks ?? []).map((l) => ({ ...l, kind: 'rumour' as 'related' })),
      })),
      /relatedLinks\[0\]\.id\.kind must be one of the following values: related, read-also, fact-check/,
    ],
    [
      'a rich-text block that is not one',
      withText((a) => ({
        ...a,
        locales: {
          ...a.locales,
          id: { ...a.locales.id, body: [{ type: 'rich-text', blocks: [{ type: 'marquee', children: [] }] }] },
        },
      })),
      /id\.body\[0\]\[0\] is not a rich-text block/,
    ],
  ];

  it.each(cases)('%s', async (_name, article, message) => {
    const before = await counts(bulkApp);
    const bulk = importArticles(bulkApp.strapi, [article], { via: 'bulk' });
    await expect(bulk).rejects.toThrow(message);
    await expect(bulk).rejects.toThrow(/^article #0 "/);
    expect(await counts(bulkApp)).toEqual(before);
  });

  it("a tag without a row in the article's locale: both paths refuse the article, naming the tag", async () => {
    const docs = bulkApp.strapi.documents(TAG_UID) as unknown as {
      create(p: { data: Record<string, unknown>; locale: string; status: string }): Promise<{ documentId: string }>;
    };
    const tag = await docs.create({
      data: { name: 'Hanya Indonesia', slug: 'hanya-indonesia' },
      locale: 'id',
      status: 'published',
    });
    const before = await counts(bulkApp);
    const article = (via: string): PartialArticle => ({
      key: `missing-locale:${via}`,
      firstPublishedAt: publishedAt(6),
      tags: [tag.documentId],
      locales: { en: text('Tagged Where the Tag Is Not') },
    });
    const message = new RegExp(`Document with id "${tag.documentId}", locale "en" not found`);
    await expect(importArticles(bulkApp.strapi, [article('bulk')], { via: 'bulk' })).rejects.toThrow(message);
    await expect(importArticles(bulkApp.strapi, [article('documents')], { via: 'document-service' })).rejects.toThrow(
      message,
    );
    expect(await counts(bulkApp)).toEqual(before);
  });

  it('the valid article the cases start from is imported by the bulk path', async () => {
    const [documentId] = await importArticles(bulkApp.strapi, [valid()], { via: 'bulk' });
    expect(typeof documentId).toBe('string');
  });
});
