import { stemmer as indonesianStem } from '@orama/stemmers/indonesian';
import englishStem from 'wink-porter2-stemmer';
import type { LocaleCode } from '../lib/locales';
import { boundedMemo } from '../lib/bounded-memo';
import { ENGLISH_STOPWORDS } from './english-stopwords';

/**
 * The one text analyser of search, used on both sides (indexing and querying)
 * and for both engines, so SQLite and PostgreSQL see the same words:
 *
 * 1. normalise: compatibility decomposition, diacritics removed, lower case
 *    (what FTS5's `unicode61 remove_diacritics 2` does, done here so that
 *    PostgreSQL, which has no `unaccent` in its stock configurations, gets it too);
 * 2. split into runs of letters and digits;
 * 3. English: drop PostgreSQL's `english` stop words;
 * 4. Indonesian: add the restored form of a nasalised prefix (below);
 * 5. stem: Snowball — Indonesian through @orama/stemmers (the same algorithm as
 *    PostgreSQL's `indonesian_stem`), English through wink-porter2-stemmer
 *    (Porter2 = Snowball English, PostgreSQL's `english_stem`). Words with a
 *    digit are not stemmed: PostgreSQL's parser files them as `numword`, which
 *    both configurations send to the `simple` dictionary.
 *
 * PostgreSQL is given the words of steps 1–4 and stems them itself with the
 * locale's configuration; SQLite's FTS5 is given the stems of step 5.
 * tests/int/search-analyzer.test.ts checks on PostgreSQL that the two agree.
 *
 * Why step 4: Snowball removes `meN-`/`peN-` but cannot know that the prefix
 * swallowed the root's first consonant for roots in t- and k- (`tanda tangan`
 * → `menandatangani`, `kirim` → `mengirim`), so `menandatangani` would stem to
 * `andatangan` and never meet `ditandatangani` (`tandatangan`). For a word in
 * `men`/`pen` + vowel the analyser also emits `t` + the rest, and for
 * `meng`/`peng` + vowel `k` + the rest. A wrong guess adds a term that no
 * other word has; it never removes one.
 */

/** Longer words are not indexed (PostgreSQL skips words over 2047 bytes; FTS5 would keep them). */
export const MAX_WORD_LENGTH = 60;

export const normalise = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** The normalised words of a text, in order. */
export const words = (text: string): string[] =>
  (normalise(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length <= MAX_WORD_LENGTH);

/** A last word shorter than this is matched whole: `un` of `Kim Jong Un` must not find `untuk`. */
export const MIN_PREFIX = 3;

const NASAL_T = /^(me|pe)n[aiueo]/;
const NASAL_K = /^(me|pe)ng[aiueo]/;

/** The forms a word is indexed and searched under, before stemming (step 4 above). */
export const forms = (word: string, locale: LocaleCode): string[] => {
  if (locale === 'en') return ENGLISH_STOPWORDS.has(word) ? [] : [word];
  if (NASAL_K.test(word)) return [word, `k${word.slice(4)}`];
  if (NASAL_T.test(word)) return [word, `t${word.slice(3)}`];
  return [word];
};

const HAS_DIGIT = /\p{N}/u;

/**
 * Stems are pure functions of the form, and a news archive repeats the same few
 * thousand words: each locale remembers its last STEM_MEMORY stems (cleared, not
 * evicted one by one, when full: memory stays bounded). In a profile of the
 * bench import, stemming the same words again was a quarter of indexing time.
 */
const STEM_MEMORY = 50_000;
const stemOf: Record<LocaleCode, (form: string) => string> = {
  id: boundedMemo((form) => (HAS_DIGIT.test(form) ? form : indonesianStem(form)), STEM_MEMORY),
  en: boundedMemo((form) => (HAS_DIGIT.test(form) ? form : englishStem(form)), STEM_MEMORY),
};

export const stem = (form: string, locale: LocaleCode): string => stemOf[locale](form);

/** The forms of every word of a text, space-separated: the text PostgreSQL's configuration receives. */
export const formsText = (text: string, locale: LocaleCode): string =>
  words(text)
    .flatMap((w) => forms(w, locale))
    .join(' ');

/** The stems of every word of a text, one per form, in order: what FTS5 indexes. */
export const stems = (text: string, locale: LocaleCode): string[] =>
  words(text)
    .flatMap((w) => forms(w, locale))
    .map((f) => stem(f, locale));

/**
 * An empty count of stems, with no prototype: a word such as `constructor`
 * must count from zero, not from Object.prototype's function.
 */
const noCounts = (): Record<string, number> => Object.create(null) as Record<string, number>;

/** How often each stem occurs in a text (for ranking). */
export const stemCounts = (text: string, locale: LocaleCode): Record<string, number> => {
  const counts = noCounts();
  for (const s of stems(text, locale)) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
};

/** An entry of the spelling-correction vocabulary: a word (kind `w`) or a stem (kind `s`). */
export type VocabularyEntry = { kind: 'w' | 's'; term: string };

/** Everything the index stores of one field, from one walk of its words → forms → stems. */
export type FieldAnalysis = {
  /** How often each stem occurs: what stemCounts gives. */
  counts: Record<string, number>;
  /** The stems, one per form, space-separated: what FTS5 indexes (stems joined). */
  stemsText: string;
  /** The forms, space-separated: what PostgreSQL's configuration receives (formsText). */
  formsText: string;
  /**
   * In order of first occurrence, each word that has forms, followed by the
   * stems of its forms (once per word; two words can share a stem).
   */
  vocabulary: VocabularyEntry[];
};

/**
 * The indexing side's single pass over a field: the products of stemCounts,
 * stems, formsText and the vocabulary, each word's forms and stems found once
 * however often it occurs (tests/int/search-analyzer.test.ts checks that they
 * equal what those functions give).
 */
export const analyse = (text: string, locale: LocaleCode): FieldAnalysis => {
  const counts = noCounts();
  const allStems: string[] = [];
  const allForms: string[] = [];
  const vocabulary: VocabularyEntry[] = [];
  const seen = new Map<string, { forms: string[]; stems: string[] }>();
  for (const word of words(text)) {
    let known = seen.get(word);
    if (!known) {
      const wordForms = forms(word, locale);
      known = { forms: wordForms, stems: wordForms.map((f) => stem(f, locale)) };
      seen.set(word, known);
      if (wordForms.length > 0) {
        vocabulary.push({ kind: 'w', term: word });
        for (const s of known.stems) vocabulary.push({ kind: 's', term: s });
      }
    }
    for (const f of known.forms) allForms.push(f);
    for (const s of known.stems) {
      allStems.push(s);
      counts[s] = (counts[s] ?? 0) + 1;
    }
  }
  return { counts, stemsText: allStems.join(' '), formsText: allForms.join(' '), vocabulary };
};

/** One word of a query: it matches a document term equal to one of its stems (or, if `prefix`, starting with one). */
export type QueryGroup = { word: string; forms: string[]; stems: string[]; prefix: boolean };

/**
 * The words of a query, as groups to be AND-ed. Everything that is not a
 * letter or a digit is a separator, so full-text syntax (`"`, `*`, `NEAR(`,
 * `-`, parentheses, `:`) never reaches an engine, and `AND`/`OR` are words
 * like any other (English: stop words). The last word also matches as a
 * prefix (as-you-type) unless the query ends with a separator or the word is
 * shorter than MIN_PREFIX.
 */
export const queryGroups = (q: string, locale: LocaleCode): QueryGroup[] => {
  const list = words(q);
  const endsInWord = /[\p{L}\p{N}]$/u.test(normalise(q));
  const seen = new Set<string>();
  const groups: QueryGroup[] = [];
  list.forEach((word, i) => {
    const prefix = endsInWord && i === list.length - 1 && word.length >= MIN_PREFIX;
    const key = `${word}${prefix ? '*' : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const wordForms = forms(word, locale);
    if (wordForms.length === 0) return;
    groups.push({ word, forms: wordForms, stems: [...new Set(wordForms.map((f) => stem(f, locale)))], prefix });
  });
  return groups;
};
