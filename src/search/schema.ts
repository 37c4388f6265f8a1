import type { Core } from '@strapi/strapi';

/**
 * The search index: tables of our own, beside Strapi's, in the same database
 * (so every instance reads the same index and it is written in the same
 * transaction as the content):
 *
 * - `nr_search_documents`: one row per published locale version of an article,
 *   author or tag — what a hit shows (title, standfirst, text for the snippet),
 *   the stems of each field with their counts (for ranking, see rank.ts) and,
 *   on PostgreSQL, the weighted `tsvector` with its GIN index;
 * - `nr_search_fts` (SQLite): an FTS5 table over the stems of the same fields,
 *   its rowid the document row's id;
 * - `nr_search_words`: every indexed word and stem per locale, for spelling
 *   corrections (see correct.ts).
 *
 * Created at every boot after Strapi's schema sync, with `IF NOT EXISTS` (like
 * src/bootstrap/indexes.ts). Strapi's sync leaves these tables alone: it only
 * drops a table that is in its stored schema and no longer in the models
 * ("if db table is not in the user schema and is not in the previous stored
 * schema leave it alone", @strapi/database dist/schema/diff.js).
 */
export const DOCUMENTS_TABLE = 'nr_search_documents';
export const FTS_TABLE = 'nr_search_fts';
export const WORDS_TABLE = 'nr_search_words';

export type Dialect = 'sqlite' | 'postgres';

export const dialectOf = (strapi: Core.Strapi): Dialect =>
  strapi.db.dialect.client === 'postgres' ? 'postgres' : 'sqlite';

const SQLITE = [
  `CREATE TABLE IF NOT EXISTS ${DOCUMENTS_TABLE} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    document_id TEXT NOT NULL,
    locale TEXT NOT NULL,
    slug TEXT,
    title TEXT NOT NULL,
    standfirst TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    terms TEXT NOT NULL,
    published_ms INTEGER NOT NULL DEFAULT 0,
    UNIQUE (type, document_id, locale)
  )`,
  `CREATE INDEX IF NOT EXISTS ${DOCUMENTS_TABLE}_locale_type ON ${DOCUMENTS_TABLE} (locale, type)`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS_TABLE} USING fts5(
    title, standfirst, body, tags, author,
    tokenize = 'unicode61 remove_diacritics 2'
  )`,
  `CREATE TABLE IF NOT EXISTS ${WORDS_TABLE} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    locale TEXT NOT NULL,
    kind TEXT NOT NULL,
    term TEXT NOT NULL,
    UNIQUE (locale, kind, term)
  )`,
];

const POSTGRES = [
  `CREATE TABLE IF NOT EXISTS ${DOCUMENTS_TABLE} (
    id BIGSERIAL PRIMARY KEY,
    type TEXT NOT NULL,
    document_id TEXT NOT NULL,
    locale TEXT NOT NULL,
    slug TEXT,
    title TEXT NOT NULL,
    standfirst TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    terms TEXT NOT NULL,
    published_ms BIGINT NOT NULL DEFAULT 0,
    vector TSVECTOR NOT NULL,
    UNIQUE (type, document_id, locale)
  )`,
  `CREATE INDEX IF NOT EXISTS ${DOCUMENTS_TABLE}_vector_gin ON ${DOCUMENTS_TABLE} USING GIN (vector)`,
  `CREATE INDEX IF NOT EXISTS ${DOCUMENTS_TABLE}_locale_type ON ${DOCUMENTS_TABLE} (locale, type)`,
  // COLLATE "C": byte order, so the range scans of correct.ts are plain index ranges.
  `CREATE TABLE IF NOT EXISTS ${WORDS_TABLE} (
    id BIGSERIAL PRIMARY KEY,
    locale TEXT NOT NULL,
    kind TEXT NOT NULL,
    term TEXT COLLATE "C" NOT NULL,
    UNIQUE (locale, kind, term)
  )`,
];

/** Creates what is missing; true when the index did not exist before (it must then be built). */
export const ensureSearchSchema = async (strapi: Core.Strapi): Promise<boolean> => {
  const knex = strapi.db.connection;
  const existed = await knex.schema.hasTable(DOCUMENTS_TABLE);
  for (const statement of dialectOf(strapi) === 'postgres' ? POSTGRES : SQLITE) await knex.raw(statement);
  return !existed;
};
