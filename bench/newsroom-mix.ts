/**
 * What the newsroom workload's readers ask for (bench/newsroom.ts): the pages
 * of a news site, in the proportions a news site sees. Most reads are article
 * pages (`GET /api/articles/slug/:slug?locale=…`), drawn from a Zipf
 * distribution (s = 1.1) over all N articles, the newest the most read, in
 * either locale; the rest are the pages the main bench loads (bench/run.ts),
 * in either locale: the REST list, the GraphQL list and the tag page of
 * `topik-1` / `topic-1`. Deterministic for a seed (bench/corpus.ts `prng`).
 */
import { prng } from './corpus';
import { LOCALE_CODES, type LocaleCode } from '../src/lib/locales';

// better-sqlite3 (a dependency of the app) without @types: the part used here.
type Db = {
  prepare(sql: string): { all(...args: unknown[]): unknown[]; get(...args: unknown[]): unknown };
  close(): void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string, options?: { readonly?: boolean }) => Db;

/** The Zipf exponent of article popularity. */
export const ZIPF_S = 1.1;

/** Share of each page kind in the read mix; article pages take the rest. */
export const AGGREGATE_SHARES = { list: 0.06, graphql: 0.05, tag: 0.04 } as const;

/** The tag whose page readers load (the corpus's most used tag), by locale. */
export const TAG_SLUGS: Record<LocaleCode, string> = { id: 'topik-1', en: 'topic-1' };

export type PoolArticle = {
  documentId: string;
  slugs: Record<LocaleCode, string>;
  /** The published excerpt of each locale version (the writer replaces it, bench/newsroom-writer.ts). */
  excerpts: Record<LocaleCode, string>;
};

/** The corpus as readers and the writer see it: articles newest first (Zipf rank 1 first). */
export type Pool = {
  articles: PoolArticle[];
  /** An author and the readers' tag, for the articles the writer creates. */
  authorDocumentId: string;
  tagDocumentId: string;
};

export type Page =
  { kind: 'slug'; locale: LocaleCode; slug: string } | { kind: 'list' | 'graphql' | 'tag'; locale: LocaleCode };

/** Reads the published articles of a bench database (before the CMS serves it). */
export const readPool = (file: string): Pool => {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT document_id, locale, slug, excerpt, first_published_at FROM articles
         WHERE published_at IS NOT NULL ORDER BY first_published_at DESC, id DESC`,
      )
      .all() as { document_id: string; locale: LocaleCode; slug: string; excerpt: string }[];
    const byDocument = new Map<string, Partial<Record<LocaleCode, { slug: string; excerpt: string }>>>();
    const order: string[] = [];
    for (const row of rows) {
      let versions = byDocument.get(row.document_id);
      if (!versions) {
        versions = {};
        byDocument.set(row.document_id, versions);
        order.push(row.document_id);
      }
      versions[row.locale] = { slug: row.slug, excerpt: row.excerpt };
    }
    const articles: PoolArticle[] = [];
    for (const documentId of order) {
      const versions = byDocument.get(documentId) ?? {};
      const { id, en } = versions;
      // Every bench article is published in both locales; one that is not is left out of the mix.
      if (!id || !en) continue;
      articles.push({
        documentId,
        slugs: { id: id.slug, en: en.slug },
        excerpts: { id: id.excerpt, en: en.excerpt },
      });
    }
    const author = db
      .prepare("SELECT document_id FROM authors WHERE locale = 'id' AND published_at IS NOT NULL ORDER BY id LIMIT 1")
      .get() as { document_id: string } | undefined;
    const tag = db
      .prepare("SELECT document_id FROM tags WHERE slug = ? AND locale = 'id' AND published_at IS NOT NULL LIMIT 1")
      .get(TAG_SLUGS.id) as { document_id: string } | undefined;
    if (articles.length === 0 || !author || !tag) throw new Error(`${file} holds no published bench corpus`);
    return { articles, authorDocumentId: author.document_id, tagDocumentId: tag.document_id };
  } finally {
    db.close();
  }
};

/** A sampler of ranks 0…n-1 with P(k) ∝ (k + 1)^-s (inverse transform over the cumulative weights). */
export const zipfSampler = (n: number, s: number, random: () => number): (() => number) => {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k += 1) {
    sum += (k + 1) ** -s;
    cumulative[k] = sum;
  }
  return () => {
    const u = random() * sum;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) < u) low = mid + 1;
      else high = mid;
    }
    return low;
  };
};

/** An endless, seeded sequence of pages in the mix's proportions. */
export const readMix = (pool: Pool, seed: number): (() => Page) => {
  const random = prng(seed);
  const rank = zipfSampler(pool.articles.length, ZIPF_S, random);
  const locale = (): LocaleCode => LOCALE_CODES[Math.floor(random() * LOCALE_CODES.length)] as LocaleCode;
  const { list, graphql, tag } = AGGREGATE_SHARES;
  return () => {
    const u = random();
    if (u < list) return { kind: 'list', locale: locale() };
    if (u < list + graphql) return { kind: 'graphql', locale: locale() };
    if (u < list + graphql + tag) return { kind: 'tag', locale: locale() };
    const article = pool.articles[rank()] as PoolArticle;
    const at = locale();
    return { kind: 'slug', locale: at, slug: article.slugs[at] };
  };
};

export type PageRequest = { method: 'GET' | 'POST'; path: string; body?: string; headers: Record<string, string> };

/** The HTTP request of a page: the main bench's requests (bench/run.ts), in the page's locale. */
export const requestOf = (page: Page, graphqlList: string): PageRequest => {
  switch (page.kind) {
    case 'slug':
      return {
        method: 'GET',
        path: `/api/articles/slug/${encodeURIComponent(page.slug)}?locale=${page.locale}`,
        headers: {},
      };
    case 'list':
      return { method: 'GET', path: `/api/articles?locale=${page.locale}&pagination[pageSize]=20`, headers: {} };
    case 'tag':
      return {
        method: 'GET',
        path: `/api/tags?filters[slug][$eq]=${TAG_SLUGS[page.locale]}&locale=${page.locale}`,
        headers: {},
      };
    case 'graphql':
      return {
        method: 'POST',
        path: '/graphql',
        body: JSON.stringify({ query: graphqlList, variables: { locale: page.locale } }),
        headers: { 'content-type': 'application/json' },
      };
  }
};
