import { forms, normalise, stem, type QueryGroup } from './analyze';
import type { LocaleCode } from '../lib/locales';

const escapeHtml = (value: string): string =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const BEFORE = 8;
const LENGTH = 32;

const matcher = (groups: readonly QueryGroup[], locale: LocaleCode) => {
  const exact = new Set(groups.flatMap((g) => g.stems));
  const prefixes = groups.filter((g) => g.prefix).flatMap((g) => g.stems);
  return (word: string): boolean =>
    forms(normalise(word), locale)
      .map((f) => stem(f, locale))
      .some((s) => exact.has(s) || prefixes.some((p) => s.startsWith(p)));
};

/**
 * A short passage of the text around the first matched word, as HTML: every
 * matched word inside `<mark>`, everything else escaped. Words are matched as
 * the index matches them (same forms and stems), so `ditandatangani` marks
 * `menandatangani`. Null when no word of the text matches.
 */
export const snippetOf = (text: string, groups: readonly QueryGroup[], locale: LocaleCode): string | null => {
  const isMatch = matcher(groups, locale);
  const spans = [...text.matchAll(WORD)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }));
  const hits = spans.map((s) => isMatch(text.slice(s.start, s.end)));
  const first = hits.indexOf(true);
  if (first < 0) return null;
  const from = Math.max(0, first - BEFORE);
  const to = Math.min(spans.length, from + LENGTH);
  let html = from > 0 ? '… ' : '';
  let cursor = from > 0 ? spans[from].start : 0;
  for (let i = from; i < to; i += 1) {
    const span = spans[i];
    html += escapeHtml(text.slice(cursor, span.start).replace(/\s+/g, ' '));
    const word = escapeHtml(text.slice(span.start, span.end));
    html += hits[i] ? `<mark>${word}</mark>` : word;
    cursor = span.end;
  }
  html += to < spans.length ? ' …' : escapeHtml(text.slice(cursor).replace(/\s+/g, ' '));
  return html.trim();
};

/** The first words of a text, escaped (a hit whose match is only in its tags or byline). */
export const openingOf = (text: string): string => {
  const spans = [...text.matchAll(WORD)];
  if (spans.length <= LENGTH) return escapeHtml(text.trim());
  const last = spans[LENGTH - 1];
  return `${escapeHtml(text.slice(0, (last.index ?? 0) + last[0].length).trim())} …`;
};
