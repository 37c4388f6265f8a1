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

/** The time one listener spent, summed over the batches of this Strapi instance so far. */
export type ListenerTime = { batches: number; documents: number; ms: number };

type Registry = { listeners: { name: string; run: BatchListener }[]; times: Record<string, ListenerTime> };

/**
 * Kept in Strapi's own container (as src/runtime.ts keeps the runtime), not in
 * this module: a second compiled copy of the import path (the bench's own
 * build in bench/dist, a test importing the TypeScript source while the app
 * runs from dist/) then runs the listeners the app registered, and two apps in
 * one process never share them. An object, not a function: the container
 * calls a function it is given.
 */
const KEY = 'newsroom.import-after-batch';

const registryOf = (strapi: Core.Strapi): Registry => {
  if (!strapi.has(KEY)) strapi.add(KEY, { listeners: [], times: {} } satisfies Registry);
  return strapi.get(KEY) as Registry;
};

/**
 * Registers derived state to refresh after each committed import batch, under
 * a name (e.g. the search index: `onImportBatchCommitted(strapi, 'search',
 * indexImportedBatch)` in the app's register()). Listeners run in registration
 * order; a failing one is logged and does not undo the committed batch.
 */
export const onImportBatchCommitted = (strapi: Core.Strapi, name: string, listener: BatchListener): void => {
  registryOf(strapi).listeners.push({ name, run: listener });
};

/**
 * The wall time each listener spent after the batches committed so far, by
 * name (a copy). An import's cost of keeping derived state current, e.g. the
 * bench's search indexing time per published locale version.
 */
export const batchListenerTimes = (strapi: Core.Strapi): Record<string, ListenerTime> =>
  structuredClone(registryOf(strapi).times);

/** Called by the import path after each commit: the listeners (search index), then one purge of the response cache. */
export const afterBatchCommitted = async (strapi: Core.Strapi, batch: CommittedBatch): Promise<void> => {
  if (batch.documentIds.length === 0) return;
  const registry = registryOf(strapi);
  for (const { name, run } of registry.listeners) {
    const started = process.hrtime.bigint();
    try {
      await run(strapi, batch);
    } catch (error) {
      strapi.log.error(`[import] after-batch listener ${name} failed for ${batch.uid}: ${(error as Error).message}`);
    } finally {
      const time = (registry.times[name] ??= { batches: 0, documents: 0, ms: 0 });
      time.batches += 1;
      time.documents += batch.documentIds.length;
      time.ms += Number(process.hrtime.bigint() - started) / 1e6;
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
