import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { seedNewsroom, type SeedOptions, type SeedSummary } from '../../scripts/seed/seed';
import newsroomFixture from '../../database/seed/newsroom';
import type { SeedFixture } from '../../database/seed/types';
import { ROOT, type TestApp } from './strapi';

export { newsroomFixture };
export type { SeedFixture, SeedSummary };

/** Seeds a booted test app with the newsroom fixture (or another one) in one call. */
export const seedApp = (
  app: TestApp,
  fixture: SeedFixture = newsroomFixture,
  options: SeedOptions = {},
): Promise<SeedSummary> => seedNewsroom(app.strapi, fixture, { appRoot: ROOT, ...options });

/** The seed document, as committed in the repository (a verbatim copy of the mission's file). */
export const SEED_DOCUMENT_PATH = path.join(ROOT, 'database', 'seed', 'source', '000_175bf339afc62747.txt');

/** The seed document's lines, split into the parts of the page. */
export const readSeedDocument = () => {
  const lines = fs.readFileSync(SEED_DOCUMENT_PATH, 'utf8').split('\n');
  const at = (i: number): string => {
    const line = lines[i];
    if (line === undefined) throw new Error(`seed document has no line ${i + 1}`);
    return line;
  };
  return {
    lines,
    title: at(0),
    captionWithCredit: at(1),
    paragraphs: [at(2), at(3), at(4), at(7), at(8)],
    readAlsoMarker: at(5),
    readAlso: at(6),
    share: at(9),
    author: at(10),
    relatedHeading: at(11),
    related: lines.slice(12).filter((l) => l.trim() !== ''),
  };
};

/**
 * Every row of every table of the test database (SQLite or PostgreSQL), so a
 * test can assert that an operation left the database exactly as it was.
 * Strapi's own bookkeeping tables (`strapi_*`: core store, migrations, schema)
 * are left out: its background jobs (e.g. the upload plugin's weekly metrics
 * cron) write there at any time. So are the shadow tables of the search's FTS5
 * table (`nr_search_fts_*`, some without a rowid): the FTS5 table itself is in.
 */
export const databaseSnapshot = async (strapi: Core.Strapi): Promise<Record<string, unknown[]>> => {
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  const tables = postgres
    ? ((await knex('information_schema.tables')
        .select({ name: 'table_name' })
        .where({ table_schema: 'public', table_type: 'BASE TABLE' })
        .orderBy('table_name')) as { name: string }[])
    : ((await knex('sqlite_master').select('name').where({ type: 'table' }).orderBy('name')) as { name: string }[]);
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    if (name.startsWith('sqlite_') || name.startsWith('strapi_') || name.startsWith('nr_search_fts_')) continue;
    if (!postgres) {
      snapshot[name] = await knex(name).select('*').orderByRaw('rowid');
      continue;
    }
    // PostgreSQL has no rowid. Every table Strapi makes has an `id` primary key; the project's own
    // side tables (import keys, search index) may not, and are sorted by their whole row instead.
    const rows = (await knex(name).select('*')) as Record<string, unknown>[];
    const sortKey = (row: Record<string, unknown>): string =>
      'id' in row ? String(row.id).padStart(20, '0') : JSON.stringify(row);
    snapshot[name] = rows.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }
  return snapshot;
};
