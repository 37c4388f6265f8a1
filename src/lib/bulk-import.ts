import type { Core, UID } from '@strapi/strapi';
import { ARTICLE_UID, RELATED_LINK_UID } from './uids';
import { DEFAULT_LOCALE, LOCALE_CODES, type LocaleCode } from './locales';

/**
 * The project's import path: many articles (both locales, with author, tags,
 * related links and cover) written through Strapi's Document Service, so that
 * every rule of the CMS (slugs, translation status, reading time, related-link
 * rules, Strapi's own validation and publication) applies exactly as for an
 * editor's write. Writes are grouped in database transactions of `batchSize`
 * articles: a failed batch leaves nothing of itself behind, and SQLite commits
 * once per batch instead of once per statement.
 */

export type Paragraphs = readonly string[];
export type BulkBodyBlock =
  | { type: 'rich-text'; paragraphs: Paragraphs }
  | { type: 'read-also'; link: number }
  /** A rich-text entry whose Strapi "blocks" JSON the caller built (headings, lists, links, images…). */
  | { type: 'rich-text'; blocks: readonly unknown[] };

export type BulkArticleText = {
  title: string;
  /** Optional: the slug middleware derives one from the title when missing. */
  slug?: string;
  excerpt: string;
  coverCaption?: string;
  body: readonly BulkBodyBlock[];
  seo?: { metaTitle?: string; metaDescription?: string };
};

export type BulkRelatedLink = {
  kind: 'related' | 'read-also' | 'fact-check';
  locales: Record<LocaleCode, { title: string; label?: string }>;
  /** External URL, or… */
  url?: string;
  /** …documentId of an article of this site (already imported). */
  target?: string;
};

export type BulkArticle = {
  locales: Record<LocaleCode, BulkArticleText>;
  firstPublishedAt: string;
  timeZone?: string;
  coverCredit?: string;
  /** Upload file id (shared by both locales). */
  cover?: number;
  /** documentId of an author. */
  author?: string;
  /** documentIds of tags. */
  tags?: readonly string[];
  /** The article's own "Berita Terkait" links, created with it; `read-also` body blocks point into this list. */
  relatedLinks?: readonly BulkRelatedLink[];
  sources?: readonly { name: string; relation: 'reported-by' | 'quoted-from'; url?: string }[];
};

/**
 * What an importer of existing content (WordPress) needs beyond BulkArticle:
 * some locales only, each published or a draft, no `firstPublishedAt` for a
 * story never published, or new locale versions joining an existing document.
 * Every BulkArticle is a BulkArticleInput.
 */
export type BulkArticleInput = Omit<BulkArticle, 'locales' | 'firstPublishedAt'> & {
  /** At least one locale. */
  locales: Partial<Record<LocaleCode, BulkArticleText & { status?: 'published' | 'draft' }>>;
  firstPublishedAt?: string;
  /** Add these locale versions to this existing document instead of creating one. */
  documentId?: string;
};

export type BulkOptions = {
  /** Articles per transaction (default 50). */
  batchSize?: number;
  /** Called after each committed batch with the number of articles written so far. */
  onProgress?: (done: number) => void;
};

type DocService = {
  create(p: {
    data: Record<string, unknown>;
    locale: string;
    fields: string[];
    populate: never[];
  }): Promise<{ documentId: string }>;
  publish(p: { documentId: string; locale: string }): Promise<unknown>;
};

const toBlocks = (paragraphs: Paragraphs): unknown[] =>
  paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

/**
 * Creates one document per item, each locale version published; the first
 * locale of LOCALE_CODES (the default) is created first and the others join
 * its document. Returns the documentIds in input order.
 */
export const importTranslated = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  items: readonly Record<LocaleCode, Record<string, unknown>>[],
  options: BulkOptions = {},
): Promise<string[]> => {
  const ids: string[] = [];
  const batchSize = options.batchSize ?? 50;
  for (let start = 0; start < items.length; start += batchSize) {
    const batch = items.slice(start, start + batchSize);
    await strapi.db.transaction(async () => {
      for (const item of batch) ids.push(await createTranslated(strapi, uid, item));
    });
    options.onProgress?.(ids.length);
  }
  return ids;
};

/**
 * One document, every locale: the drafts are created one by one (the default
 * locale first, the others join its document), then all locale versions are
 * published by a single `publish` call — the same end state as creating each
 * with `status: 'published'`, with one deep read and one relation sync for the
 * whole document instead of one per locale.
 */
const createTranslated = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  versions: Partial<Record<LocaleCode, Record<string, unknown>>>,
  drafts: readonly LocaleCode[] = [],
  existing?: string,
): Promise<string> => {
  const docs = strapi.documents(uid) as unknown as DocService;
  let documentId: string | undefined = existing;
  const written = LOCALE_CODES.filter((locale) => versions[locale] !== undefined);
  for (const locale of written) {
    const data = documentId ? { ...versions[locale], documentId } : versions[locale];
    const created = await docs.create({
      data: data as Record<string, unknown>,
      locale,
      fields: ['documentId'],
      populate: [],
    });
    documentId ??= created.documentId;
  }
  const published = written.filter((locale) => !drafts.includes(locale));
  if (published.length === LOCALE_CODES.length) await docs.publish({ documentId: documentId as string, locale: '*' });
  else for (const locale of published) await docs.publish({ documentId: documentId as string, locale });
  return documentId as string;
};

const articleVersion = (
  article: BulkArticleInput,
  locale: LocaleCode,
  links: readonly string[],
): Record<string, unknown> | undefined => {
  const text = article.locales[locale];
  if (!text) return undefined;
  return {
    title: text.title,
    ...(text.slug ? { slug: text.slug } : {}),
    excerpt: text.excerpt,
    body: text.body.map((block) =>
      block.type === 'read-also'
        ? { __component: 'content.read-also', link: links[block.link] ?? null }
        : {
            __component: 'content.rich-text',
            body: 'blocks' in block ? [...block.blocks] : toBlocks(block.paragraphs),
          },
    ),
    ...(text.coverCaption ? { coverCaption: text.coverCaption } : {}),
    ...(text.seo ? { seo: { ...text.seo } } : {}),
    ...(article.cover !== undefined ? { cover: article.cover } : {}),
    ...(article.coverCredit ? { coverCredit: article.coverCredit } : {}),
    ...(article.author ? { author: article.author } : {}),
    tags: [...(article.tags ?? [])],
    relatedLinks: [...links],
    sources: (article.sources ?? []).map((s) => ({ ...s })),
    ...(article.timeZone ? { timeZone: article.timeZone } : {}),
    ...(article.firstPublishedAt ? { firstPublishedAt: new Date(article.firstPublishedAt).toISOString() } : {}),
  };
};

/** Writes one article: its related links, then each locale version (published). Returns its documentId. */
export const importArticle = async (strapi: Core.Strapi, article: BulkArticleInput): Promise<string> => {
  const links: string[] = [];
  for (const link of article.relatedLinks ?? []) {
    const versions = Object.fromEntries(
      LOCALE_CODES.map((locale) => [
        locale,
        {
          title: link.locales[locale].title,
          kind: link.kind,
          ...(link.locales[locale].label ? { label: link.locales[locale].label } : {}),
          ...(link.url ? { url: link.url } : {}),
          ...(link.target ? { target: link.target } : {}),
        },
      ]),
    ) as unknown as Record<LocaleCode, Record<string, unknown>>;
    links.push(await createTranslated(strapi, RELATED_LINK_UID, versions));
  }
  const versions = Object.fromEntries(
    LOCALE_CODES.map((locale) => [locale, articleVersion(article, locale, links)]),
  ) as Partial<Record<LocaleCode, Record<string, unknown>>>;
  const drafts = LOCALE_CODES.filter((locale) => article.locales[locale]?.status === 'draft');
  return createTranslated(strapi, ARTICLE_UID, versions, drafts, article.documentId);
};

/**
 * Imports articles in transactions of `batchSize`. Returns their documentIds
 * in input order. A failing article throws (naming its index and Indonesian
 * title) after its batch rolled back; batches committed before it stay.
 */
export const importArticles = async (
  strapi: Core.Strapi,
  articles: readonly BulkArticleInput[],
  options: BulkOptions = {},
): Promise<string[]> => {
  const ids: string[] = [];
  const batchSize = options.batchSize ?? 50;
  for (let start = 0; start < articles.length; start += batchSize) {
    const batch = articles.slice(start, start + batchSize);
    const batchIds: string[] = [];
    await strapi.db.transaction(async () => {
      for (const [i, article] of batch.entries()) {
        try {
          batchIds.push(await importArticle(strapi, article));
        } catch (error) {
          const title = (article.locales[DEFAULT_LOCALE] ?? Object.values(article.locales)[0])?.title;
          throw new Error(
            `article #${start + i} "${title}": ${error instanceof Error ? error.message : String(error)}`,
            {
              cause: error,
            },
          );
        }
      }
    });
    ids.push(...batchIds);
    options.onProgress?.(ids.length);
  }
  return ids;
};

type RawResult = unknown;
type Raw = { raw(sql: string): Promise<RawResult> };

/**
 * Runs an import with SQLite tuned for bulk writes: write-ahead log and
 * `synchronous=NORMAL` (durable at each checkpoint instead of each commit;
 * a crash can lose only the last batches, never corrupt the file). The
 * journal mode is set back afterwards, so the file is left as it was found
 * (readable by read-only clients without a -wal file). PostgreSQL: no change.
 */
export const withImportPragmas = async <T>(strapi: Core.Strapi, fn: () => Promise<T>): Promise<T> => {
  if (strapi.db.dialect.client !== 'sqlite') return fn();
  const db = strapi.db.connection as unknown as Raw;
  const rows = (await db.raw('PRAGMA journal_mode')) as { journal_mode?: string }[];
  const journal = rows[0]?.journal_mode ?? 'delete';
  await db.raw('PRAGMA journal_mode = WAL');
  await db.raw('PRAGMA synchronous = NORMAL');
  try {
    return await fn();
  } finally {
    await db.raw('PRAGMA synchronous = FULL');
    await db.raw(`PRAGMA journal_mode = ${/^[a-z]+$/i.test(journal) ? journal : 'delete'}`);
  }
};
