import fs from 'fs';
import { Client } from 'pg';
import { PG } from './test-database';

/** The part of better-sqlite3 (the app's SQLite driver, untyped here) these helpers use. */
type SqliteDatabase = { prepare(sql: string): { all(): unknown[] }; close(): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sqlite = require('better-sqlite3') as new (file: string, options: { readonly: boolean }) => SqliteDatabase;

/**
 * The number of rows of every table but Strapi's own bookkeeping (`strapi_*`),
 * read straight from the database a child process used (its DATABASE_* env):
 * catches duplicates and leftovers the public API would not show (drafts, links).
 * The search's FTS5 shadow tables (`nr_search_fts_*`) are left out: their row
 * counts follow FTS5's segment merges, not the content (the FTS5 table is counted).
 */
export const rowCounts = async (env: Record<string, string>): Promise<Record<string, number>> => {
  if (env.DATABASE_CLIENT === 'postgres') {
    const client = new Client({ ...PG, database: env.DATABASE_NAME });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'strapi\\_%' order by table_name",
      );
      const counts: Record<string, number> = {};
      for (const { name } of rows)
        counts[name] = Number((await client.query<{ n: string }>(`select count(*) as n from "${name}"`)).rows[0]?.n);
      return counts;
    } finally {
      await client.end();
    }
  }
  const file = env.DATABASE_FILENAME as string;
  if (!fs.existsSync(file)) return {}; // not created yet: no table, no row
  // Not read-only: the app runs SQLite in WAL mode (src/bootstrap/sqlite-optimize.ts), and after a SIGKILL
  // the next connection must replay the -wal file, which a read-only connection cannot do. Only reads follow.
  const db = new Sqlite(file, { readonly: false });
  try {
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'strapi_%' and name not like 'nr_search_fts_%' order by name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, (db.prepare(`select count(*) as n from "${name}"`).all()[0] as { n: number }).n]),
    );
  } finally {
    db.close();
  }
};
