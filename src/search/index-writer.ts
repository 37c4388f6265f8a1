import type { Knex } from 'knex';
import type { LocaleCode } from '../lib/locales';
import { formsText, stemCounts, words, forms, stem } from './analyze';
import { FIELDS, type FieldTerms } from './rank';
import { DOCUMENTS_TABLE, FTS_TABLE, WORDS_TABLE, type Dialect } from './schema';
import type { SearchSource, SearchType } from './sources';

/** PostgreSQL's text-search configuration of each locale (both ship with PostgreSQL: `\dF`). */
export const PG_CONFIG: Record<LocaleCode, 'indonesian' | 'english'> = { id: 'indonesian', en: 'english' };

/** The `tsvector` weight of each field: A title, B standfirst, C body, D tags and author. */
const PG_WEIGHTS = { title: 'A', standfirst: 'B', body: 'C', tags: 'D', author: 'D' } as const;

const WORDS_PER_INSERT = 200;

export type IndexKey = { type: SearchType; documentId: string; locale: LocaleCode };

const termsOf = (source: SearchSource): FieldTerms =>
  Object.fromEntries(FIELDS.map((f) => [f, stemCounts(source[f], source.locale)])) as FieldTerms;

/** Every word (kind `w`) and stem (kind `s`) of the source, for spelling corrections. */
const vocabularyOf = (source: SearchSource): { locale: string; kind: string; term: string }[] => {
  const found = new Set<string>();
  const rows: { locale: string; kind: string; term: string }[] = [];
  const add = (kind: string, term: string): void => {
    const key = `${kind}:${term}`;
    if (found.has(key)) return;
    found.add(key);
    rows.push({ locale: source.locale, kind, term });
  };
  for (const field of FIELDS) {
    for (const word of words(source[field])) {
      const wordForms = forms(word, source.locale);
      if (wordForms.length === 0) continue;
      add('w', word);
      for (const form of wordForms) add('s', stem(form, source.locale));
    }
  }
  return rows;
};

const keyOf = (key: IndexKey) => ({ type: key.type, document_id: key.documentId, locale: key.locale });

/** The index row of one key, if there is one: its id and title (to notice renames). */
export const findIndexed = async (db: Knex, key: IndexKey): Promise<{ id: number; title: string } | undefined> => {
  const row = (await db(DOCUMENTS_TABLE).where(keyOf(key)).first('id', 'title')) as
    { id: number | string; title: string } | undefined;
  return row ? { id: Number(row.id), title: row.title } : undefined;
};

/** Writes (inserts or replaces) the index row of one published locale version. */
export const writeSource = async (db: Knex, dialect: Dialect, source: SearchSource): Promise<void> => {
  const row: Record<string, unknown> = {
    type: source.type,
    document_id: source.documentId,
    locale: source.locale,
    slug: source.slug,
    title: source.title,
    standfirst: source.standfirst,
    body: source.body,
    tags: source.tags,
    author: source.author,
    terms: JSON.stringify(termsOf(source)),
    published_ms: source.publishedMs,
  };
  if (dialect === 'postgres') {
    const config = PG_CONFIG[source.locale];
    const parts = FIELDS.map((f) => `setweight(to_tsvector(?::regconfig, ?), '${PG_WEIGHTS[f]}')`).join(' || ');
    row.vector = db.raw(
      parts,
      FIELDS.flatMap((f) => [config, formsText(source[f], source.locale)]),
    );
  }
  const [inserted] = (await db(DOCUMENTS_TABLE)
    .insert(row)
    .onConflict(['type', 'document_id', 'locale'])
    .merge()
    .returning('id')) as ({ id: number | string } | number)[];
  const id = typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);

  if (dialect === 'sqlite') {
    await db.raw(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`, [id]);
    await db.raw(
      `INSERT INTO ${FTS_TABLE} (rowid, ${FIELDS.join(', ')}) VALUES (?, ${FIELDS.map(() => '?').join(', ')})`,
      [id, ...FIELDS.map((f) => stemsText(source, f))],
    );
  }

  const vocabulary = vocabularyOf(source);
  for (let i = 0; i < vocabulary.length; i += WORDS_PER_INSERT) {
    await db(WORDS_TABLE)
      .insert(vocabulary.slice(i, i + WORDS_PER_INSERT))
      .onConflict(['locale', 'kind', 'term'])
      .ignore();
  }
};

const stemsText = (source: SearchSource, field: (typeof FIELDS)[number]): string =>
  words(source[field])
    .flatMap((w) => forms(w, source.locale))
    .map((f) => stem(f, source.locale))
    .join(' ');

/** Removes the index row of one key (unpublished, deleted, or no longer in that locale). */
export const removeKey = async (db: Knex, dialect: Dialect, key: IndexKey): Promise<void> => {
  const found = await findIndexed(db, key);
  if (!found) return;
  if (dialect === 'sqlite') await db.raw(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`, [found.id]);
  await db(DOCUMENTS_TABLE).where({ id: found.id }).delete();
};

/** Empties the whole index (before a rebuild). */
export const clearIndex = async (db: Knex, dialect: Dialect): Promise<void> => {
  if (dialect === 'sqlite') await db.raw(`DELETE FROM ${FTS_TABLE}`);
  await db(DOCUMENTS_TABLE).delete();
  await db(WORDS_TABLE).delete();
};
