import type { Core, UID } from '@strapi/strapi';
import { ARTICLE_UID, SLUG_SOURCES } from './uids';
import { DEFAULT_LOCALE, LOCALE_CODES } from './locales';
import { toSlug } from './slug';
import type { PartialArticle, TranslatedItem } from '../import/article-shape';
import { titleOf, writeArticleBatch, type BatchItem } from '../import/article-writer';
import { writeTranslatedBatch } from '../import/translated-writer';
import { createTranslated, importArticleViaDocuments } from '../import/document-service';
import { knownKeys, recordKeys } from '../import/keys';
import { afterBatchCommitted } from '../import/after-batch';

/**
 * The project's import path for archives (docs/archive-import.md): many
 * documents written in batched transactions. An article is a `PartialArticle`
 * (src/import/article-shape.ts): one or both locales, each published or a
 * draft, or new locale versions joining an existing document (`documentId`).
 *
 * By default a new document goes through the bulk writer
 * (src/import/article-writer.ts), which writes the rows the Document Service
 * would write, with the project's rules, in a few dozen multi-row statements
 * per batch. An article that joins an existing document goes through the
 * Document Service (src/import/document-service.ts) in the same transaction:
 * adding a locale to a document an editor may have changed since means reading
 * and re-saving what is there (i18n's sync of the non-localized fields, the
 * translation status against the stored source, Strapi's relation reordering),
 * which the Document Service does and the bulk writer would have to copy for a
 * rare item (a later export's translation). A batch stays all or nothing: its
 * items are written in input order, runs of new documents by the bulk writer
 * and each joining article by the Document Service, all in the batch's one
 * transaction. `{ via: 'document-service' }` writes every item through the
 * Document Service instead (the reference the bulk path is tested against).
 *
 * Every item has a natural key within its `source`; a key already imported is
 * skipped (its documentId is returned), so a re-run creates nothing and an
 * interrupted run resumes where it stopped. A batch is one transaction with its
 * keys: all of it is written, or none of it.
 */

export type {
  ArticleSource,
  BulkArticle,
  PartialArticle,
  BulkArticleText,
  BulkBodyBlock,
  BulkRelatedLink,
  Paragraphs,
  RichTextBlocks,
  TranslatedItem,
} from '../import/article-shape';

export type BulkOptions = {
  /** Articles (or documents) per transaction (default 50 through the Document Service, 200 bulk). */
  batchSize?: number;
  /** Called after each committed batch with the number of items done so far (created or skipped). */
  onProgress?: (done: number) => void;
  /** `bulk` (default) or `document-service` (the reference path). */
  via?: 'bulk' | 'document-service';
  /** Namespace of the natural keys (e.g. `wordpress:example.com`); default `import`. */
  source?: string;
  /** importTranslated: a natural key per item (default: the default locale's slug, given or derived). */
  keys?: readonly string[];
};

export type BulkReport = {
  /** documentIds in input order (created now, or found by their key). */
  documentIds: string[];
  /** Items written now (new documents, and articles that joined an existing one). */
  created: number;
  skipped: number;
  /** Input indexes of the skipped items (their key was imported before). */
  skippedIndexes: number[];
};

const DEFAULT_SOURCE = 'import';

const defaultBatch = (options: BulkOptions): number =>
  options.batchSize ?? (options.via === 'document-service' ? 50 : 200);

/**
 * The natural key of an article: its own, or the Indonesian slug (given, or
 * derived from the title), or for an article without an Indonesian version
 * `slug:<locale>:<slug>` of its first locale.
 */
export const articleKey = (article: PartialArticle): string => {
  if (article.key) return article.key;
  const locale = LOCALE_CODES.find((l) => article.locales[l]) ?? DEFAULT_LOCALE;
  const text = article.locales[locale];
  const slug = text?.slug?.trim() || toSlug(text?.title ?? '');
  if (!slug) throw new Error(`article "${text?.title ?? ''}" has no key, slug or title to key it by`);
  return locale === DEFAULT_LOCALE ? `slug:${slug}` : `slug:${locale}:${slug}`;
};

const translatedKey = (uid: UID.ContentType, item: TranslatedItem, index: number, options: BulkOptions): string => {
  const given = options.keys?.[index];
  if (given) return given;
  const data = item[DEFAULT_LOCALE] ?? {};
  const source = (SLUG_SOURCES as Record<string, string>)[uid];
  const slug =
    (typeof data.slug === 'string' && data.slug.trim()) ||
    (source && typeof data[source] === 'string' ? toSlug(data[source]) : '');
  if (!slug) throw new Error(`${uid} #${index} has no key, slug or name to key it by`);
  return `slug:${slug}`;
};

const assertUniqueKeys = (keys: readonly string[], what: string): void => {
  const seen = new Map<string, number>();
  keys.forEach((key, i) => {
    const first = seen.get(key);
    if (first !== undefined) throw new Error(`${what} #${i} has the same natural key as #${first}: "${key}"`);
    seen.set(key, i);
  });
};

/**
 * The batch loop shared by articles and simple documents: per batch, one
 * transaction that skips known keys, writes the rest and records their keys;
 * then, once committed, the after-batch work (cache, search).
 */
const runBatches = async <T>(
  strapi: Core.Strapi,
  uid: string,
  items: readonly T[],
  keys: readonly string[],
  options: BulkOptions,
  write: (trx: Parameters<typeof writeArticleBatch>[1], fresh: { item: T; index: number }[]) => Promise<string[]>,
): Promise<BulkReport> => {
  const source = options.source ?? DEFAULT_SOURCE;
  const batchSize = defaultBatch(options);
  const report: BulkReport = { documentIds: [], created: 0, skipped: 0, skippedIndexes: [] };
  for (let start = 0; start < items.length; start += batchSize) {
    const batch = items.slice(start, start + batchSize).map((item, k) => ({ item, index: start + k }));
    const created: string[] = [];
    const ids = await strapi.db.transaction(async ({ trx }) => {
      const known = await knownKeys(trx, source, uid, keys.slice(start, start + batchSize));
      const fresh = batch.filter(({ index }) => !known.has(keys[index] as string));
      const written = fresh.length > 0 ? await write(trx, fresh) : [];
      const entries = fresh.map(({ index }, k) => ({ key: keys[index] as string, documentId: written[k] as string }));
      await recordKeys(trx, source, uid, entries);
      created.push(...written);
      report.skippedIndexes.push(...batch.filter(({ index }) => known.has(keys[index] as string)).map((b) => b.index));
      const byIndex = new Map(fresh.map(({ index }, k) => [index, written[k] as string]));
      return batch.map(({ index }) => known.get(keys[index] as string) ?? (byIndex.get(index) as string));
    });
    report.documentIds.push(...ids);
    report.created += created.length;
    report.skipped += batch.length - created.length;
    await afterBatchCommitted(strapi, { uid, documentIds: created });
    options.onProgress?.(report.documentIds.length);
  }
  return report;
};

const viaDocuments = async (strapi: Core.Strapi, { article, index }: BatchItem): Promise<string> => {
  try {
    return await importArticleViaDocuments(strapi, article);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`article #${index} "${titleOf(article)}": ${message}`, { cause: error });
  }
};

/**
 * Imports articles (and their related links); returns what was created and
 * skipped. Each batch in input order: runs of new documents through the bulk
 * writer, an article joining an existing document (`documentId`) through the
 * Document Service, in the batch's one transaction (see the module comment).
 */
export const importArticlesReport = async (
  strapi: Core.Strapi,
  articles: readonly PartialArticle[],
  options: BulkOptions = {},
): Promise<BulkReport> => {
  const keys = articles.map(articleKey);
  assertUniqueKeys(keys, 'article');
  return runBatches(strapi, ARTICLE_UID, articles, keys, options, async (trx, fresh) => {
    const ids: string[] = [];
    let run: BatchItem[] = [];
    const flush = async (): Promise<void> => {
      if (run.length > 0) ids.push(...(await writeArticleBatch(strapi, trx, run)));
      run = [];
    };
    for (const { item, index } of fresh) {
      if (options.via !== 'document-service' && !item.documentId) {
        run.push({ article: item, index });
        continue;
      }
      await flush();
      ids.push(await viaDocuments(strapi, { article: item, index }));
    }
    await flush();
    return ids;
  });
};

/**
 * Imports articles in transactions of `batchSize`. Returns their documentIds
 * in input order. A failing article throws (naming its index and title, the
 * Indonesian one when it has one) after its batch rolled back; batches
 * committed before it stay.
 */
export const importArticles = async (
  strapi: Core.Strapi,
  articles: readonly PartialArticle[],
  options: BulkOptions = {},
): Promise<string[]> => (await importArticlesReport(strapi, articles, options)).documentIds;

/**
 * Creates one document per item, each locale version published (authors,
 * tags: scalar fields). Returns the documentIds in input order.
 */
export const importTranslated = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  items: readonly TranslatedItem[],
  options: BulkOptions = {},
): Promise<string[]> => (await importTranslatedReport(strapi, uid, items, options)).documentIds;

export const importTranslatedReport = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  items: readonly TranslatedItem[],
  options: BulkOptions = {},
): Promise<BulkReport> => {
  const keys = items.map((item, i) => translatedKey(uid, item, i, options));
  assertUniqueKeys(keys, uid);
  return runBatches(strapi, uid, items, keys, options, async (trx, fresh) => {
    if (options.via !== 'document-service') return writeTranslatedBatch(strapi, trx, uid, fresh);
    const ids: string[] = [];
    for (const { item } of fresh) ids.push(await createTranslated(strapi, uid, item));
    return ids;
  });
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
