import type { Core, UID } from '@strapi/strapi';
import { ARTICLE_UID, RELATED_LINK_UID } from '../../src/lib/uids';
import { DEFAULT_LOCALE, LOCALE_CODES, type LocaleCode } from '../../src/lib/locales';
import { toBlocks } from '../../src/lib/blocks';

/**
 * The WordPress importer's article writer, through Strapi's Document Service.
 * A WordPress post is often in one language only, and a Polylang pair can be a
 * published Indonesian post beside an English draft, or a translation that joins
 * an article imported earlier: the bulk path (src/lib/bulk-import.ts) writes
 * whole bilingual documents with one status, so these inputs go through the
 * Document Service here, where every rule of the CMS applies as for an editor's
 * write. Batches are transactions: all or nothing. Authors and tags use the bulk
 * path's importTranslated. Moving articles onto the bulk path needs it to accept
 * partial locales, per-locale status and an existing documentId (issue 13).
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
