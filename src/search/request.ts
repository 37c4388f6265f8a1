import { errors } from '@strapi/utils';
import { DEFAULT_LOCALE, isLocaleCode, LOCALE_CODES } from '../lib/locales';
import type { SearchRequest } from './search';
import { SEARCH_TYPES, type SearchType } from './sources';

/** The longest query accepted, in characters. */
export const MAX_QUERY_LENGTH = 200;
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 50;
/** Deeper pages are refused: nobody pages a search this far, and each page ranks every hit before it. */
export const MAX_PAGE = 100;

/** The raw inputs of a search, as REST (`?q=&locale=&type=&page=&pageSize=`) or GraphQL arguments give them. */
export type RawSearchInput = {
  q: unknown;
  locale: unknown;
  type: unknown;
  page: unknown;
  pageSize: unknown;
};

const fail = (message: string, details: Record<string, unknown> = {}): never => {
  throw new errors.ValidationError(message, details);
};

const integer = (value: unknown, name: string, min: number, max: number, fallback: number): number => {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    fail(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`, { [name]: value });
  }
  return n;
};

const typesOf = (value: unknown): SearchType[] => {
  if (value === undefined || value === null || value === '') return [...SEARCH_TYPES];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v): v is string => typeof v === 'string')) fail('type must be a comma-separated list of names');
  const names = (list as string[])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !(SEARCH_TYPES as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    fail(`Unknown type ${JSON.stringify(unknown.join(',') || String(value))}: use ${SEARCH_TYPES.join(', ')}`, {
      type: value,
      allowed: SEARCH_TYPES,
    });
  }
  return SEARCH_TYPES.filter((t) => names.includes(t));
};

/**
 * Checks a search's inputs and applies the defaults (locale `id`, every type,
 * page 1 of 10). Throws a ValidationError (a 400) for: a missing, empty or
 * whitespace-only `q`, a `q` over 200 characters or given twice, an unknown
 * locale or type, a page or page size out of range.
 */
export const parseSearchInput = (raw: RawSearchInput): SearchRequest => {
  if (typeof raw.q !== 'string') {
    fail(raw.q === undefined ? 'q is required: the words to search for' : 'q must be given once, as text', {
      q: raw.q ?? null,
    });
  }
  const q = raw.q as string;
  if (q.trim() === '') fail('q is empty: give the words to search for', { q });
  const length = [...q].length;
  if (length > MAX_QUERY_LENGTH) {
    fail(`q is ${length} characters long; at most ${MAX_QUERY_LENGTH} are allowed`, {
      length,
      max: MAX_QUERY_LENGTH,
    });
  }
  const locale = raw.locale === undefined || raw.locale === null || raw.locale === '' ? DEFAULT_LOCALE : raw.locale;
  if (!isLocaleCode(locale)) {
    fail(`Unknown locale ${JSON.stringify(locale)}: use one of ${LOCALE_CODES.join(', ')}`, {
      locale,
      allowed: LOCALE_CODES,
    });
  }
  return {
    q,
    locale: locale as SearchRequest['locale'],
    types: typesOf(raw.type),
    page: integer(raw.page, 'page', 1, MAX_PAGE, 1),
    pageSize: integer(raw.pageSize, 'pageSize', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  };
};
