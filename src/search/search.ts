import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { LocaleCode } from '../lib/locales';
import { queryGroups, type QueryGroup } from './analyze';
import { correctGroups } from './correct';
import { PG_CONFIG } from './index-writer';
import { scoreOf, type FieldTerms } from './rank';
import { DOCUMENTS_TABLE, FTS_TABLE, dialectOf, type Dialect } from './schema';
import { openingOf, snippetOf } from './snippet';
import type { SearchType } from './sources';

export type SearchRequest = {
  q: string;
  locale: LocaleCode;
  types: readonly SearchType[];
  page: number;
  pageSize: number;
};

export type SearchHit = {
  type: SearchType;
  documentId: string;
  slug: string | null;
  title: string;
  standfirst: string;
  /** HTML: matched words in `<mark>`, everything else escaped. */
  snippet: string;
  score: number;
};

export type SearchAnswer = {
  data: SearchHit[];
  meta: {
    pagination: { page: number; pageSize: number; pageCount: number; total: number };
    search: { q: string; locale: LocaleCode; types: SearchType[]; corrections: Record<string, string> };
  };
};

/**
 * How many matches, in the engine's own order (bm25 / ts_rank), are ranked by
 * rank.ts: the hits beyond them (a very common word) are not reachable by
 * paging. The engines agree on everything inside this window.
 */
export const RANKED_WINDOW = 500;

type Candidate = {
  id: number | string;
  type: SearchType;
  document_id: string;
  slug: string | null;
  title: string;
  standfirst: string;
  terms: string;
  published_ms: number | string;
  total: number | string;
};

const CANDIDATE_COLUMNS = ['id', 'type', 'document_id', 'slug', 'title', 'standfirst', 'terms', 'published_ms'];

/** `("s1" OR "s2"*) AND (…)`: FTS5 strings hold only letters and digits (analyze.ts), so nothing is syntax. */
const ftsQuery = (groups: readonly QueryGroup[], join: 'AND' | 'OR'): string =>
  groups.map((g) => `(${g.stems.map((s) => `"${s}"${g.prefix ? '*' : ''}`).join(' OR ')})`).join(` ${join} `);

/**
 * `(f1 | f2:*) & (…)` for `to_tsquery`, which stems each form with the locale's
 * configuration. `websearch_to_tsquery` cannot say "prefix" or group
 * alternatives; the forms are letters and digits only, so no user syntax gets
 * through (a form such as `or` or `and` is a plain word to `to_tsquery`).
 */
const tsQuery = (groups: readonly QueryGroup[], join: '&' | '|'): string =>
  groups.map((g) => `(${g.forms.map((f) => `${f}${g.prefix ? ':*' : ''}`).join(' | ')})`).join(` ${join} `);

const candidates = async (
  db: Knex,
  dialect: Dialect,
  request: SearchRequest,
  groups: readonly QueryGroup[],
  mode: 'all' | 'any',
  limit: number,
): Promise<Candidate[]> => {
  if (dialect === 'postgres') {
    const columns = CANDIDATE_COLUMNS.map((c) => `d.${c}`).join(', ');
    const { rows } = (await db.raw(
      `SELECT ${columns}, count(*) OVER () AS total
         FROM ${DOCUMENTS_TABLE} d, to_tsquery(?::regconfig, ?) AS query
        WHERE d.locale = ? AND d.type = ANY(?) AND d.vector @@ query
        ORDER BY ts_rank(d.vector, query) DESC, d.published_ms DESC, d.id
        LIMIT ?`,
      [
        PG_CONFIG[request.locale],
        tsQuery(groups, mode === 'all' ? '&' : '|'),
        request.locale,
        [...request.types],
        limit,
      ],
    )) as { rows: Candidate[] };
    return rows;
  }
  const columns = CANDIDATE_COLUMNS.map((c) => `d.${c}`).join(', ');
  // bm25() is only allowed in a plain query of the FTS table: rank there, join and count outside.
  return (await db.raw(
    `SELECT ${columns}, count(*) OVER () AS total
       FROM (SELECT rowid AS id, bm25(${FTS_TABLE}, 10, 5, 2, 1.5, 1.5) AS rank
               FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?) m
       JOIN ${DOCUMENTS_TABLE} d ON d.id = m.id
      WHERE d.locale = ? AND d.type IN (${request.types.map(() => '?').join(', ')})
      ORDER BY m.rank, d.published_ms DESC, d.id
      LIMIT ?`,
    [ftsQuery(groups, mode === 'all' ? 'AND' : 'OR'), request.locale, ...request.types, limit],
  )) as Candidate[];
};

const emptyAnswer = (request: SearchRequest, corrections: Record<string, string>): SearchAnswer => ({
  data: [],
  meta: {
    pagination: { page: request.page, pageSize: request.pageSize, pageCount: 0, total: 0 },
    search: { q: request.q, locale: request.locale, types: [...request.types], corrections },
  },
});

/**
 * Runs a search: the query's words (analyze.ts), spelling corrections for
 * words the index does not know (correct.ts), the documents with every word
 * (or, when none has them all, with any of them), ranked by rank.ts with the
 * newer first among equals, one page of them with snippets.
 */
export const search = async (strapi: Core.Strapi, request: SearchRequest): Promise<SearchAnswer> => {
  const db = strapi.db.connection;
  const dialect = dialectOf(strapi);
  const parsed = queryGroups(request.q, request.locale);
  if (parsed.length === 0) return emptyAnswer(request, {});
  const { groups, corrections } = await correctGroups(db, request.locale, parsed);

  const window = Math.max(RANKED_WINDOW, request.page * request.pageSize);
  let found = await candidates(db, dialect, request, groups, 'all', window);
  if (found.length === 0 && groups.length > 1) found = await candidates(db, dialect, request, groups, 'any', window);
  if (found.length === 0) return emptyAnswer(request, corrections);

  const ranked = found
    .map((c) => ({ c, score: scoreOf(groups, JSON.parse(c.terms) as FieldTerms), ms: Number(c.published_ms) }))
    .sort((a, b) => b.score - a.score || b.ms - a.ms || (a.c.document_id < b.c.document_id ? -1 : 1));
  const total = Number(found[0].total);
  const offset = (request.page - 1) * request.pageSize;
  const page = ranked.slice(offset, offset + request.pageSize);

  const texts = page.length
    ? ((await db(DOCUMENTS_TABLE)
        .whereIn(
          'id',
          page.map((p) => Number(p.c.id)),
        )
        .select('id', 'standfirst', 'body', 'tags', 'author')) as {
        id: number | string;
        standfirst: string;
        body: string;
        tags: string;
        author: string;
      }[])
    : [];
  const textOf = new Map(texts.map((t) => [Number(t.id), t]));

  const data = page.map(({ c, score }): SearchHit => {
    const text = textOf.get(Number(c.id));
    const snippet =
      snippetOf(text?.standfirst ?? '', groups, request.locale) ??
      snippetOf(text?.body ?? '', groups, request.locale) ??
      snippetOf([text?.tags, text?.author].filter(Boolean).join(' · '), groups, request.locale) ??
      snippetOf(c.title, groups, request.locale) ??
      openingOf(text?.standfirst || text?.body || c.title);
    return {
      type: c.type,
      documentId: c.document_id,
      slug: c.slug,
      title: c.title,
      standfirst: c.standfirst,
      snippet,
      score,
    };
  });

  return {
    data,
    meta: {
      pagination: {
        page: request.page,
        pageSize: request.pageSize,
        pageCount: Math.ceil(total / request.pageSize),
        total,
      },
      search: { q: request.q, locale: request.locale, types: [...request.types], corrections },
    },
  };
};
