import type { Core } from '@strapi/strapi';
import { cacheKeyFor } from '../cache/keys';
import { dependenciesOf, graphqlListFields } from '../cache/dependencies';
import type { CachedResponse, Lookup } from '../cache/store';
import { surfaceOf, type SurfaceState } from '../http/surface';
import { runtimeOf } from '../runtime';

/**
 * A shared cache of whole public answers (REST under /api, GraphQL queries,
 * feeds and sitemaps), see src/cache/. Anonymous requests only; only `200`
 * answers with a JSON or text body; `X-Cache: HIT|MISS` on every request it
 * could answer. Each stored answer records its dependency keys
 * (src/cache/dependencies.ts), sent to CDNs as `Surrogate-Key`/`Cache-Tag`;
 * src/cache/invalidation.ts purges by them. One computation per key at a
 * time in this process: concurrent misses wait for it; past its TTL an entry
 * is served stale while one request refreshes it. The store is made in
 * `register()` (src/runtime.ts); without one (cache off) this passes through.
 *
 * It sits inside `global::http-cache`, so a HIT gets the same `Cache-Control`,
 * weak `ETag` and `304` as a fresh answer (src/http/http-cache.ts); the
 * headers the handler set itself (content type) are stored and repeated.
 * A GraphQL POST body has already been read by `global::graphql-guard`.
 */
type KoaCtx = {
  method: string;
  path: string;
  status: number;
  body: unknown;
  query: Record<string, unknown>;
  request: { body?: unknown };
  state: SurfaceState & { route?: { handler?: string } };
  get: (name: string) => string;
  set: (name: string, value: string) => void;
  response: { get: (name: string) => string | string[] | number | undefined };
};
type Next = () => Promise<unknown>;

const REPEATED_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified'];

const toCached = (ctx: KoaCtx): CachedResponse | null => {
  if (ctx.status !== 200 || ctx.response.get('set-cookie')) return null;
  const { body } = ctx;
  let text: string;
  if (typeof body === 'string') text = body;
  else if (
    body !== null &&
    typeof body === 'object' &&
    !Buffer.isBuffer(body) &&
    typeof (body as { pipe?: unknown }).pipe !== 'function'
  ) {
    text = JSON.stringify(body);
  } else return null;
  const headers: Record<string, string> = {};
  for (const name of REPEATED_HEADERS) {
    const value = ctx.response.get(name);
    if (typeof value === 'string' && value) headers[name] = value;
  }
  return { status: 200, body: text, headers, keys: [] };
};

/** The `locale` variable of a GraphQL request, if it has one. */
const graphqlVariables = (ctx: KoaCtx): { locale?: unknown } | undefined => {
  const source = ctx.method === 'GET' ? ctx.query : (ctx.request.body as Record<string, unknown> | undefined);
  let variables = source?.variables;
  if (typeof variables === 'string') variables = parseJson(variables);
  return variables !== null && typeof variables === 'object' ? (variables as { locale?: unknown }) : undefined;
};

/** GraphQL reports resolver errors (forbidden, not found, bad argument) in a 200 answer: never keep those. */
const hasGraphqlErrors = (body: string): boolean => {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return parsed.errors !== undefined;
  } catch {
    return true;
  }
};

/** `Surrogate-Key` (space separated) and `Cache-Tag` (comma separated) of an answer, bounded in length. */
const MAX_KEY_HEADER = 8000;
const setKeyHeaders = (ctx: KoaCtx, keys: string[]): void => {
  const surrogate = keys.join(' ');
  // Too many keys for a header: `*` only, purged by every purge-everything (the CDN entry then lives for s-maxage).
  const fits = surrogate.length <= MAX_KEY_HEADER;
  ctx.set('Surrogate-Key', fits ? surrogate : '*');
  ctx.set('Cache-Tag', fits ? keys.join(',') : '*');
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const responseCache = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const store = runtimeOf(strapi).responseStore;
  if (!store) return async (_ctx: KoaCtx, next: Next) => next();
  const graphqlLists = graphqlListFields(strapi.contentTypes as never);
  /** Single flight: the one computation per key in this process; waiters then read what it stored. */
  const inFlight = new Map<string, Promise<void>>();

  const serve = (ctx: KoaCtx, response: CachedResponse): void => {
    ctx.status = response.status;
    for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value);
    setKeyHeaders(ctx, response.keys);
    ctx.set('X-Cache', 'HIT');
    ctx.body = response.body;
  };

  const lookup = async (key: string): Promise<Lookup | undefined> => {
    try {
      return await store.lookup(key);
    } catch (error) {
      strapi.log.warn(`[response-cache] lookup failed, answering uncached: ${(error as Error).message}`);
      return undefined;
    }
  };

  /** Runs the handler and stores its answer under the sequence read before it ran. */
  const compute = async (ctx: KoaCtx, next: Next, key: string, seq: number): Promise<void> => {
    ctx.set('X-Cache', 'MISS');
    await next();
    const cached = toCached(ctx);
    if (!cached) return;
    const surface = surfaceOf(ctx);
    if (surface.kind === 'graphql' && hasGraphqlErrors(cached.body)) return;
    const payload = surface.kind === 'graphql' ? graphqlVariables(ctx) : undefined;
    const keys = dependenciesOf({
      kind: surface.kind,
      // A REST answer is still the object the controller made: read its ids there, not from a re-parse of its text.
      parsed:
        typeof ctx.body === 'object' && ctx.body !== null
          ? ctx.body
          : /json/.test(cached.headers['content-type'] ?? '')
            ? parseJson(cached.body)
            : undefined,
      handler: ctx.state.route?.handler,
      locale: surface.kind === 'graphql' ? payload?.locale : ctx.query.locale,
      graphqlLists,
    });
    if (!keys) return;
    cached.keys = keys;
    setKeyHeaders(ctx, keys);
    try {
      await store.save(key, seq, cached);
    } catch (error) {
      strapi.log.warn(`[response-cache] store failed: ${(error as Error).message}`);
    }
  };

  return async (ctx: KoaCtx, next: Next): Promise<void> => {
    const key = cacheKeyFor({
      method: ctx.method,
      path: ctx.path,
      query: ctx.query,
      body: ctx.request.body,
      surface: surfaceOf(ctx),
    });
    if (!key) {
      await next();
      return;
    }

    let found = await lookup(key);
    if (!found) {
      await next();
      return;
    }
    if (found.response && !found.stale) return serve(ctx, found.response);
    const running = inFlight.get(key);
    if (running) {
      // Past its TTL and being refreshed: the stale answer (never one a write made stale: those do not match).
      if (found.response) return serve(ctx, found.response);
      // A miss being computed: wait for it, then read what it stored (a write meanwhile makes that a miss again).
      await running.catch(() => undefined);
      found = await lookup(key);
      if (!found) {
        await next();
        return;
      }
      if (found.response && !found.stale) return serve(ctx, found.response);
    }
    const seq = found.seq;
    const work = compute(ctx, next, key, seq);
    const flight = work.then(
      () => undefined,
      () => undefined,
    );
    inFlight.set(key, flight);
    try {
      await work;
    } finally {
      if (inFlight.get(key) === flight) inFlight.delete(key);
    }
  };
};

export default responseCache;
