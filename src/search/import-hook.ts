import type { Core } from '@strapi/strapi';
import type { CommittedBatch } from '../import/after-batch';
import { indexMany } from './indexer';
import { SEARCH_TYPES, UID_OF_TYPE } from './sources';

/** The name the search index's listener is registered and timed under (src/import/after-batch.ts). */
export const SEARCH_LISTENER = 'search';

/**
 * The bulk import path writes with knex, past the Document Service middleware
 * that keeps the index current (src/document-middlewares/search-index.ts), so
 * each committed import batch is indexed here, once per batch: registered in
 * register() with onImportBatchCommitted (src/import/after-batch.ts), as SEARCH_LISTENER. Drafts
 * stay out: the indexer reads published versions only.
 */
export const indexImportedBatch = async (strapi: Core.Strapi, batch: CommittedBatch): Promise<void> => {
  const type = SEARCH_TYPES.find((t) => UID_OF_TYPE[t] === batch.uid);
  if (type) await indexMany(strapi, { [type]: batch.documentIds });
};
