/**
 * Strapi patch — targets knex 3's better-sqlite3 client (lib/dialects/better-sqlite3/index.js
 * `_query`), which Strapi 5.54.0's `sqlite` client runs on: it compiles every statement
 * again with `connection.prepare(sql)`, with no statement cache.
 */
import type { Core } from '@strapi/strapi';

type Statement = { reader: boolean; all(bindings: unknown[]): unknown; run(bindings: unknown[]): RunResult };
type RunResult = { lastInsertRowid: number | bigint; changes: number };
type Connection = { prepare(sql: string): Statement };
type QueryObject = { sql?: string; bindings?: unknown[]; response?: unknown; context?: unknown };
type Client = {
  _query(connection: Connection, obj: QueryObject): Promise<QueryObject>;
  _formatBindings(bindings: unknown[] | undefined): unknown[];
};

/** Statements kept per connection (cleared, not evicted one by one, when full). */
const MEMORY = 500;
const SELECT = /^\s*select\s/i;

type Counts = { prepared: number; reused: number };

/** The knex configs of the apps that turned the cache on, with their counts: transaction clients share their app's config. */
const enabled = new WeakMap<object, Counts>();
const stats = new WeakMap<Core.Strapi, Counts>();
const kept = new WeakMap<Connection, Map<string, Statement>>();
const patched = new WeakSet<object>();

/** Reads of this app that compiled their statement, and that reused one (for tests). */
export const sqliteStatementStats = (strapi: Core.Strapi): Counts => ({
  prepared: stats.get(strapi)?.prepared ?? 0,
  reused: stats.get(strapi)?.reused ?? 0,
});

const statementFor = (counts: Counts, connection: Connection, sql: string): Statement => {
  let statements = kept.get(connection);
  if (!statements) kept.set(connection, (statements = new Map()));
  const known = statements.get(sql);
  if (known) {
    counts.reused += 1;
    return known;
  }
  const statement = connection.prepare(sql);
  counts.prepared += 1;
  if (statements.size >= MEMORY) statements.clear();
  statements.set(sql, statement);
  return statement;
};

/**
 * A public read runs the same dozen SELECTs with new values every time, and
 * compiling them was about a sixth of the SQL time of an uncached list
 * (`npm run bench:profile`). Each connection now keeps its compiled SELECT
 * statements by SQL text and binds the new values to them; SQLite recompiles
 * a kept statement by itself when the schema changes. Writes and DDL are
 * compiled every time, as before. The rest is knex's `_query`, unchanged.
 *
 * knex runs a transaction's queries on a client made from the client's
 * prototype, so the prototype's `_query` is wrapped (once per process), and
 * it keeps statements only for the apps that turned it on, known by their
 * knex config, which transaction clients share.
 * SQLite client only; applied by ./index.ts (PERF_OPTIMIZATIONS).
 */
export const cacheSqliteStatements = (strapi: Core.Strapi): boolean => {
  const client = String(strapi.db.config.connection.client);
  if (!['sqlite', 'sqlite3', 'better-sqlite3'].includes(client)) return false;
  const knexClient = (strapi.db.connection as unknown as { client: Client & { config: object } }).client;
  const counts = { prepared: 0, reused: 0 };
  enabled.set(knexClient.config, counts);
  stats.set(strapi, counts);

  const proto = Object.getPrototypeOf(knexClient) as Client;
  if (patched.has(proto)) return true;
  patched.add(proto);
  const original = proto._query;
  proto._query = async function (this: Client & { config: object }, connection, obj) {
    const mine = enabled.get(this.config);
    if (!mine || !obj.sql || !connection || !SELECT.test(obj.sql)) return original.call(this, connection, obj);
    const statement = statementFor(mine, connection, obj.sql);
    const bindings = this._formatBindings(obj.bindings);
    if (statement.reader) {
      obj.response = statement.all(bindings);
      return obj;
    }
    const response = statement.run(bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  };
  return true;
};
