/**
 * What must follow a committed import batch, once per batch and never per row:
 * the bulk path writes with knex, past the Document Service middlewares and the
 * database lifecycles that invalidate derived state after an editor's write.
 */
import type { Core } from '@strapi/strapi';
import { runtimeOf } from '../runtime';
import { ALL_KEY } from '../cache/store';

export type CommittedBatch = {
  /** The content type whose documents the batch created (articles, authors, tags). */
  uid: string;
  /** documentIds created by the batch (published in every locale unless imported as drafts). */
  documentIds: readonly string[];
};

export type BatchListener = (strapi: Core.Strapi, batch: CommittedBatch) => Promise<void> | void;

/**
 * Kept in Strapi's own container, as the runtime is (src/runtime.ts), not in this
 * module: a bench or a test that loads its own compiled copy of the import path
 * next to the app's must still reach the listeners the app registered.
 */
const KEY = 'newsroom.importListeners';

const listenersOf = (strapi: Core.Strapi): BatchListener[] => {
  if (!strapi.has(KEY)) strapi.add(KEY, [] as BatchListener[]);
  return strapi.get(KEY) as BatchListener[];
};

/**
 * Registers derived state to refresh after each committed import batch (e.g. a
 * search index: `onImportBatchCommitted(strapi, (s, batch) => indexDocuments(s, batch))`
 * in the app's register()). Listeners run in registration order; a failing one
 * is logged and does not undo the committed batch.
 */
export const onImportBatchCommitted = (strapi: Core.Strapi, listener: BatchListener): void => {
  listenersOf(strapi).push(listener);
};

/** Called by the import path after each commit: the listeners (search index), then one purge of the response cache. */
export const afterBatchCommitted = async (strapi: Core.Strapi, batch: CommittedBatch): Promise<void> => {
  if (batch.documentIds.length === 0) return;
  for (const listener of [...listenersOf(strapi)]) {
    try {
      await listener(strapi, batch);
    } catch (error) {
      strapi.log.error(`[import] after-batch listener failed for ${batch.uid}: ${(error as Error).message}`);
    }
  }
  // Last, so no answer cached before the listeners finished (a search page) outlives the batch.
  try {
    // The response store is owned by the app's runtime (src/runtime.ts), opened in register().
    // A batch adds whole documents to lists, tag and author pages: one purge of everything per batch.
    await runtimeOf(strapi)?.responseStore?.purge([ALL_KEY]);
  } catch (error) {
    strapi.log.error(`[import] could not purge the response cache: ${(error as Error).message}`);
  }
};
