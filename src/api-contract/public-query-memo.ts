import type { Core } from '@strapi/strapi';
import { runtimeOf } from '../runtime';
import { switches } from '../strapi-patches/switch';

/**
 * Strapi validates and sanitizes every content-API query against the content
 * type and the caller's permissions: one traversal of the filters, sort,
 * fields and the whole populate tree to validate, another to sanitize. With
 * the server's default population (public-populate.ts) that was the largest
 * single share of an uncached list or article read (`npm run bench:profile`).
 *
 * Both are pure functions of the content type, the route, the query and the
 * caller's permissions, so a users-permissions caller (the Public role, or a
 * logged-in user) gets the result of an earlier request with the same four:
 * the key holds the route, the query and the rules of the ability that
 * users-permissions builds from the database on every request, so a changed
 * permission changes the key on every instance at once, and nothing is kept
 * past it. A failing validation is not remembered: it throws again. API
 * tokens go through Strapi every time (their checks also read the token's
 * type and expiry).
 *
 * Kept per app (two apps in one process share nothing), behind the
 * performance switch: with `PERF_OPTIMIZATIONS=false` every query goes
 * through Strapi's checks, as in stock Strapi.
 *
 * A slug lookup (`filters.slug.$eq`) shares one entry across slugs: the
 * validators and sanitizers read the keys of a filter, never a string value,
 * so the query is checked with a placeholder and the slug put back after.
 */
type Query = Record<string, unknown>;
type Ctx = { query: Query; state: { auth?: unknown; route?: unknown } };
type Auth = { strategy?: { name?: string }; ability?: { rules?: unknown } };
type Route = { method?: string; path?: string; handler?: unknown };
type ContentApi = {
  validate: { query(q: Query, schema: unknown, options: unknown): Promise<void> };
  sanitize: { query(q: Query, schema: unknown, options: unknown): Promise<Query> };
};

/** Entries kept per process (cleared, not evicted one by one, when full). */
const MEMORY = 1_000;
const SLUG_PLACEHOLDER = '\u0000slug';

type Memo = { entries: Map<string, Query>; hits: number; misses: number };
const memos = new WeakMap<Core.Strapi, Memo>();
const perRequest = new WeakMap<object, Promise<Query>>();

/** The memo of this app, or none when the performance switch is off. */
const memoOf = (strapi: Core.Strapi): Memo | undefined => {
  if (!switches(runtimeOf(strapi).settings).strapiPatches) return undefined;
  let memo = memos.get(strapi);
  if (!memo) memos.set(strapi, (memo = { entries: new Map(), hits: 0, misses: 0 }));
  return memo;
};

/** How often this app's checks were answered from the memo, and computed (for tests and the bench). */
export const publicQueryMemoStats = (strapi: Core.Strapi): { hits: number; misses: number } => {
  const memo = memos.get(strapi);
  return { hits: memo?.hits ?? 0, misses: memo?.misses ?? 0 };
};

const slugOf = (query: Query): string | undefined => {
  const slug = ((query.filters as Query | undefined)?.slug as Query | undefined)?.$eq;
  return typeof slug === 'string' ? slug : undefined;
};

const withSlug = (query: Query, slug: string): Query => {
  const filters = query.filters as Query;
  return { ...query, filters: { ...filters, slug: { ...(filters.slug as Query), $eq: slug } } };
};

const keyOf = (uid: string, ctx: Ctx, query: Query): string | undefined => {
  const auth = ctx.state.auth as Auth | undefined;
  if (auth?.strategy?.name !== 'users-permissions' || !auth.ability) return undefined;
  const route = (ctx.state.route ?? {}) as Route;
  try {
    return JSON.stringify([uid, route.method, route.path, String(route.handler), auth.ability.rules, query]);
  } catch {
    return undefined;
  }
};

const clone = (query: Query): Query | undefined => {
  try {
    return structuredClone(query);
  } catch {
    return undefined;
  }
};

/**
 * The validated and sanitized form of `ctx.query`, as the core controller's
 * `validateQuery` then `sanitizeQuery` would return it (`options` is what the
 * core controller passes them), once per query object (validateQuery and
 * sanitizeQuery of one request share it).
 */
export const publicQuery = (
  strapi: Core.Strapi,
  uid: string,
  ctx: Ctx,
  options: Record<string, unknown>,
): Promise<Query> => {
  const known = perRequest.get(ctx.query);
  if (known) return known;
  const result = compute(strapi, uid, ctx, options);
  perRequest.set(ctx.query, result);
  return result;
};

const compute = async (
  strapi: Core.Strapi,
  uid: string,
  ctx: Ctx,
  options: Record<string, unknown>,
): Promise<Query> => {
  const api = strapi.contentAPI as unknown as ContentApi;
  const schema = strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]);
  const memo = memoOf(strapi);
  const slug = memo ? slugOf(ctx.query) : undefined;
  const query = slug === undefined ? ctx.query : withSlug(ctx.query, SLUG_PLACEHOLDER);
  const key = memo ? keyOf(uid, ctx, query) : undefined;
  const hit = key === undefined ? undefined : memo?.entries.get(key);
  let sanitized = hit ? clone(hit) : undefined;
  if (memo && sanitized) memo.hits += 1;
  else {
    await api.validate.query(query, schema, options);
    const fresh = await api.sanitize.query(query, schema, options);
    const copy = key === undefined ? undefined : clone(fresh);
    if (memo && key !== undefined && copy) {
      memo.misses += 1;
      if (memo.entries.size >= MEMORY) memo.entries.clear();
      memo.entries.set(key, copy);
    }
    sanitized = fresh;
  }
  return slug !== undefined && slugOf(sanitized) === SLUG_PLACEHOLDER ? withSlug(sanitized, slug) : sanitized;
};
