/**
 * Loads a synthetic corpus (bench/corpus.ts) into a booted Strapi
 * through the project's import path (src/lib/bulk-import.ts), and measures
 * the article import: wall time, SQL statements executed (knex `query`
 * events, and each row of the bulk path's prepared SQLite inserts) and the
 * time its search-index listener took after the batches committed
 * (src/import/after-batch.ts), per published locale version.
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import {
  importArticles,
  importTranslated,
  withImportPragmas,
  type BulkArticle,
  type BulkOptions,
} from '../src/lib/bulk-import';
import { preparedRowWrites } from '../src/import/db';
import { batchListenerTimes } from '../src/import/after-batch';
import { SEARCH_LISTENER } from '../src/search/import-hook';
import { ARTICLE_UID, AUTHOR_UID, TAG_UID } from '../src/lib/uids';
import type { Corpus } from './corpus';

export type LoadResult = {
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  statements: number;
  statementsPerArticle: number;
  articleIds: string[];
  /**
   * The article import's search indexing (inside `seconds`): the listener's wall
   * time over the published locale versions it indexed; null when no search
   * listener ran (a tree without it, or nothing new to index).
   */
  searchIndex: { ms: number; versions: number; msPerVersion: number } | null;
};

type Knexish = { on(event: 'query', fn: () => void): void; off(event: 'query', fn: () => void): void };

export const countStatements = (strapi: Core.Strapi): { count: () => number; stop: () => void } => {
  let n = 0;
  const listener = (): void => {
    n += 1;
  };
  const connection = strapi.db.connection as unknown as Knexish;
  connection.on('query', listener);
  return { count: () => n, stop: () => connection.off('query', listener) };
};

const uploadCover = async (strapi: Core.Strapi): Promise<number> => {
  const filepath = path.join(strapi.dirs.app.root, 'database/seed/media/placeholder-cover.png');
  const upload = strapi.plugin('upload').service('upload') as {
    upload(input: unknown): Promise<{ id: number }[]>;
  };
  const [file] = await upload.upload({
    data: { fileInfo: { name: 'bench-cover.png', alternativeText: 'Placeholder cover', caption: 'Bench cover' } },
    files: { filepath, originalFilename: 'bench-cover.png', mimetype: 'image/png', size: fs.statSync(filepath).size },
  });
  if (!file) throw new Error('the upload service returned no file');
  return file.id;
};

/** The published locale versions of these articles (the bench corpus publishes both locales), 500 ids a query. */
const publishedVersions = async (strapi: Core.Strapi, documentIds: readonly string[]): Promise<number> => {
  let count = 0;
  for (let i = 0; i < documentIds.length; i += 500) {
    count += await strapi.db.query(ARTICLE_UID).count({
      where: { documentId: { $in: documentIds.slice(i, i + 500) }, publishedAt: { $notNull: true } },
    });
  }
  return count;
};

export const loadCorpus = async (
  strapi: Core.Strapi,
  corpus: Corpus,
  options: { batchSize?: number; onProgress?: (done: number) => void; via?: BulkOptions['via'] } = {},
): Promise<LoadResult> =>
  withImportPragmas(strapi, async () => {
    const cover = await uploadCover(strapi);
    const authorIds = await importTranslated(strapi, AUTHOR_UID, corpus.authors, { via: options.via });
    const tagIds = await importTranslated(strapi, TAG_UID, corpus.tags, { via: options.via });

    // Link targets point at earlier articles: resolve indexes as documentIds become known.
    const articleIds: string[] = [];
    const counter = countStatements(strapi);
    const rowWritesBefore = preparedRowWrites();
    const indexedBefore = batchListenerTimes(strapi)[SEARCH_LISTENER];
    const started = process.hrtime.bigint();
    // The bulk path writes a whole batch in a few dozen statements: larger batches, fewer commits.
    const batchSize = options.batchSize ?? (options.via === 'document-service' ? 50 : 500);
    for (let startAt = 0; startAt < corpus.articles.length; startAt += batchSize) {
      const batch: BulkArticle[] = corpus.articles.slice(startAt, startAt + batchSize).map((a, k) => ({
        ...a,
        cover,
        author: authorIds[a.author],
        tags: a.tags.map((t) => tagIds[t] as string),
        relatedLinks: a.relatedLinks.map(({ target, ...link }) => ({
          ...link,
          // A target inside this very batch is not written yet: that link points to an external URL instead.
          ...(target !== undefined && articleIds[target] ? { target: articleIds[target] } : {}),
          ...(target !== undefined && !articleIds[target] ? { url: `https://example.org/pending/${startAt + k}` } : {}),
        })),
      }));
      articleIds.push(...(await importArticles(strapi, batch, { batchSize, via: options.via })));
      options.onProgress?.(articleIds.length);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // knex's statements, plus each run of a prepared SQLite insert (one per row, src/import/db.ts).
    const statements = counter.count() + (preparedRowWrites() - rowWritesBefore);
    counter.stop();
    const indexed = batchListenerTimes(strapi)[SEARCH_LISTENER];
    const ms = (indexed?.ms ?? 0) - (indexedBefore?.ms ?? 0);
    const versions = await publishedVersions(strapi, articleIds);
    const listenerRan = (indexed?.batches ?? 0) > (indexedBefore?.batches ?? 0);
    return {
      articles: articleIds.length,
      seconds,
      articlesPerSecond: articleIds.length / seconds,
      statements,
      statementsPerArticle: statements / Math.max(1, articleIds.length),
      articleIds,
      searchIndex: listenerRan && versions > 0 ? { ms, versions, msPerVersion: ms / versions } : null,
    };
  });
