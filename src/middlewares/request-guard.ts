import type { Settings } from '../config/settings';
import { sendError } from '../http/errors';
import { surfaceOf, type SurfaceState } from '../http/surface';

/**
 * Refuses malformed requests before Strapi reads anything, with a 400 JSON
 * error that says what is wrong:
 * - a path or query string whose percent-encoding is broken or not UTF-8
 *   (Strapi would otherwise pass `%FF` through as literal text);
 * - under the REST prefix (`/api`): a query nested deeper than `maxDepth`
 *   brackets or with `populate` nested more than `maxPopulateDepth` times,
 *   keys that target object prototypes (`__proto__`, `constructor`,
 *   `prototype`), a `status` other than `published`/`draft`, and filters of an
 *   unexpected shape: an operator Strapi does not list for the content API
 *   (or a JSON-only one, which fails in the database on other columns), an
 *   operator inside an operator, `$and`/`$or` that is not a list.
 * Oversized headers never reach Koa: see src/bootstrap/client-errors.ts.
 */
export type RequestGuardConfig = Settings['query'];

type Ctx = {
  method: string;
  path: string;
  state: SurfaceState;
  get: (name: string) => string;
  querystring: string;
  query: Record<string, unknown>;
  status: number;
  body: unknown;
};
type Next = () => Promise<unknown>;

const COMPARISON_OPERATORS = new Set([
  '$eq',
  '$eqi',
  '$ne',
  '$nei',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$in',
  '$notIn',
  '$contains',
  '$notContains',
  '$containsi',
  '$notContainsi',
  '$startsWith',
  '$startsWithi',
  '$endsWith',
  '$endsWithi',
  '$null',
  '$notNull',
  '$between',
]);
const LOGICAL_OPERATORS = new Set(['$and', '$or', '$not']);
const PROTOTYPE_KEYS = /(^|\[)(__proto__|constructor|prototype)(\]|$)/;

export class RequestRejected extends Error {}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown): boolean => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** Checks one filters object (a field map, possibly with logical operators). */
const checkFilters = (filters: unknown, where: string): void => {
  if (!isPlainObject(filters)) {
    throw new RequestRejected(`${where} must be an object of fields and operators`);
  }
  for (const [key, value] of Object.entries(filters)) {
    const at = `${where}[${key}]`;
    if (key.startsWith('$')) {
      if (COMPARISON_OPERATORS.has(key)) {
        const ok = isScalar(value) || (Array.isArray(value) && value.every(isScalar));
        if (!ok) throw new RequestRejected(`${at} must be a value or a list of values, not an object`);
        continue;
      }
      if (key === '$not') {
        checkFilters(value, at);
        continue;
      }
      if (LOGICAL_OPERATORS.has(key)) {
        const list = isPlainObject(value) ? Object.values(value) : value;
        if (!Array.isArray(list)) throw new RequestRejected(`${at} must be a list of filter objects`);
        list.forEach((item, i) => checkFilters(item, `${at}[${i}]`));
        continue;
      }
      throw new RequestRejected(`Unknown filter operator "${key}" in ${at}`);
    }
    if (isPlainObject(value)) {
      checkFilters(value, at);
    } else if (Array.isArray(value) && !value.every(isScalar)) {
      throw new RequestRejected(`${at} mixes values and operators`);
    }
  }
};

const checkQueryString = (raw: string, maxDepth: number, maxPopulateDepth: number): void => {
  for (const part of raw.split('&')) {
    const [rawKey = '', rawValue = ''] = part.split(/=(.*)/s, 2);
    let key: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new RequestRejected(`Malformed percent-encoding in the query string near "${part.slice(0, 40)}"`);
    }
    if (PROTOTYPE_KEYS.test(key)) throw new RequestRejected(`Query key "${key.slice(0, 80)}" is not allowed`);
    const depth = (key.match(/\[/g) ?? []).length;
    if (depth > maxDepth) {
      throw new RequestRejected(
        `Query key "${key.slice(0, 60)}…" is nested ${depth} levels deep; at most ${maxDepth} are allowed`,
      );
    }
    const populateDepth = (key.match(/(^|\[)populate(\]|\[|$)/g) ?? []).length;
    if (populateDepth > maxPopulateDepth) {
      throw new RequestRejected(
        `populate is nested ${populateDepth} levels deep; at most ${maxPopulateDepth} are allowed`,
      );
    }
  }
};

const checkApiQuery = (query: Record<string, unknown>): void => {
  const { status, fields, filters } = query;
  if (status !== undefined && status !== 'published' && status !== 'draft') {
    throw new RequestRejected('status must be "published" or "draft"');
  }
  const fieldList = typeof fields === 'string' ? fields.split(',') : Array.isArray(fields) ? fields : [];
  if (fieldList.some((f) => typeof f !== 'string' || PROTOTYPE_KEYS.test(f.trim()))) {
    throw new RequestRejected('fields must be a list of attribute names');
  }
  if (filters !== undefined) checkFilters(filters, 'filters');
};

const requestGuard = (config: RequestGuardConfig) => {
  // Brackets in one query key (`filters[tags][slug][$eq]` is 3); relations populated inside each other.
  const { maxDepth, maxPopulateDepth } = config;

  return async (ctx: Ctx, next: Next): Promise<unknown> => {
    try {
      try {
        decodeURIComponent(ctx.path);
      } catch {
        throw new RequestRejected('Malformed percent-encoding in the path');
      }
      if (ctx.querystring) {
        checkQueryString(ctx.querystring, maxDepth, maxPopulateDepth);
        if (surfaceOf(ctx).api) checkApiQuery(ctx.query);
      }
    } catch (error) {
      if (error instanceof RequestRejected) return sendError(ctx, 400, error.message);
      throw error;
    }
    return next();
  };
};

export default requestGuard;
