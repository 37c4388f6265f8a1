/**
 * Low-level writes of the bulk path, inside the import's transaction on
 * Strapi's own connection (strapi.db.connection), returning the new ids in
 * input order: on PostgreSQL multi-row inserts through knex, in chunks that stay
 * under the bound-parameter limit; on SQLite one prepared statement per table.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export type Row = Record<string, unknown>;

/** Rows × columns per statement: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const MAX_PARAMETERS = 30_000;

export type Engine = 'sqlite' | 'postgres';

export const engineOf = (strapi: Core.Strapi): Engine => {
  const client = strapi.db.dialect.client;
  if (client === 'sqlite') return 'sqlite';
  if (client === 'postgres') return 'postgres';
  throw new Error(`the bulk import writes SQLite and PostgreSQL, not ${client}`);
};

/**
 * A datetime as Strapi stores it: SQLite keeps milliseconds since the epoch in
 * its datetime columns (what Strapi's SQLite driver writes), PostgreSQL a timestamptz.
 */
export const dbTime = (engine: Engine, date: Date | null): number | Date | null =>
  date === null ? null : engine === 'sqlite' ? date.getTime() : date;

/** A `json` column value: Strapi stores the serialised JSON text on both engines. */
export const dbJson = (value: unknown): string => JSON.stringify(value);

const chunks = <T>(rows: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};

/** Rows per PostgreSQL statement. */
const MAX_ROWS = 500;

const chunkSize = (rows: readonly Row[]): number =>
  Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(rows[0] ?? {}).length))));

/**
 * SQLite: each row through one prepared statement per table and column list,
 * run on the transaction's own better-sqlite3 connection. knex would compile
 * every chunk into a new `SELECT … UNION ALL` statement and better-sqlite3
 * would prepare it again each time: in a profile of the bench import, that
 * compiling and preparing took about half of the write time. Values are bound
 * as knex's better-sqlite3 client binds them (dates as milliseconds, booleans
 * as 0/1), so the rows are the same.
 */
type Statement = { run(params: unknown[]): { lastInsertRowid: number | bigint } };
type SqliteConnection = { prepare(sql: string): Statement };

const prepared = new WeakMap<object, Map<string, Statement>>();
let sqliteRowWrites = 0;

/** Rows written through the prepared-statement path so far (the bench counts them as statements). */
export const preparedRowWrites = (): number => sqliteRowWrites;

const isSqlite = (trx: Knex.Transaction): boolean =>
  (trx.client as { driverName?: string }).driverName === 'better-sqlite3';

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const bindValue = (value: unknown): unknown =>
  value === undefined
    ? null
    : value instanceof Date
      ? value.getTime()
      : typeof value === 'boolean'
        ? Number(value)
        : value;

const sqliteInsert = async (trx: Knex.Transaction, table: string, rows: readonly Row[]): Promise<number[]> => {
  if (!isSqlite(trx)) throw new Error("the bulk import writes SQLite through better-sqlite3, Strapi's SQLite driver");
  const connection = (await (
    trx.client as { acquireConnection(): Promise<SqliteConnection> }
  ).acquireConnection()) as SqliteConnection & object;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const sql =
    columns.length === 0
      ? `insert into ${quote(table)} default values`
      : `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
  let statements = prepared.get(connection);
  if (!statements) prepared.set(connection, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = connection.prepare(sql)));
  const ids: number[] = [];
  for (const row of rows) {
    ids.push(Number(statement.run(columns.map((column) => bindValue(row[column]))).lastInsertRowid));
  }
  sqliteRowWrites += rows.length;
  return ids;
};

/** Inserts rows (all with the same columns) and returns nothing: link and join tables. */
export const insertRows = async (trx: Knex.Transaction, table: string, rows: readonly Row[]): Promise<void> => {
  if (rows.length === 0) return;
  if (isSqlite(trx)) {
    await sqliteInsert(trx, table, rows);
    return;
  }
  for (const chunk of chunks(rows, chunkSize(rows))) await trx(table).insert(chunk);
};

/**
 * Inserts rows and returns their new ids, in input order. PostgreSQL:
 * `RETURNING id` (a multi-row VALUES insert draws the serial in row order).
 * SQLite: each row's own last_insert_rowid.
 */
export const insertReturningIds = async (
  trx: Knex.Transaction,
  engine: Engine,
  table: string,
  rows: readonly Row[],
): Promise<number[]> => {
  if (rows.length === 0) return [];
  if (engine === 'sqlite') return sqliteInsert(trx, table, rows);
  if (Object.keys(rows[0] ?? {}).length === 0) return insertEmptyRows(trx, table, rows.length);
  const ids: number[] = [];
  for (const chunk of chunks(rows, chunkSize(rows))) {
    const returned = (await trx(table).insert(chunk).returning('id')) as { id: number }[];
    ids.push(...returned.map((r) => Number(r.id)));
  }
  if (ids.length !== rows.length) throw new Error(`${table}: ${rows.length} rows inserted, ${ids.length} ids returned`);
  return ids;
};

/** PostgreSQL rows with no column but their id (a component with only relations, e.g. a read-also box). */
const insertEmptyRows = async (trx: Knex.Transaction, table: string, count: number): Promise<number[]> => {
  const ids: number[] = [];
  for (let start = 0; start < count; start += MAX_ROWS) {
    const n = Math.min(MAX_ROWS, count - start);
    const values = Array.from({ length: n }, () => '(DEFAULT)').join(', ');
    const result = (await trx.raw(`insert into ?? (??) values ${values} returning ??`, [table, 'id', 'id'])) as {
      rows: { id: number }[];
    };
    ids.push(...result.rows.map((r) => Number(r.id)));
  }
  return ids;
};
