import type { Knex } from 'knex';
import type { LocaleCode } from '../lib/locales';
import { queryGroups, type QueryGroup } from './analyze';
import { WORDS_TABLE } from './schema';

/** Words shorter than this are never corrected (too many neighbours). */
const MIN_LENGTH = 4;

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at `max + 1`. */
export const editDistance = (a: string, b: string, max: number): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) rows[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    let best = max + 1;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
};

const allowedDistance = (word: string): number => (word.length >= 8 ? 2 : 1);

/** Is any stem of the group in the index (as a prefix, for the as-you-type word)? */
const known = async (db: Knex, locale: LocaleCode, group: QueryGroup): Promise<boolean> => {
  for (const s of group.stems) {
    const query = db(WORDS_TABLE).where({ locale, kind: 's' });
    const hit = group.prefix
      ? await query.andWhere('term', '>=', s).andWhere('term', '<', `${s}\uffff`).first('id')
      : await query.andWhere({ term: s }).first('id');
    if (hit) return true;
  }
  return false;
};

/**
 * The indexed word nearest to a word the index does not know: same first
 * letter, at most one edit (two for words of 8 letters or more); among equals
 * the one closest in length, then the first in alphabetical order, so both
 * engines choose the same. Undefined when there is none.
 */
const nearest = async (db: Knex, locale: LocaleCode, word: string): Promise<string | undefined> => {
  const max = allowedDistance(word);
  const first = word[0];
  const next = String.fromCodePoint((first.codePointAt(0) ?? 0) + 1);
  const rows = (await db(WORDS_TABLE)
    .where({ locale, kind: 'w' })
    .andWhere('term', '>=', first)
    .andWhere('term', '<', next)
    .andWhereRaw('length(term) between ? and ?', [word.length - max, word.length + max])
    .select('term')) as { term: string }[];
  let best: { term: string; distance: number } | undefined;
  for (const { term } of rows) {
    const distance = editDistance(word, term, max);
    if (distance > max) continue;
    const better =
      !best ||
      distance < best.distance ||
      (distance === best.distance &&
        (Math.abs(term.length - word.length) < Math.abs(best.term.length - word.length) ||
          (Math.abs(term.length - word.length) === Math.abs(best.term.length - word.length) && term < best.term)));
    if (better) best = { term, distance };
  }
  return best?.term;
};

/**
 * Replaces the query words the index does not know by their nearest indexed
 * word (typos: `presidn` → `presiden`). Returns the groups to search and the
 * corrections made (word → replacement), for `meta`.
 */
export const correctGroups = async (
  db: Knex,
  locale: LocaleCode,
  groups: readonly QueryGroup[],
): Promise<{ groups: QueryGroup[]; corrections: Record<string, string> }> => {
  const corrections: Record<string, string> = {};
  const out: QueryGroup[] = [];
  for (const group of groups) {
    if (group.word.length < MIN_LENGTH || /\p{N}/u.test(group.word) || (await known(db, locale, group))) {
      out.push(group);
      continue;
    }
    const replacement = await nearest(db, locale, group.word);
    const [corrected] = replacement ? queryGroups(`${replacement} `, locale) : [];
    if (corrected && replacement) {
      corrections[group.word] = replacement;
      out.push(corrected);
    } else out.push(group);
  }
  return { groups: out, corrections };
};
