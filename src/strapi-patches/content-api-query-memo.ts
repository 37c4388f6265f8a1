/**
 * Strapi patch — targets @strapi/core 5.54.0's content API (services/content-api/index.ts:
 * `strapi.contentAPI.validate.query` and `.sanitize.query`, from @strapi/utils'
 * createAPIValidators / createAPISanitizers), called by the core REST controllers
 * (core-api/controller/index.ts) and by the GraphQL plugin's resolvers
 * (server/src/services/builders/resolvers/*.ts) on every read, with no memo upstream.
 */
import type { Core } from '@strapi/strapi';

type Query = Record<string, unknown>;
type Schema = { uid?: string };
type Options = { auth?: unknown; route?: unknown; strictParams?: unknown } | undefined;
type Auth = { strategy?: { name?: string }; ability?: { rules?: unknown } };
type Check<T> = (query: Query, schema: Schema, options?: Options) => Promise<T>;
type ContentApi = { validate: { query: Check<void> }; sanitize: { query: Check<Query> } };

/** Shapes kept per app and per check (cleared, not evicted one by one, when full). */
const MEMORY = 1_000;
const SLUG_PLACEHOLDER = '\u0000slug';

type Counts = { hits: number; misses: number };
const stats = new WeakMap<Core.Strapi, Counts>();

/** How often this app's query checks were answered from the memo, and made (for tests). */
export const contentApiQueryStats = (strapi: Core.Strapi): Counts => ({
  hits: stats.get(strapi)?.hits ?? 0,
  misses: stats.get(strapi)?.misses ?? 0,
});

const slugOf = (query: Query | undefined): string | undefined => {
  const slug = ((query?.filters as Query | undefined)?.slug as Query | undefined)?.$eq;
  return typeof slug === 'string' ? slug : undefined;
};

const withSlug = (query: Query, slug: string): Query => {
  const filters = query.filters as Query;
  return { ...query, filters: { ...filters, slug: { ...(filters.slug as Query), $eq: slug } } };
};

const clone = (query: Query): Query | undefined => {
  try {
    return structuredClone(query);
  } catch {
    return undefined;
  }
};

/**
 * Strapi validates, then sanitizes, every content-API query against the
 * content type and the caller's permissions: each a walk of the filters,
 * sort, fields and the whole populate tree. With the server's default
 * population (src/api-contract/public-populate.ts) the two were the largest
 * share of an uncached list or article read (`npm run bench:profile`); GraphQL
 * makes them again for every relation of every row.
 *
 * Both are pure functions of the content type, the route, `strictParams`, the
 * query and the caller's permissions, so for a users-permissions caller (the
 * Public role, a logged-in user) an earlier result with the same five is used:
 * the key holds the rules of the ability users-permissions builds from the
 * database for the request, so a changed permission changes the key, on every
 * instance at once. A failing check is never remembered: it throws again. API
 * tokens go through Strapi every time (their checks also read the token's
 * type and expiry). Results are copied in and out, so no caller shares one.
 *
 * A slug lookup (`filters.slug.$eq`, the article page) shares one entry across
 * slugs: the checks read a filter's keys, never a string value, so the query
 * is checked with a placeholder and the slug put back into the result.
 * Applied by ./index.ts (PERF_OPTIMIZATIONS), to this app's content API only.
 */
export const memoizeContentApiQueries = (strapi: Core.Strapi): void => {
  const api = strapi.contentAPI as unknown as ContentApi;
  const counts: Counts = { hits: 0, misses: 0 };
  stats.set(strapi, counts);
  /** The memo key of a check, or none when the caller or the query cannot be keyed. */
  const keyOf = (query: Query, schema: Schema, options: Options): string | undefined => {
    const auth = options?.auth as Auth | undefined;
    if (auth?.strategy?.name !== 'users-permissions' || !auth.ability || typeof schema?.uid !== 'string')
      return undefined;
    try {
      // The route (its query parameters' schemas apply under strictParams) by what names it: Strapi
      // hands each request its own route object.
      const route = (options?.route ?? {}) as { method?: unknown; path?: unknown; handler?: unknown };
      const routeName = [route.method, route.path, typeof route.handler === 'string' ? route.handler : null];
      return JSON.stringify([schema.uid, routeName, options?.strictParams, auth.ability.rules, query]);
    } catch {
      return undefined;
    }
  };

  /** The query as it is checked and keyed (its slug, if any, as the placeholder), and that slug. */
  const shapeOf = (query: Query, schema: Schema, options: Options) => {
    const slug = slugOf(query);
    const shape = slug === undefined ? query : withSlug(query, SLUG_PLACEHOLDER);
    return { slug, shape, key: keyOf(shape, schema, options) };
  };

  const validated = new Set<string>();
  const originalValidate = api.validate.query.bind(api.validate);
  api.validate.query = async (query, schema, options) => {
    const { shape, key } = shapeOf(query, schema, options);
    if (key === undefined) return originalValidate(query, schema, options);
    if (validated.has(key)) {
      counts.hits += 1;
      return;
    }
    await originalValidate(shape, schema, options);
    counts.misses += 1;
    if (validated.size >= MEMORY) validated.clear();
    validated.add(key);
  };

  const sanitized = new Map<string, Query>();
  const originalSanitize = api.sanitize.query.bind(api.sanitize);
  api.sanitize.query = async (query, schema, options) => {
    const { slug, shape, key } = shapeOf(query, schema, options);
    if (key === undefined) return originalSanitize(query, schema, options);
    const known = sanitized.get(key);
    let result = known ? clone(known) : undefined;
    if (result) counts.hits += 1;
    else {
      result = await originalSanitize(shape, schema, options);
      counts.misses += 1;
      const copy = clone(result);
      if (copy) {
        if (sanitized.size >= MEMORY) sanitized.clear();
        sanitized.set(key, copy);
      }
    }
    return slug !== undefined && slugOf(result) === SLUG_PLACEHOLDER ? withSlug(result, slug) : result;
  };
};
