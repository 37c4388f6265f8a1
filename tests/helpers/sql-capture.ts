import type { Core } from '@strapi/strapi';

type KnexQueryEvent = { sql: string; bindings?: unknown[] };
type KnexEmitter = {
  on: (event: 'query', listener: (q: KnexQueryEvent) => void) => unknown;
  off: (event: 'query', listener: (q: KnexQueryEvent) => void) => unknown;
};

export type CapturedQuery = { sql: string; bindings: unknown[] };

/**
 * Records every SQL statement the app sends through knex while `run` executes
 * (knex 'query' events), so a test can count statements per request or
 * EXPLAIN the exact queries Strapi issued.
 */
export const captureQueries = async <T>(
  strapi: Core.Strapi,
  run: () => Promise<T>,
): Promise<{ result: T; queries: CapturedQuery[] }> => {
  const queries: CapturedQuery[] = [];
  const knex = strapi.db.connection as unknown as KnexEmitter;
  const listener = (q: KnexQueryEvent): void => {
    queries.push({ sql: q.sql, bindings: q.bindings ?? [] });
  };
  knex.on('query', listener);
  try {
    const result = await run();
    return { result, queries };
  } finally {
    knex.off('query', listener);
  }
};

/** Statements that read content (Strapi's own bookkeeping — transactions, pragmas — left out). */
export const contentSelects = (queries: CapturedQuery[]): CapturedQuery[] =>
  queries.filter((q) => /^\s*select/i.test(q.sql));
