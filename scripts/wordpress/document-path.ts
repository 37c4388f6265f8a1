/**
 * The WordPress importer's article writes, through Strapi's Document Service
 * (src/import/document-service.ts): a WordPress post is often in one language
 * only, a Polylang pair can be a published Indonesian post beside an English
 * draft, and a later export can add a translation to an article imported
 * earlier. The bulk path (src/lib/bulk-import.ts) writes whole bilingual
 * documents with one status, so these go through the Document Service, where
 * every rule of the CMS applies as for an editor's write. Authors and tags use
 * the bulk path's importTranslated.
 */
import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '../../src/lib/locales';
import { importArticleViaDocuments } from '../../src/import/document-service';
import { messageOf } from '../lib/cli';
import type { PartialArticle } from '../../src/import/article-shape';

export type { BulkArticleText, PartialArticle } from '../../src/import/article-shape';

export type ImportOptions = {
  /** Articles per transaction (default 50). */
  batchSize?: number;
  /** Called after each committed batch with the number of articles written so far. */
  onProgress?: (done: number) => void;
};

/**
 * Imports articles in transactions of `batchSize`: a batch is all or nothing.
 * Returns their documentIds in input order. A failing article throws (naming
 * its index and title) after its batch rolled back; batches committed before it stay.
 */
export const importArticles = async (
  strapi: Core.Strapi,
  articles: readonly PartialArticle[],
  options: ImportOptions = {},
): Promise<string[]> => {
  const ids: string[] = [];
  const batchSize = options.batchSize ?? 50;
  for (let start = 0; start < articles.length; start += batchSize) {
    const batch = articles.slice(start, start + batchSize);
    const batchIds: string[] = [];
    await strapi.db.transaction(async () => {
      for (const [i, article] of batch.entries()) {
        try {
          batchIds.push(await importArticleViaDocuments(strapi, article));
        } catch (error) {
          const title = (article.locales[DEFAULT_LOCALE] ?? Object.values(article.locales)[0])?.title;
          throw new Error(`article #${start + i} "${title}": ${messageOf(error)}`, { cause: error });
        }
      }
    });
    ids.push(...batchIds);
    options.onProgress?.(ids.length);
  }
  return ids;
};
