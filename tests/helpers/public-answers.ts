import type { TestApp } from './strapi';

/**
 * Every public answer of a site, as normalised text, for comparing two
 * databases that hold the same content written by different paths: REST
 * lists, every article by slug (with its JSON-LD and related articles), tag
 * and author pages, GraphQL, feeds and sitemaps, in both locales.
 *
 * Normalised: numeric `id`s dropped; each documentId replaced by a name that
 * says which document it is (`<article:slug>`), so a link to the wrong
 * document still differs; datetimes written by the run (from `since` on) and
 * upload hashes masked. Everything else is compared as sent, byte for byte.
 */

const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g;
const RFC822 = /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} (?:GMT|[+-]\d{4})/g;
const UPLOAD_HASH = /_[0-9a-f]{10}(?=\.\w+|")/g;

export type Names = Map<string, string>;

/** documentId → a stable name, from the REST lists of both locales. */
export const documentNames = async (app: TestApp): Promise<Names> => {
  const names: Names = new Map();
  for (const type of ['articles', 'authors', 'tags', 'related-links']) {
    for (const locale of ['id', 'en']) {
      for (let page = 1; ; page += 1) {
        const res = await app
          .http()
          .get(`/api/${type}?locale=${locale}&pagination[pageSize]=100&pagination[page]=${page}`);
        const body = res.body as {
          data: { documentId: string; slug?: string; title?: string }[];
          meta: { pagination: { pageCount: number } };
        };
        for (const d of body.data) {
          if (locale === 'id' || !names.has(d.documentId)) names.set(d.documentId, `<${type}:${d.slug ?? d.title}>`);
        }
        if (page >= body.meta.pagination.pageCount) break;
      }
    }
  }
  return names;
};

const normaliseJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(normaliseJson);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // An upload (cover, avatar): each database uploaded its own copy, named by its file name.
    const upload = typeof record.url === 'string' && record.url.startsWith('/uploads/');
    // Strapi's upload plugin makes an image's formats concurrently and stores them in the order they finish,
    // so `formats` of the same image uploaded twice can list thumbnail/small/medium/large in another order.
    const formats = upload && record.formats && typeof record.formats === 'object' ? record.formats : undefined;
    const source = formats
      ? { ...record, formats: Object.fromEntries(Object.entries(formats).sort(([a], [b]) => a.localeCompare(b))) }
      : record;
    return Object.fromEntries(
      Object.entries(source)
        .filter(([key]) => key !== 'id')
        .map(([key, v]) => [
          key,
          upload && key === 'documentId' ? `<upload:${String(record.name)}>` : normaliseJson(v),
        ]),
    );
  }
  return value;
};

export const normalise = (text: string, names: Names, since: number): string => {
  let out = text;
  for (const [documentId, name] of names) out = out.split(documentId).join(name);
  const mask = (match: string): string => (Date.parse(match) >= since ? '<written by the run>' : match);
  return out.replace(ISO, mask).replace(RFC822, mask).replace(UPLOAD_HASH, '_<hash>');
};

const LIST_QUERY = `query List($locale: I18NLocaleCode) {
  articles(locale: $locale, pagination: { pageSize: 50 }) {
    documentId title slug excerpt firstPublishedAt locale readingTimeMinutes translationStatus coverCaption coverCredit
    cover { url alternativeText } author { name slug jobTitle } tags { name slug }
    relatedLinks { title kind label url target { slug } }
    sources { name relation url } seo { metaTitle metaDescription }
    body { __typename ... on ComponentContentRichText { body } ... on ComponentContentReadAlso { link { title url } } }
  }
}`;

export const publicAnswers = async (app: TestApp, since: Date): Promise<Record<string, string>> => {
  const names = await documentNames(app);
  const t = since.getTime();
  const answers: Record<string, string> = {};
  const fetchText = async (url: string): Promise<void> => {
    const res = await app
      .http()
      .get(url)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${String(res.body).slice(0, 300)}`);
    const text = res.body as string;
    const isJson = /json/.test(String(res.headers['content-type']));
    // JSON: ids dropped from the parsed value, then re-serialised in the key order it was sent in.
    answers[url] = normalise(isJson ? JSON.stringify(normaliseJson(JSON.parse(text))) : text, names, t);
  };
  for (const locale of ['id', 'en']) {
    await fetchText(`/api/articles?locale=${locale}&pagination[pageSize]=100`);
    for (const type of ['authors', 'tags', 'related-links']) {
      await fetchText(
        `/api/${type}?locale=${locale}&pagination[pageSize]=100&sort=${type === 'related-links' ? 'title' : 'slug'}:asc`,
      );
    }
    const list = JSON.parse(answers[`/api/articles?locale=${locale}&pagination[pageSize]=100`] ?? '{}') as {
      data: { slug: string; tags: { slug: string }[]; author: { slug: string } | null }[];
    };
    const tags = new Set<string>();
    const authors = new Set<string>();
    for (const article of list.data) {
      await fetchText(`/api/articles/slug/${article.slug}?locale=${locale}`);
      await fetchText(`/api/articles/slug/${article.slug}/json-ld?locale=${locale}`);
      await fetchText(`/api/articles/slug/${article.slug}/related?locale=${locale}`);
      for (const tag of article.tags ?? []) tags.add(tag.slug);
      if (article.author) authors.add(article.author.slug);
    }
    for (const tag of [...tags].sort()) {
      await fetchText(`/api/tags?filters[slug][$eq]=${tag}&locale=${locale}`);
      await fetchText(`/api/articles?filters[tags][slug][$eq]=${tag}&locale=${locale}&pagination[pageSize]=100`);
    }
    for (const author of [...authors].sort()) {
      await fetchText(`/api/authors?filters[slug][$eq]=${author}&locale=${locale}`);
      await fetchText(`/api/articles?filters[author][slug][$eq]=${author}&locale=${locale}&pagination[pageSize]=100`);
    }
    await fetchText(`/feeds/${locale}.xml`);
    await fetchText(`/feeds/${locale}.json`);
    const gql = await app
      .http()
      .post('/graphql')
      .set('content-type', 'application/json')
      .send({ query: LIST_QUERY, variables: { locale } });
    if (gql.status !== 200 || gql.body.errors)
      throw new Error(`GraphQL ${locale}: ${gql.status} ${JSON.stringify(gql.body.errors)}`);
    answers[`graphql ${locale}`] = normalise(JSON.stringify(normaliseJson(gql.body)), names, t);
  }
  await fetchText('/api/articles/translations/missing?locale=en');
  await fetchText('/sitemap.xml');
  await fetchText('/news-sitemap.xml');
  return answers;
};
