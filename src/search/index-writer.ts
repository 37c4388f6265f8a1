import type { Knex } from 'knex';
import type { LocaleCode } from '../lib/locales';
import { analyse, type FieldAnalysis } from './analyze';
import { FIELDS, type Field, type FieldTerms } from './rank';
import { DOCUMENTS_TABLE, FTS_TABLE, WORDS_TABLE, type Dialect } from './schema';
import type { SearchSource, SearchType } from './sources';

/** PostgreSQL's text-search configuration of each locale (both ship with PostgreSQL: `\dF`). */
export const PG_CONFIG: Record<LocaleCode, 'indonesian' | 'english'> = { id: 'indonesian', en: 'english' };

/** The `tsvector` weight of each field: A title, B standfirst, C body, D tags and author. */
const PG_WEIGHTS = { title: 'A', standfirst: 'B', body: 'C', tags: 'D', author: 'D' } as const;

/**
 * The index is written many rows per statement (see indexer.ts), cut into
 * slices that stay under the bound parameters one statement may carry: SQLite
 * as better-sqlite3 12 builds it (SQLITE_MAX_VARIABLE_NUMBER 32,766) and
 * PostgreSQL's protocol (65,535). The rows go in `VALUES` lists, which SQLite
 * does not count against its 500 terms of a compound SELECT (knex's multi-row
 * insert on SQLite is such a SELECT, so it is not used here).
 */
const MAX_BINDINGS: Record<Dialect, number> = { sqlite: 32_766, postgres: 65_535 };

const slices = <T>(rows: readonly T[], bindingsPerRow: number, dialect: Dialect, fixed = 0): T[][] => {
  const size = Math.max(1, Math.floor((MAX_BINDINGS[dialect] - fixed) / bindingsPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};

const placeholders = (count: number): string => new Array<string>(count).fill('?').join(', ');

/** The rows of a `db.raw` statement with RETURNING: better-sqlite3 gives them as an array, pg in `rows`. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

export type IndexKey = { type: SearchType; documentId: string; locale: LocaleCode };

/** The key of an index row as a string, for maps. */
export const keyString = (key: IndexKey): string => `${key.type}:${key.locale}:${key.documentId}`;

/** An index row as found before a write: its id and title (to notice renames). */
export type Indexed = { id: number; title: string };

/** The index rows of these documents of one type in these locales, one SELECT (per slice), by keyString. */
export const findIndexed = async (
  db: Knex,
  dialect: Dialect,
  type: SearchType,
  documentIds: readonly string[],
  locales: readonly LocaleCode[],
): Promise<Map<string, Indexed>> => {
  const found = new Map<string, Indexed>();
  if (documentIds.length === 0 || locales.length === 0) return found;
  for (const slice of slices(documentIds, 1, dialect, 1 + locales.length)) {
    const rows = (await db(DOCUMENTS_TABLE)
      .where({ type })
      .whereIn('locale', [...locales])
      .whereIn('document_id', slice)
      .select('id', 'document_id', 'locale', 'title')) as {
      id: number | string;
      document_id: string;
      locale: LocaleCode;
      title: string;
    }[];
    for (const row of rows)
      found.set(keyString({ type, documentId: row.document_id, locale: row.locale }), {
        id: Number(row.id),
        title: row.title,
      });
  }
  return found;
};

/** The document row's columns as written, in order (PostgreSQL adds `vector`). */
const COLUMNS = [
  'type',
  'document_id',
  'locale',
  'slug',
  'title',
  'standfirst',
  'body',
  'tags',
  'author',
  'terms',
  'published_ms',
] as const;
const CONFLICT_KEY = ['type', 'document_id', 'locale'];

/** PostgreSQL's weighted `tsvector` of one row: each field's forms through the locale's configuration. */
const VECTOR = FIELDS.map((f) => `setweight(to_tsvector(?::regconfig, ?), '${PG_WEIGHTS[f]}')`).join(' || ');

type Analysed = { source: SearchSource; fields: Record<Field, FieldAnalysis> };

const analysed = (source: SearchSource): Analysed => ({
  source,
  fields: Object.fromEntries(FIELDS.map((f) => [f, analyse(source[f], source.locale)])) as Record<Field, FieldAnalysis>,
});

const termsOf = ({ fields }: Analysed): FieldTerms =>
  Object.fromEntries(FIELDS.map((f) => [f, fields[f].counts])) as FieldTerms;

/**
 * Inserts or replaces the document rows, many per statement; the ids of the
 * rows, in the order of `list` (an existing row keeps its id).
 */
const upsertDocuments = async (db: Knex, dialect: Dialect, list: readonly Analysed[]): Promise<number[]> => {
  const pg = dialect === 'postgres';
  const columns = pg ? [...COLUMNS, 'vector'] : [...COLUMNS];
  const rowValues = pg ? `(${placeholders(COLUMNS.length)}, ${VECTOR})` : `(${placeholders(COLUMNS.length)})`;
  const bindingsPerRow = COLUMNS.length + (pg ? 2 * FIELDS.length : 0);
  const update = columns
    .filter((c) => !CONFLICT_KEY.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  const ids = new Map<string, number>();
  for (const slice of slices(list, bindingsPerRow, dialect)) {
    const bindings: unknown[] = [];
    for (const item of slice) {
      const { source } = item;
      bindings.push(
        source.type,
        source.documentId,
        source.locale,
        source.slug,
        source.title,
        source.standfirst,
        source.body,
        source.tags,
        source.author,
        JSON.stringify(termsOf(item)),
        source.publishedMs,
      );
      if (pg) for (const f of FIELDS) bindings.push(PG_CONFIG[source.locale], item.fields[f].formsText);
    }
    const result = await db.raw(
      `INSERT INTO ${DOCUMENTS_TABLE} (${columns.join(', ')}) VALUES ${new Array<string>(slice.length).fill(rowValues).join(', ')}
       ON CONFLICT (${CONFLICT_KEY.join(', ')}) DO UPDATE SET ${update}
       RETURNING id, type, document_id, locale`,
      bindings as Knex.RawBinding[],
    );
    // RETURNING gives no order: match the rows by key.
    for (const row of rowsOf<{ id: number | string; type: SearchType; document_id: string; locale: LocaleCode }>(
      result,
    ))
      ids.set(keyString({ type: row.type, documentId: row.document_id, locale: row.locale }), Number(row.id));
  }
  return list.map(({ source }) => {
    const id = ids.get(keyString(source));
    if (id === undefined) throw new Error(`[search] no index row returned for ${keyString(source)}`);
    return id;
  });
};

/** SQLite: removes the FTS rows of these document row ids. */
const deleteFts = async (db: Knex, ids: readonly number[]): Promise<void> => {
  for (const slice of slices(ids, 1, 'sqlite'))
    await db.raw(`DELETE FROM ${FTS_TABLE} WHERE rowid IN (${placeholders(slice.length)})`, [...slice]);
};

/**
 * Writes (inserts or replaces) the index rows of these published locale
 * versions (distinct keys): the document rows, on SQLite their FTS rows, and
 * their vocabulary. Each field is analysed once (analyse), and the rows go
 * many per statement: one upsert, one FTS delete and one FTS insert, and the
 * vocabulary of all of them, deduplicated, in one insert (per slice each).
 */
export const writeSources = async (db: Knex, dialect: Dialect, sources: readonly SearchSource[]): Promise<void> => {
  if (sources.length === 0) return;
  const list = sources.map(analysed);
  const ids = await upsertDocuments(db, dialect, list);

  if (dialect === 'sqlite') {
    await deleteFts(db, ids);
    const rows = list.map((item, i) => ({ id: ids[i], item }));
    const rowValues = `(${placeholders(1 + FIELDS.length)})`;
    for (const slice of slices(rows, 1 + FIELDS.length, dialect)) {
      await db.raw(
        `INSERT INTO ${FTS_TABLE} (rowid, ${FIELDS.join(', ')}) VALUES ${new Array<string>(slice.length).fill(rowValues).join(', ')}`,
        slice.flatMap(({ id, item }) => [id, ...FIELDS.map((f) => item.fields[f].stemsText)]),
      );
    }
  }

  // Every word (kind `w`) and stem (kind `s`), once, in order of first occurrence, for spelling corrections.
  const seen = new Set<string>();
  const vocabulary: [string, string, string][] = [];
  for (const { source, fields } of list) {
    for (const f of FIELDS) {
      for (const { kind, term } of fields[f].vocabulary) {
        const key = `${source.locale} ${kind} ${term}`;
        if (seen.has(key)) continue;
        seen.add(key);
        vocabulary.push([source.locale, kind, term]);
      }
    }
  }
  for (const slice of slices(vocabulary, 3, dialect)) {
    await db.raw(
      `INSERT INTO ${WORDS_TABLE} (locale, kind, term) VALUES ${new Array<string>(slice.length).fill('(?, ?, ?)').join(', ')}
       ON CONFLICT (locale, kind, term) DO NOTHING`,
      slice.flat(),
    );
  }
};

/** Removes these index rows by id (unpublished, deleted, or no longer in that locale). */
export const removeIndexed = async (db: Knex, dialect: Dialect, ids: readonly number[]): Promise<void> => {
  if (ids.length === 0) return;
  if (dialect === 'sqlite') await deleteFts(db, ids);
  for (const slice of slices(ids, 1, dialect)) await db(DOCUMENTS_TABLE).whereIn('id', slice).delete();
};

/** Empties the whole index (before a rebuild). */
export const clearIndex = async (db: Knex, dialect: Dialect): Promise<void> => {
  if (dialect === 'sqlite') await db.raw(`DELETE FROM ${FTS_TABLE}`);
  await db(DOCUMENTS_TABLE).delete();
  await db(WORDS_TABLE).delete();
};
