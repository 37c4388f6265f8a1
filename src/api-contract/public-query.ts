import { errors } from '@strapi/utils';
import { LOCALE_CODES, isLocaleCode } from '../lib/locales';
import { mergePopulate, type PopulateTree, type PublicViews } from './public-populate';
import { selectView } from './public-view';

/** The REST page-size ceiling (config/api.ts `rest.maxLimit`). */
export type Limits = { maxLimit: number };

const describeLocales = (): string => LOCALE_CODES.join(', ');

/** A locale the newsroom does not publish in is a client error, not an empty page. */
export const assertKnownLocale = (locale: unknown): void => {
  if (locale === undefined || locale === null || locale === '') return;
  if (!isLocaleCode(locale)) {
    throw new errors.ValidationError(`Unknown locale "${String(locale)}": use one of ${describeLocales()}`, {
      locale,
      allowed: LOCALE_CODES,
    });
  }
};

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * Strapi silently shrinks a page size above the maximum; a frontend asking
 * for 500 entries and getting 100 would miss content without knowing it, so
 * such a request is refused with a message instead.
 */
export const assertPageSizeWithinLimit = (pagination: unknown, { maxLimit }: Limits): void => {
  const p = asRecord(pagination);
  for (const key of ['pageSize', 'limit'] as const) {
    if (p[key] === undefined) continue;
    const value = Number(p[key]);
    if (!Number.isInteger(value) || value < -1 || value === 0) {
      throw new errors.ValidationError(`pagination[${key}] must be a positive integer, got "${String(p[key])}"`);
    }
    if (value === -1 || value > maxLimit) {
      throw new errors.ValidationError(`pagination[${key}] must be at most ${maxLimit}, got ${String(p[key])}`, {
        [key]: p[key],
        maxLimit,
      });
    }
  }
};

/** The highest page number or offset a client may ask for; beyond it no newsroom has content. */
export const MAX_PAGE = 1_000_000;

/**
 * Strapi serves `pagination[page]=-1`, `0` or `1e23` as if they were valid
 * (first page, or an empty page that claims page 1e+23) and answers a
 * negative `start` with the whole list: each is a client error, and so is
 * mixing page-based and offset-based pagination.
 */
export const assertPageAndOffset = (pagination: unknown): void => {
  const p = asRecord(pagination);
  const check = (key: 'page' | 'start', min: number): void => {
    if (p[key] === undefined) return;
    const value = Number(p[key]);
    if (!Number.isInteger(value) || value < min || value > MAX_PAGE * (key === 'start' ? 100 : 1)) {
      throw new errors.ValidationError(
        `pagination[${key}] must be an integer from ${min} to ${MAX_PAGE * (key === 'start' ? 100 : 1)}, got "${String(p[key])}"`,
      );
    }
  };
  check('page', 1);
  check('start', 0);
  const pageBased = p.page !== undefined || p.pageSize !== undefined;
  const offsetBased = p.start !== undefined || p.limit !== undefined;
  if (pageBased && offsetBased) {
    throw new errors.ValidationError('Use either pagination[page]/[pageSize] or pagination[start]/[limit], not both');
  }
};

export const DEFAULT_ARTICLE_SORT = ['firstPublishedAt:desc', 'id:desc'] as const;

type Query = Record<string, unknown>;

/** What the server adds to a read: one population, or a table of views chosen by `?view=`. */
export type PublicShape = { populate: PopulateTree; views?: undefined } | { views: PublicViews; populate?: undefined };

/** A `sort` or `fields` the client actually gave (not absent, not empty). */
const given = (value: unknown): boolean =>
  value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * The query of a public read with the server's defaults applied: the locale
 * and page size are checked, `view` (when the type has views) picks the
 * population and top-level fields and is removed, `populate` is merged with
 * the defaults (the client's entries win, see public-populate.ts), the
 * client's `fields` replace the view's, and `sort` gets a default when the
 * client gives none.
 */
export const withPublicDefaults = (
  query: Query,
  options: PublicShape & { sort?: readonly string[]; limits: Limits },
): Query => {
  assertKnownLocale(query.locale);
  assertPageSizeWithinLimit(query.pagination, options.limits);
  assertPageAndOffset(query.pagination);
  let next: Query;
  if (options.views) {
    const { view, ...rest } = query;
    const chosen = selectView(options.views, view);
    next = { ...rest, populate: mergePopulate(chosen.populate, query.populate) };
    if (chosen.fields && !given(query.fields)) next.fields = [...chosen.fields];
  } else {
    next = { ...query, populate: mergePopulate(options.populate, query.populate) };
  }
  if (!given(query.sort) && options.sort) next.sort = [...options.sort];
  return next;
};
