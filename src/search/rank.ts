import type { QueryGroup } from './analyze';

/** The ranked fields, heaviest first: title above standfirst above body, then tags and author. */
export const FIELDS = ['title', 'standfirst', 'body', 'tags', 'author'] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_WEIGHTS: Record<Field, number> = { title: 10, standfirst: 5, body: 2, tags: 1.5, author: 1.5 };

/** Stem → occurrences, per field: stored with each index row (column `terms`). */
export type FieldTerms = Record<Field, Record<string, number>>;

/** A match on a prefix of a longer word counts for this much of an exact one. */
const PREFIX_SHARE = 0.5;

/**
 * A word's occurrences in a field: its stems looked up directly; only the
 * as-you-type last word (a prefix) walks the field's terms. The stored terms
 * are parsed JSON, so a lookup takes own properties only (`constructor`).
 */
const occurrences = (group: QueryGroup, terms: Record<string, number>): number => {
  let exact = 0;
  for (const s of group.stems) if (Object.hasOwn(terms, s)) exact += terms[s] ?? 0;
  if (!group.prefix) return exact;
  let prefixed = 0;
  for (const [term, count] of Object.entries(terms)) {
    if (!group.stems.includes(term) && group.stems.some((s) => term.startsWith(s))) prefixed += count;
  }
  return exact + PREFIX_SHARE * prefixed;
};

/**
 * The score of one document for a query, computed here, in JavaScript, for
 * both engines: each engine only finds the candidates (and orders them to pick
 * which ones, when there are very many), so SQLite and PostgreSQL return the
 * same hits in the same order. For each query word: the weight of the heaviest
 * field it occurs in, plus a little for every further occurrence (log-scaled,
 * so a long body does not outweigh a title). Documents that miss words (the
 * "any word" fallback) are scaled down by the share of words they miss.
 */
export const scoreOf = (groups: readonly QueryGroup[], terms: FieldTerms): number => {
  let total = 0;
  let matched = 0;
  for (const group of groups) {
    let best = 0;
    let extra = 0;
    for (const field of FIELDS) {
      const n = occurrences(group, terms[field] ?? {});
      if (n === 0) continue;
      const weight = FIELD_WEIGHTS[field] * (n >= 1 ? 1 : n);
      best = Math.max(best, weight);
      extra += FIELD_WEIGHTS[field] * Math.log1p(n) * 0.1;
    }
    if (best > 0) matched += 1;
    total += best + extra;
  }
  const coverage = groups.length === 0 ? 0 : matched / groups.length;
  return Math.round(total * coverage * coverage * 1000) / 1000;
};
