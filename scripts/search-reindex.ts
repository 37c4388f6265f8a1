/**
 * `npm run search:reindex`
 *
 * Boots the compiled app (dist/) without its HTTP server and rebuilds the
 * search index (src/search/) from the published content, in one transaction:
 * readers keep the old index until the new one commits. Prints what it
 * indexed; always shuts Strapi down. Exit codes: 0 done, 1 failed (nothing
 * changed).
 */
import { messageOf, runCli, withStrapi } from './lib/cli';

const main = async (): Promise<number> => {
  const { reindexAll } = await import('../src/search/indexer');
  try {
    return await withStrapi(async (strapi) => {
      const started = Date.now();
      const counts = await reindexAll(strapi);
      const parts = Object.entries(counts).map(([type, n]) => `${n} ${type}`);
      console.log(
        `[search:reindex] indexed ${parts.join(', ')} (published locale versions) in ${Date.now() - started} ms`,
      );
      return 0;
    });
  } catch (error) {
    console.error(`[search:reindex] FAILED: ${messageOf(error)}`);
    console.error('[search:reindex] the index was left as it was');
    return 1;
  }
};

runCli('[search:reindex]', main);
