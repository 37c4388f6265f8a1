import type { Core } from '@strapi/strapi';
import type { CapturedQuery } from './sql-capture';

type Knex = Core.Strapi['db']['connection'];

/** knex reports PostgreSQL statements with `$1…` placeholders; knex.raw takes `?`. */
const toKnexPlaceholders = (sql: string): string => sql.replace(/\$\d+/g, '?');

/** SQLite's `EXPLAIN QUERY PLAN` of a captured statement, one line per plan step. */
export const sqlitePlan = async (knex: Knex, query: CapturedQuery): Promise<string[]> => {
  const rows = (await knex.raw(`EXPLAIN QUERY PLAN ${query.sql}`, query.bindings as never)) as { detail: string }[];
  return rows.map((r) => r.detail);
};

/**
 * PostgreSQL's `EXPLAIN` of a captured statement. Sequential scans and
 * explicit sorts are priced out for it (`SET LOCAL enable_seqscan = off`,
 * `enable_sort = off`): on a test-sized table a scan and a sort are always
 * cheapest, so this asks the planner whether an index *can* serve the query
 * and its order — when none can, it still scans or sorts and says so.
 */
export const postgresPlan = async (knex: Knex, query: CapturedQuery): Promise<string[]> =>
  knex.transaction(async (trx) => {
    await trx.raw('SET LOCAL enable_seqscan = off');
    await trx.raw('SET LOCAL enable_sort = off');
    const result = (await trx.raw(`EXPLAIN ${toKnexPlaceholders(query.sql)}`, query.bindings as never)) as {
      rows: { 'QUERY PLAN': string }[];
    };
    return result.rows.map((r) => r['QUERY PLAN']);
  });

/** The first captured statement matching every pattern. */
export const findQuery = (queries: CapturedQuery[], ...patterns: RegExp[]): CapturedQuery => {
  const found = queries.find((q) => patterns.every((p) => p.test(q.sql)));
  if (!found) {
    throw new Error(
      `no captured statement matches ${patterns.join(' and ')}; got:\n${queries.map((q) => q.sql).join('\n')}`,
    );
  }
  return found;
};
