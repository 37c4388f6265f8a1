/**
 * The bench's search mix: deterministic queries over the corpus's own words
 * (bench/corpus.ts VOCABULARY), so every one of them finds articles at any N,
 * alternating Indonesian and English. Of every 10 queries of a locale: 3 of
 * one word, 3 of two, 1 of three, 2 still being typed (the last word a prefix,
 * as an as-you-type box sends them) and 1 with a typo (the spelling
 * correction's path).
 */
import { CORPUS_SEED, prng, VOCABULARY } from './corpus';
import type { LocaleCode } from '../src/lib/locales';

export type SearchQuery = { q: string; locale: LocaleCode; path: string };

export type QueryKind = 'word' | 'words' | 'three-words' | 'as-you-type' | 'typo';

const KINDS: readonly QueryKind[] = [
  'word',
  'words',
  'as-you-type',
  'word',
  'words',
  'three-words',
  'typo',
  'word',
  'as-you-type',
  'words',
];

export const SEARCH_QUERY_COUNT = 50;

export const searchPath = (q: string, locale: LocaleCode): string =>
  `/api/search?q=${encodeURIComponent(q)}&locale=${locale}`;

/** The first half of a word, at least 3 letters (shorter prefixes are matched whole: src/search/analyze.ts). */
const prefixOf = (word: string): string => word.slice(0, Math.max(3, Math.ceil(word.length / 2)));

/** One letter dropped inside a word of at least 6 letters: a typo the correction (src/search/correct.ts) repairs. */
const typoOf = (word: string, at: number): string => {
  const i = 1 + (at % (word.length - 2));
  return word.slice(0, i) + word.slice(i + 1);
};

/** `count` different queries, alternating `id` and `en`, no word twice in one; the same list at every run. */
export const searchQueries = (count = SEARCH_QUERY_COUNT): SearchQuery[] => {
  const random = prng(CORPUS_SEED ^ 0x5ea2c4);
  const out: SearchQuery[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const locale: LocaleCode = i % 2 === 0 ? 'id' : 'en';
    const vocabulary = VOCABULARY[locale];
    const kind = KINDS[Math.floor(i / 2) % KINDS.length] as QueryKind;
    for (;;) {
      const used = new Set<string>();
      /** A word of the vocabulary not used yet in this query, at least `min` letters long. */
      const pick = (min = 1): string => {
        for (;;) {
          const word = vocabulary[Math.floor(random() * vocabulary.length)] as string;
          if (word.length >= min && !used.has(word)) {
            used.add(word);
            return word;
          }
        }
      };
      const q =
        kind === 'word'
          ? pick()
          : kind === 'words'
            ? `${pick()} ${pick()}`
            : kind === 'three-words'
              ? `${pick()} ${pick()} ${pick()}`
              : kind === 'as-you-type'
                ? `${pick()} ${prefixOf(pick(6))}`
                : typoOf(pick(6), i);
      if (seen.has(`${locale} ${q}`)) continue;
      seen.add(`${locale} ${q}`);
      out.push({ q, locale, path: searchPath(q, locale) });
      break;
    }
  }
  return out;
};
