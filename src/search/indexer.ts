import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { LOCALE_CODES, type LocaleCode } from '../lib/locales';
import { ARTICLE_UID } from '../lib/uids';
import { runtimeOf } from '../runtime';
import { clearIndex, findIndexed, keyString, removeIndexed, writeSources } from './index-writer';
import { dialectOf } from './schema';
import { ALL_KEY } from '../cache/store';
import { loadSources, SEARCH_TYPES, UID_OF_TYPE, type SearchSource, type SearchType } from './sources';

/** Documents read from Strapi per round trip, and written to the index together, when (re)indexing many. */
const CHUNK = 200;

/** What one indexing pass changed: the keys whose title changed, appeared or went (renames of authors and tags). */
type Changes = { renamed: boolean };

const inTransaction = async <T>(strapi: Core.Strapi, work: (trx: Knex) => Promise<T>): Promise<T> =>
  // Nested inside a Document Service call (or a bulk batch), this joins that transaction.
  (await strapi.db.transaction(({ trx }: { trx: Knex.Transaction }) => work(trx))) as T;

const chunks = <T>(list: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/**
 * The published versions of these documents, locale by locale and in the
 * order of `documentIds` within each (the order their new index rows get
 * their ids in).
 */
const sourcesOf = async (
  strapi: Core.Strapi,
  type: SearchType,
  documentIds: readonly string[],
  locales: readonly LocaleCode[],
): Promise<SearchSource[]> => {
  const sources: SearchSource[] = [];
  for (const locale of locales) {
    const byId = new Map((await loadSources(strapi, type, documentIds, locale)).map((s) => [s.documentId, s]));
    for (const documentId of documentIds) {
      const source = byId.get(documentId);
      if (source) sources.push(source);
    }
  }
  return sources;
};

/**
 * Indexes one chunk (up to CHUNK documents, in every given locale) in a fixed
 * number of statements, not a few per version: one SELECT of the chunk's
 * existing index rows (id and title), then writeSources (one upsert of all
 * the document rows; on SQLite one FTS delete and one FTS insert; the chunk's
 * vocabulary, deduplicated, in one insert — each cut into slices only past
 * the bound-parameter limits), then one delete of the rows whose version went
 * (on SQLite with one of their FTS rows). No statement runs for nothing: a
 * chunk without removals deletes nothing.
 */
const indexChunk = async (
  strapi: Core.Strapi,
  trx: Knex,
  type: SearchType,
  documentIds: readonly string[],
  locales: readonly LocaleCode[],
): Promise<Changes> => {
  const dialect = dialectOf(strapi);
  const sources = await sourcesOf(strapi, type, documentIds, locales);
  const before = await findIndexed(trx, dialect, type, documentIds, locales);
  const after = new Map(sources.map((s) => [keyString(s), s]));
  await writeSources(trx, dialect, sources);
  await removeIndexed(
    trx,
    dialect,
    [...before].filter(([key]) => !after.has(key)).map(([, row]) => row.id),
  );
  let renamed = false;
  for (const locale of locales) {
    for (const documentId of documentIds) {
      const key = keyString({ type, documentId, locale });
      if ((before.get(key)?.title ?? null) !== (after.get(key)?.title ?? null)) renamed = true;
    }
  }
  return { renamed };
};

/**
 * The published articles (any locale) that carry this author or tag, by
 * documentId: their index rows hold its name.
 */
export const articlesOf = async (
  strapi: Core.Strapi,
  type: 'authors' | 'tags',
  documentIds: readonly string[],
): Promise<string[]> => {
  if (documentIds.length === 0) return [];
  const relation = type === 'authors' ? 'author' : 'tags';
  const rows = (await strapi.db.query(ARTICLE_UID).findMany({
    select: ['documentId'],
    where: { [relation]: { documentId: { $in: [...documentIds] } } },
  })) as { documentId: string }[];
  return [...new Set(rows.map((r) => r.documentId))];
};

/**
 * Brings the index rows of these documents in line with their published
 * versions, in every locale (or the given ones): a published version is
 * (re)written, a missing one (draft only, unpublished, deleted) removed. When
 * an author's or tag's name changed, appeared or went, its articles are
 * re-indexed too (`alsoArticles`: articles that carried it before the write).
 * Runs in the caller's transaction when there is one, otherwise in its own.
 */
export const indexDocuments = (
  strapi: Core.Strapi,
  type: SearchType,
  documentIds: readonly string[],
  options: { locales?: readonly LocaleCode[]; alsoArticles?: readonly string[] } = {},
): Promise<void> =>
  inTransaction(strapi, async (trx) => {
    const ids = [...new Set(documentIds)];
    const locales = options.locales ?? LOCALE_CODES;
    let renamed = false;
    for (const chunk of chunks(ids, CHUNK)) {
      const changes = await indexChunk(strapi, trx, type, chunk, locales);
      renamed ||= changes.renamed;
    }
    if (renamed && type !== 'articles') {
      const articles = new Set([...(options.alsoArticles ?? []), ...(await articlesOf(strapi, type, ids))]);
      for (const chunk of chunks([...articles], CHUNK)) await indexChunk(strapi, trx, 'articles', chunk, LOCALE_CODES);
    }
  });

/**
 * For bulk imports: index what one committed (or committing) batch wrote, by
 * type. Call it inside the batch's transaction to make the index part of it,
 * or right after its commit.
 */
export const indexMany = async (
  strapi: Core.Strapi,
  batch: Partial<Record<SearchType, readonly string[]>>,
): Promise<void> => {
  for (const type of SEARCH_TYPES) {
    const ids = batch[type];
    if (ids && ids.length > 0) await indexDocuments(strapi, type, ids);
  }
};

/**
 * Rebuilds the whole index from the published content (`npm run search:reindex`),
 * in one transaction: readers see the old index until it commits. Then purges
 * every response-cache entry (shared through Redis). A Redis that is down must
 * not stop a boot or a reindex: the purge is then logged, as the write path's is
 * (the outage rule of src/redis/connection.ts; entries are bounded by the TTL).
 */
export const reindexAll = async (strapi: Core.Strapi): Promise<Record<SearchType, number>> => {
  const counts = await rebuild(strapi);
  try {
    await runtimeOf(strapi).responseStore?.purge([ALL_KEY]);
  } catch (error) {
    strapi.log.error(`[search] reindexed, but could not purge the response cache: ${(error as Error).message}`);
  }
  return counts;
};

const rebuild = (strapi: Core.Strapi): Promise<Record<SearchType, number>> =>
  inTransaction(strapi, async (trx) => {
    const dialect = dialectOf(strapi);
    await clearIndex(trx, dialect);
    const counts = { articles: 0, authors: 0, tags: 0 };
    for (const type of SEARCH_TYPES) {
      const rows = (await strapi.db.query(UID_OF_TYPE[type]).findMany({
        select: ['documentId'],
        where: { publishedAt: { $notNull: true } },
      })) as { documentId: string }[];
      const ids = [...new Set(rows.map((r) => r.documentId))];
      for (const chunk of chunks(ids, CHUNK)) {
        const sources: SearchSource[] = [];
        for (const locale of LOCALE_CODES) sources.push(...(await loadSources(strapi, type, chunk, locale)));
        await writeSources(trx, dialect, sources);
        counts[type] += sources.length;
      }
    }
    return counts;
  });
