/**
 * Low-level writes of the bulk path: multi-row inserts through Strapi's own
 * knex connection (strapi.db.connection), in chunks that stay under both
 * engines' bound-parameter limits, returning the new ids in input order.
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

/** knex writes a multi-row SQLite insert as `SELECT … UNION ALL SELECT …`: at most 500 terms (SQLITE_MAX_COMPOUND_SELECT). */
const MAX_ROWS = 500;

const chunkSize = (rows: readonly Row[]): number =>
  Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, Object.keys(rows[0] ?? {}).length))));

/** Inserts rows (all with the same columns) and returns nothing: link and join tables. */
export const insertRows = async (trx: Knex.Transaction, table: string, rows: readonly Row[]): Promise<void> => {
  for (const chunk of chunks(rows, chunkSize(rows))) await trx(table).insert(chunk);
};

/**
 * Inserts rows and returns their new ids, in input order. PostgreSQL:
 * `RETURNING id` (a multi-row VALUES insert draws the serial in row order).
 * SQLite: one INSERT statement inside the import's write transaction gives its
 * rows consecutive rowids ending at the statement's last_insert_rowid (an
 * INTEGER PRIMARY KEY AUTOINCREMENT column; no other writer can interleave
 * while the transaction holds the write lock).
 */
export const insertReturningIds = async (
  trx: Knex.Transaction,
  engine: Engine,
  table: string,
  rows: readonly Row[],
): Promise<number[]> => {
  const ids: number[] = [];
  if (rows.length > 0 && Object.keys(rows[0] ?? {}).length === 0)
    return insertEmptyRows(trx, engine, table, rows.length);
  for (const chunk of chunks(rows, chunkSize(rows))) {
    if (engine === 'postgres') {
      const returned = (await trx(table).insert(chunk).returning('id')) as { id: number }[];
      ids.push(...returned.map((r) => Number(r.id)));
    } else {
      const [last] = (await trx(table).insert(chunk)) as number[];
      const first = Number(last) - chunk.length + 1;
      ids.push(...chunk.map((_, i) => first + i));
    }
  }
  if (ids.length !== rows.length) throw new Error(`${table}: ${rows.length} rows inserted, ${ids.length} ids returned`);
  return ids;
};

/** Rows with no column but their id (a component with only relations, e.g. a read-also box). */
const insertEmptyRows = async (
  trx: Knex.Transaction,
  engine: Engine,
  table: string,
  count: number,
): Promise<number[]> => {
  const ids: number[] = [];
  for (let start = 0; start < count; start += MAX_ROWS) {
    const n = Math.min(MAX_ROWS, count - start);
    if (engine === 'postgres') {
      const values = Array.from({ length: n }, () => '(DEFAULT)').join(', ');
      const result = (await trx.raw(`insert into ?? (??) values ${values} returning ??`, [table, 'id', 'id'])) as {
        rows: { id: number }[];
      };
      ids.push(...result.rows.map((r) => Number(r.id)));
    } else {
      // SQLite has no DEFAULT in VALUES; NULL into an INTEGER PRIMARY KEY draws the next rowid.
      const [last] = (await trx(table).insert(Array.from({ length: n }, () => ({ id: null })))) as number[];
      ids.push(...Array.from({ length: n }, (_, i) => Number(last) - n + 1 + i));
    }
  }
  return ids;
};
