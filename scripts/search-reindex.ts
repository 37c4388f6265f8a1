/**
 * `npm run search:reindex`
 *
 * Boots the compiled app (dist/) without its HTTP server and rebuilds the
 * search index (src/search/) from the published content, in one transaction:
 * readers keep the old index until the new one commits. Prints what it
 * indexed; always shuts Strapi down. Exit codes: 0 done, 1 failed (nothing
 * changed).
 */
import path from 'path';
import type { Core } from '@strapi/strapi';

const appDir = path.resolve(__dirname, '..', '..');

const main = async (): Promise<number> => {
  // Strapi reads .env and resolves the SQLite file from the working directory.
  process.chdir(appDir);
  const { createStrapi } = await import('@strapi/strapi');
  const { reindexAll } = await import('../src/search/indexer');
  const { waitForIdleDatabase } = await import('./seed/settle');
  let strapi: Core.Strapi | undefined;
  try {
    strapi = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
    const started = Date.now();
    const counts = await reindexAll(strapi);
    const parts = Object.entries(counts).map(([type, n]) => `${n} ${type}`);
    console.log(
      `[search:reindex] indexed ${parts.join(', ')} (published locale versions) in ${Date.now() - started} ms`,
    );
    return 0;
  } catch (error) {
    console.error(`[search:reindex] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.error('[search:reindex] the index was left as it was');
    return 1;
  } finally {
    if (strapi) {
      await waitForIdleDatabase(strapi);
      await strapi.destroy();
    }
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('[search:reindex] FAILED:', error);
    process.exit(1);
  },
);
