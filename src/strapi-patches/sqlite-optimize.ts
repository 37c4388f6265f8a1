/**
 * Strapi patch — targets @strapi/strapi 5.54.0 with better-sqlite3 12: Strapi's SQLite
 * dialect (packages/core/database/src/dialects/sqlite/index.ts) only turns foreign keys on
 * and leaves the rollback journal and SQLite's small default caches.
 */
import type { Core } from '@strapi/strapi';

/**
 * SQLite settings for a read-heavy site, applied at boot (SQLite client only;
 * applied by ./index.ts; `PERF_OPTIMIZATIONS=false` leaves SQLite's defaults):
 * - WAL journal: readers are not blocked by a writer (persists in the file);
 * - synchronous=NORMAL: safe with WAL, one fsync per checkpoint instead of per commit;
 * - a 64 MiB page cache and 256 MiB memory map per connection;
 * - busy_timeout 5 s: a reader waits for a writer's lock instead of failing;
 * - `PRAGMA optimize` after boot: refreshes the planner statistics it needs.
 * Strapi's SQLite pool has one connection, so the per-connection pragmas hold.
 */
export const optimizeSqlite = async (strapi: Core.Strapi): Promise<boolean> => {
  const client = String(strapi.db.config.connection.client);
  if (!['sqlite', 'sqlite3', 'better-sqlite3'].includes(client)) return false;
  const knex = strapi.db.connection;
  await knex.raw('PRAGMA journal_mode = WAL');
  await knex.raw('PRAGMA synchronous = NORMAL');
  await knex.raw('PRAGMA cache_size = -65536');
  await knex.raw('PRAGMA mmap_size = 268435456');
  await knex.raw('PRAGMA busy_timeout = 5000');
  await knex.raw('PRAGMA optimize = 0x10002');
  return true;
};
