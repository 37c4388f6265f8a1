import fs from 'fs';
import path from 'path';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { gql } from '../helpers/graphql';
import {
  databaseSnapshot,
  newsroomFixture,
  readSeedDocument,
  seedApp,
  SEED_DOCUMENT_PATH,
  type SeedFixture,
  type SeedSummary,
} from '../helpers/seed';
import { errors } from '@strapi/utils';
import { ARTICLE_UID, AUTHOR_UID, RELATED_LINK_UID, TAG_UID } from '../../src/lib/uids';

type Block = { type: string; children: { type: string; text: string }[] };
type Link = { documentId: string; title: string; kind: string; label: string | null; url: string | null };
type RestArticle = {
  documentId: string;
  locale: string;
  title: string;
  slug: string;
  excerpt: string;
  coverCaption: string;
  coverCredit: string;
  firstPublishedAt: string;
  timeZone: string;
  cover: {
    name: string;
    url: string;
    alternativeText: string;
    width: number;
    height: number;
    formats: Record<string, { url: string; width: number }>;
  };
  author: { name: string; slug: string; jobTitle: string };
  tags: { name: string; slug: string }[];
  relatedLinks: Link[];
  sources: { name: string; relation: string; url: string | null }[];
  body: ({ __component: 'content.rich-text'; body: Block[] } | { __component: 'content.read-also'; link: Link })[];
};

const doc = readSeedDocument();
const ORIGINAL_ID_SLUG = 'kim-jong-un-teken-pakta-baru-korut-bisa-ikut-bantu-rusia-serang-ukraina';

const POPULATE = {
  author: true,
  tags: true,
  relatedLinks: true,
  cover: true,
  sources: true,
  body: { on: { 'content.rich-text': true, 'content.read-also': { populate: { link: true } } } },
};

let app: TestApp;
let first: SeedSummary;

const restArticles = async (locale: string): Promise<RestArticle[]> => {
  const res = await app.http().get('/api/articles').query({ locale, populate: POPULATE });
  expect(res.status).toBe(200);
  return res.body.data as RestArticle[];
};

const paragraphsOf = (article: Pick<RestArticle, 'body'>): string[] =>
  article.body.flatMap((b) =>
    b.__component === 'content.rich-text' ? b.body.map((p) => p.children.map((c) => c.text).join('')) : [],
  );

/** "[HOAKS atau FAKTA]: title" as the page shows a fact-check link; the bare title otherwise. */
const asOnPage = (link: Pick<Link, 'kind' | 'label' | 'title'>): string =>
  link.kind.replace(/_/g, '-') === 'fact-check' ? `[${link.label}]: ${link.title}` : link.title;

beforeAll(async () => {
  app = await startStrapi();
  first = await seedApp(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('the seed document', () => {
  it('is committed verbatim (the same bytes as the mission copy when that is present)', () => {
    const mission = path.resolve(__dirname, '../../../shared/seed-documents/000_175bf339afc62747.txt');
    if (fs.existsSync(mission)) {
      expect(fs.readFileSync(SEED_DOCUMENT_PATH)).toEqual(fs.readFileSync(mission));
    }
    expect(doc.readAlsoMarker).toBe('Baca juga:');
    expect(doc.share).toBe('Bagikan');
    expect(doc.relatedHeading).toBe('Berita Terkait');
    expect(doc.related).toHaveLength(10);
  });
});

describe('after a seed, REST', () => {
  it('reports what it created', () => {
    expect(first.failed).toBe(0);
    expect(first.skipped).toBe(0);
    // media 1, author 2, tags 12, related links 22, article 2
    expect(first.created).toBe(1 + 2 + 12 + 22 + 2);
  });

  it('serves the Indonesian article verbatim', async () => {
    const [article, ...others] = await restArticles('id');
    expect(others).toHaveLength(0);
    expect(article).toBeDefined();
    const a = article as RestArticle;
    expect(a.locale).toBe('id');
    expect(a.title).toBe(doc.title);
    expect(a.slug).toBe(ORIGINAL_ID_SLUG);
    expect(paragraphsOf(a)).toEqual(doc.paragraphs);
    expect(paragraphsOf(a)[0]?.startsWith('MerahPutih.com - ')).toBe(true);
    expect(paragraphsOf(a)[2]).toContain('laporan KNCA');
    expect(a.excerpt.length).toBeGreaterThan(0);
    // Caption and credit held apart; together they are the page's caption line.
    expect(`${a.coverCaption} (${a.coverCredit})`).toBe(doc.captionWithCredit);
    expect(a.coverCredit).toBe('ANTARA/KCNA/tm/aa');
    expect(a.author).toMatchObject({ name: doc.author, slug: 'wisnu-cipto', jobTitle: 'Jurnalis' });
    expect(a.firstPublishedAt).toBe('2024-11-11T17:00:00.000Z');
    expect(a.timeZone).toBe('Asia/Jakarta');
  });

  it('keeps the "Baca juga" link in its place between the third and fourth paragraph', async () => {
    const [a] = (await restArticles('id')) as [RestArticle];
    expect(a.body.map((b) => b.__component)).toEqual(['content.rich-text', 'content.read-also', 'content.rich-text']);
    const [before, readAlso, after] = a.body;
    expect(before?.__component === 'content.rich-text' && before.body).toHaveLength(3);
    expect(after?.__component === 'content.rich-text' && after.body).toHaveLength(2);
    expect(readAlso?.__component === 'content.read-also' && readAlso.link).toMatchObject({
      title: doc.readAlso,
      kind: 'read-also',
      label: 'Baca juga',
      url: null,
    });
    expect(JSON.stringify(a.body)).not.toContain('Baca juga:');
    expect(JSON.stringify(a)).not.toContain('Bagikan');
  });

  it('lists the eleven related links in page order: the read-also link, then the ten "Berita Terkait"', async () => {
    const [a] = (await restArticles('id')) as [RestArticle];
    expect(a.relatedLinks.map(asOnPage)).toEqual([doc.readAlso, ...doc.related]);
    expect(a.relatedLinks.map((l) => l.kind)).toEqual([
      'read-also',
      ...doc.related.map((l) => (l.startsWith('[HOAKS atau FAKTA]: ') ? 'fact-check' : 'related')),
    ]);
    const factCheck = a.relatedLinks.find((l) => l.kind === 'fact-check') as Link;
    expect(factCheck.label).toBe('HOAKS atau FAKTA');
    expect(factCheck.title).not.toContain('HOAKS');
    // The seed document has no URLs: none is invented.
    expect(a.relatedLinks.every((l) => l.url === null)).toBe(true);
    // The body's read-also box points at the same document as the first related link.
    const box = a.body[1] as { link: Link };
    expect(box.link.documentId).toBe(a.relatedLinks[0]?.documentId);
  });

  it('has the sources, tags and the placeholder cover with its formats', async () => {
    const [a] = (await restArticles('id')) as [RestArticle];
    expect(a.sources.map(({ name, relation, url }) => ({ name, relation, url }))).toEqual([
      { name: 'KCNA', relation: 'reported-by', url: null },
      { name: 'Antara', relation: 'quoted-from', url: null },
    ]);
    expect(a.tags.map((t) => t.slug)).toEqual([
      'korea-utara',
      'rusia',
      'ukraina',
      'kim-jong-un',
      'vladimir-putin',
      'pakta-pertahanan',
    ]);
    expect(a.cover).toMatchObject({ name: 'placeholder-cover.png', width: 1200, height: 675 });
    expect(a.cover.alternativeText).toMatch(/placeholder/i);
    expect(Object.keys(a.cover.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    const file = await app.http().get(a.cover.formats.thumbnail?.url as string);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
  });

  it('serves the English article with the same document, relations and shared fields', async () => {
    const [id] = (await restArticles('id')) as [RestArticle];
    const [en, ...others] = await restArticles('en');
    expect(others).toHaveLength(0);
    const e = en as RestArticle;
    const fixture = newsroomFixture.articles[0];
    expect(e.documentId).toBe(id.documentId);
    expect(e.locale).toBe('en');
    expect(e.title).toBe(fixture?.locales.en.title);
    expect(e.slug).toBe('kim-jong-un-signs-new-pact-north-korea-may-help-russia-attack-ukraine');
    expect(e.excerpt).toBe(fixture?.locales.en.excerpt);
    expect(paragraphsOf(e)).toEqual(fixture?.body.flatMap((b) => (b.type === 'rich-text' ? b.paragraphs.en : [])));
    expect(paragraphsOf(e)).toHaveLength(5);
    expect(e.coverCaption).toMatch(/^File photo - North Korean leader Kim Jong Un \(left\)/);
    expect(e.coverCredit).toBe('ANTARA/KCNA/tm/aa');
    expect(e.cover.name).toBe('placeholder-cover.png');
    expect(e.author).toMatchObject({ name: 'Wisnu Cipto', jobTitle: 'Journalist' });
    expect(e.firstPublishedAt).toBe('2024-11-11T17:00:00.000Z');
    expect(e.sources).toEqual(id.sources.map((s) => expect.objectContaining({ name: s.name, relation: s.relation })));
    expect(e.tags.map((t) => t.slug)).toEqual([
      'north-korea',
      'russia',
      'ukraine',
      'kim-jong-un',
      'vladimir-putin',
      'defence-pact',
    ]);
    expect(e.relatedLinks).toHaveLength(11);
    expect(e.relatedLinks.map((l) => l.documentId)).toEqual(id.relatedLinks.map((l) => l.documentId));
    expect(e.relatedLinks.map((l) => l.kind)).toEqual(id.relatedLinks.map((l) => l.kind));
    expect(e.relatedLinks[0]).toMatchObject({
      kind: 'read-also',
      label: 'Read also',
      title: expect.stringMatching(/North Korean Troops/),
    });
    expect(e.relatedLinks.find((l) => l.kind === 'fact-check')).toMatchObject({ label: 'HOAX or FACT' });
    expect(e.relatedLinks.every((l, i) => l.title !== id.relatedLinks[i]?.title)).toBe(true);
    expect(e.body.map((b) => b.__component)).toEqual(['content.rich-text', 'content.read-also', 'content.rich-text']);
    expect((e.body[1] as { link: Link }).link.title).toBe(e.relatedLinks[0]?.title);
  });

  it('publishes the author, tags and related links in both locales', async () => {
    for (const locale of ['id', 'en']) {
      for (const [plural, count] of [
        ['authors', 1],
        ['tags', 6],
        ['related-links', 11],
      ] as const) {
        const res = await app.http().get(`/api/${plural}`).query({ locale });
        expect(res.status).toBe(200);
        expect(res.body.meta.pagination.total).toBe(count);
      }
    }
  });
});

describe('after a seed, GraphQL', () => {
  const QUERY = `query($locale: I18NLocaleCode) {
    articles(locale: $locale) {
      documentId locale title slug excerpt coverCaption coverCredit firstPublishedAt timeZone
      cover { name alternativeText formats }
      author { name jobTitle }
      tags { slug name }
      relatedLinks { documentId title kind label url }
      sources { name relation url }
      body {
        __typename
        ... on ComponentContentRichText { body }
        ... on ComponentContentReadAlso { link { documentId title kind label } }
      }
    }
  }`;
  type GqlArticle = Omit<RestArticle, 'body'> & {
    body: (
      { __typename: 'ComponentContentRichText'; body: Block[] } | { __typename: 'ComponentContentReadAlso'; link: Link }
    )[];
  };

  it('returns the article in both locales with the same content as REST', async () => {
    for (const locale of ['id', 'en']) {
      const res = await gql<{ articles: GqlArticle[] }>(app, QUERY, { locale });
      expect(res.errors).toBeUndefined();
      const [g] = res.data?.articles ?? [];
      const [r] = await restArticles(locale);
      expect(g).toBeDefined();
      const a = g as GqlArticle;
      const rest = r as RestArticle;
      expect(a).toMatchObject({
        documentId: rest.documentId,
        locale,
        title: rest.title,
        excerpt: rest.excerpt,
        coverCaption: rest.coverCaption,
        coverCredit: 'ANTARA/KCNA/tm/aa',
        firstPublishedAt: '2024-11-11T17:00:00.000Z',
        timeZone: 'Asia/Jakarta',
        author: { name: 'Wisnu Cipto', jobTitle: rest.author.jobTitle },
      });
      expect(Object.keys(a.cover.formats as object).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
      expect(a.tags.map((t) => t.slug)).toEqual(rest.tags.map((t) => t.slug));
      // GraphQL enum values cannot contain "-": Strapi exposes read-also as read_also.
      const enumValue = (value: string): string => value.replace(/_/g, '-');
      expect(a.relatedLinks.map((l) => [l.documentId, l.title, enumValue(l.kind), l.label])).toEqual(
        rest.relatedLinks.map((l) => [l.documentId, l.title, l.kind, l.label]),
      );
      expect(a.sources.map((s) => [s.name, enumValue(s.relation)])).toEqual([
        ['KCNA', 'reported-by'],
        ['Antara', 'quoted-from'],
      ]);
      const paragraphs = a.body.flatMap((b) =>
        b.__typename === 'ComponentContentRichText' ? b.body.map((p) => p.children.map((c) => c.text).join('')) : [],
      );
      expect(paragraphs).toEqual(paragraphsOf(rest));
      if (locale === 'id') expect(paragraphs).toEqual(doc.paragraphs);
      expect(a.body[1]).toMatchObject({
        __typename: 'ComponentContentReadAlso',
        link: { documentId: rest.relatedLinks[0]?.documentId },
      });
      if (locale === 'id') expect(a.relatedLinks.map(asOnPage)).toEqual([doc.readAlso, ...doc.related]);
    }
  });
});

describe('running the seed again', () => {
  it('creates nothing and changes nothing', async () => {
    const before = await databaseSnapshot(app.strapi);
    const again = await seedApp(app);
    expect(again).toMatchObject({ created: 0, filled: 0, deleted: 0, failed: 0, skipped: first.created });
    expect(await databaseSnapshot(app.strapi)).toEqual(before);
  });

  it("keeps an editor's changes and fills only what is missing", async () => {
    const articles = app.strapi.documents(ARTICLE_UID);
    const [id] = (await restArticles('id')) as [RestArticle];
    // An editor retitles the English version, clears its caption, rewrites the
    // Indonesian standfirst and keeps only two of its tags; both are published.
    await articles.update({
      documentId: id.documentId,
      locale: 'en',
      data: { title: 'Edited English headline', coverCaption: '' },
    });
    await articles.publish({ documentId: id.documentId, locale: 'en' });
    const twoTags = id.tags.slice(0, 2).map((t) => (t as unknown as { documentId: string }).documentId);
    await articles.update({
      documentId: id.documentId,
      locale: 'id',
      data: { excerpt: 'Ringkasan dari editor.', tags: twoTags },
    });
    await articles.publish({ documentId: id.documentId, locale: 'id' });
    // ...retitles a related link in Indonesian...
    const link = id.relatedLinks[2] as Link;
    await app.strapi
      .documents(RELATED_LINK_UID)
      .update({ documentId: link.documentId, locale: 'id', data: { title: 'Judul dari editor' } });
    await app.strapi.documents(RELATED_LINK_UID).publish({ documentId: link.documentId, locale: 'id' });
    // ...and edits an author's job title without publishing it yet.
    const author = id.author as unknown as { documentId: string };
    await app.strapi
      .documents(AUTHOR_UID)
      .update({ documentId: author.documentId, locale: 'en', data: { jobTitle: 'Reporter' } });

    const counts = async () =>
      Promise.all(
        [ARTICLE_UID, AUTHOR_UID, TAG_UID, RELATED_LINK_UID, 'plugin::upload.file' as const].map((uid) =>
          app.strapi.db.query(uid).count(),
        ),
      );
    const countsBefore = await counts();
    const again = await seedApp(app);
    expect(await counts()).toEqual(countsBefore);
    expect(again.created).toBe(0);
    expect(again.filled).toBe(1);
    expect(again.events.filter((e) => e.outcome === 'filled')).toEqual([
      expect.objectContaining({ type: 'article', locale: 'en', detail: 'coverCaption' }),
    ]);

    const [idAfter] = (await restArticles('id')) as [RestArticle];
    const [enAfter] = (await restArticles('en')) as [RestArticle];
    expect(idAfter.excerpt).toBe('Ringkasan dari editor.');
    expect(idAfter.tags.map((t) => t.slug)).toEqual(['korea-utara', 'rusia']);
    expect(enAfter.title).toBe('Edited English headline');
    expect(enAfter.coverCaption).toBe(newsroomFixture.articles[0]?.locales.en.coverCaption);
    expect(paragraphsOf(idAfter)).toEqual(doc.paragraphs);
    expect(idAfter.relatedLinks).toHaveLength(11);
    expect(idAfter.relatedLinks[2]).toMatchObject({ documentId: link.documentId, title: 'Judul dari editor' });
    const draftAuthor = await app.strapi.documents(AUTHOR_UID).findOne({ documentId: author.documentId, locale: 'en' });
    expect(draftAuthor?.jobTitle).toBe('Reporter');
  });

  it("fills a missing field in a draft with unpublished changes without publishing the editor's work", async () => {
    const articles = app.strapi.documents(ARTICLE_UID);
    const [en] = (await restArticles('en')) as [RestArticle];
    // Work in progress: a new headline and an emptied standfirst, not published.
    await articles.update({ documentId: en.documentId, locale: 'en', data: { title: 'Draft headline', excerpt: '' } });

    const again = await seedApp(app);
    expect(again.events.filter((e) => e.outcome !== 'skipped')).toEqual([
      expect.objectContaining({
        type: 'article',
        locale: 'en',
        outcome: 'filled',
        detail: expect.stringMatching(/^excerpt \(draft only/),
      }),
    ]);
    const draft = await articles.findOne({ documentId: en.documentId, locale: 'en', status: 'draft' });
    expect(draft).toMatchObject({ title: 'Draft headline', excerpt: newsroomFixture.articles[0]?.locales.en.excerpt });
    const [published] = (await restArticles('en')) as [RestArticle];
    expect(published.title).toBe(en.title);
    expect(published.excerpt).toBe(en.excerpt);
  });
});

describe('a broken fixture', () => {
  const broken = (edit: (f: { -readonly [K in keyof SeedFixture]: unknown[] }) => void): SeedFixture => {
    const copy = structuredClone(newsroomFixture) as unknown as { -readonly [K in keyof SeedFixture]: unknown[] };
    edit(copy);
    return copy as unknown as SeedFixture;
  };

  it('with a missing title fails naming the record and field, and writes nothing', async () => {
    const before = await databaseSnapshot(app.strapi);
    const fixture = broken((f) => {
      const article = f.articles[0] as { locales: { en: { title?: string } } };
      delete article.locales.en.title;
    });
    await expect(seedApp(app, fixture)).rejects.toThrow(
      /Invalid seed fixture: articles\[0\] "Kim Jong Un Teken Pakta.*", field "locales\.en\.title": is missing/,
    );
    expect(await databaseSnapshot(app.strapi)).toEqual(before);
  });

  it('with a bad URL fails naming the record and field, and writes nothing', async () => {
    const before = await databaseSnapshot(app.strapi);
    const fixture = broken((f) => {
      (f.relatedLinks[3] as { url?: string }).url = 'javascript:alert(1)';
    });
    await expect(seedApp(app, fixture)).rejects.toThrow(
      /Invalid seed fixture: relatedLinks\[3\] "Misterius Banget.*", field "url": .*must use http or https/,
    );
    expect(await databaseSnapshot(app.strapi)).toEqual(before);
  });

  it('that fails while an article is written leaves no half-written article and no uploaded file', async () => {
    const uploads = path.join(app.dir, 'public', 'uploads');
    const filesBefore = fs.readdirSync(uploads).sort();
    const before = await databaseSnapshot(app.strapi);
    // A new article with a new cover, tag and link; the English version's write fails.
    const fixture = broken((f) => {
      const media = { ...(f.media[0] as object), name: 'uji-cover.png' };
      f.media.push(media);
      f.tags.push({ locales: { id: { name: 'Uji', slug: 'uji' }, en: { name: 'Test', slug: 'test' } } });
      f.relatedLinks.push({ kind: 'related', locales: { id: { title: 'Tautan uji' }, en: { title: 'Test link' } } });
      const article = structuredClone(f.articles[0]) as {
        locales: Record<string, { slug: string; title: string }>;
        tags: string[];
        relatedLinks: string[];
      };
      article.locales.id = { ...article.locales.id, slug: 'artikel-uji', title: 'Artikel uji' } as {
        slug: string;
        title: string;
      };
      article.locales.en = { ...article.locales.en, slug: 'test-article', title: 'Test article' } as {
        slug: string;
        title: string;
      };
      (article as { cover?: string }).cover = 'uji-cover.png';
      article.tags = ['uji'];
      article.relatedLinks = ['Tautan uji'];
      f.articles = [article];
    });
    let failing = true;
    app.strapi.documents.use(async (ctx, next) => {
      const data = (ctx.params as { data?: { title?: string } }).data;
      if (failing && ctx.uid === ARTICLE_UID && ctx.action === 'create' && data?.title === 'Test article') {
        // Shaped like the ValidationError Strapi's own validators throw.
        throw new errors.ValidationError('simulated failure while writing the English version', {
          errors: [{ path: ['title'], message: 'simulated failure', name: 'ValidationError' }],
        });
      }
      return next();
    });
    const log: string[] = [];
    try {
      await expect(seedApp(app, fixture, { log: (line) => log.push(line) })).rejects.toThrow(
        'Could not write article "artikel-uji" (en), field "title": simulated failure while writing the English version',
      );
    } finally {
      failing = false;
    }
    // The writes did happen before the failure, and were rolled back.
    expect(log).toEqual(
      expect.arrayContaining([
        'created media "uji-cover.png"',
        'created tag "uji" (id)',
        'created article "artikel-uji" (id)',
        expect.stringMatching(
          /^failed {2}article "artikel-uji": Could not write article "artikel-uji" \(en\), field "title"/,
        ),
      ]),
    );
    expect(await databaseSnapshot(app.strapi)).toEqual(before);
    expect(fs.readdirSync(uploads).sort()).toEqual(filesBefore);
  });
});

describe('--reset', () => {
  it("rebuilds the seed's own documents from the fixture and leaves other content alone", async () => {
    const [idBefore] = (await restArticles('id')) as [RestArticle];
    const other = await app.strapi
      .documents(TAG_UID)
      .create({ data: { name: 'Tag editor' }, locale: 'id', status: 'published' });
    const filesBefore = await app.strapi.db.query('plugin::upload.file').count();

    const reset = await seedApp(app, newsroomFixture, { reset: true });
    // article, author, 6 tags and 11 links deleted (all locales), then written again;
    // the upload is reused, not uploaded twice.
    expect(reset).toMatchObject({ deleted: 1 + 1 + 6 + 11, created: first.created - 1, failed: 0 });
    expect(await app.strapi.db.query('plugin::upload.file').count()).toBe(filesBefore);

    const [id] = (await restArticles('id')) as [RestArticle];
    const [en] = (await restArticles('en')) as [RestArticle];
    expect(id.documentId).not.toBe(idBefore.documentId);
    expect(en.documentId).toBe(id.documentId);
    expect(id.excerpt).toBe(newsroomFixture.articles[0]?.locales.id.excerpt);
    expect(en.title).toBe(newsroomFixture.articles[0]?.locales.en.title);
    expect(paragraphsOf(id)).toEqual(doc.paragraphs);
    expect(id.relatedLinks.map(asOnPage)).toEqual([doc.readAlso, ...doc.related]);
    expect(en.relatedLinks).toHaveLength(11);
    expect(id.firstPublishedAt).toBe('2024-11-11T17:00:00.000Z');
    expect(en.firstPublishedAt).toBe('2024-11-11T17:00:00.000Z');
    expect(await app.strapi.documents(TAG_UID).findOne({ documentId: other.documentId, locale: 'id' })).not.toBeNull();
    for (const [uid, count] of [
      [ARTICLE_UID, 4],
      [AUTHOR_UID, 4],
      [TAG_UID, 24 + 2],
      [RELATED_LINK_UID, 44],
    ] as const) {
      expect(await app.strapi.db.query(uid).count()).toBe(count);
    }
  });
});
