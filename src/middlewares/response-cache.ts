import type { Core } from '@strapi/strapi';
import { cacheKeyFor } from '../cache/keys';
import type { CachedResponse } from '../cache/store';
import { surfaceOf, type SurfaceState } from '../http/surface';
import { runtimeOf } from '../runtime';

/**
 * A shared cache of whole public answers (REST under /api, GraphQL queries,
 * feeds and sitemaps), see src/cache/. Anonymous requests only; only `200`
 * answers with a JSON or text body; `X-Cache: HIT|MISS` on every request it
 * could answer. Invalidated by src/cache/invalidation.ts on every write; the
 * TTL is a bound, not the freshness mechanism. The store is made in
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
  state: SurfaceState;
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
  return { status: 200, body: text, headers };
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

const responseCache = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const store = runtimeOf(strapi).responseStore;
  if (!store) return async (_ctx: KoaCtx, next: Next) => next();

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

    let generation: string | undefined;
    try {
      const found = await store.lookup(key);
      generation = found.generation;
      if (found.response) {
        ctx.status = found.response.status;
        for (const [name, value] of Object.entries(found.response.headers)) ctx.set(name, value);
        ctx.set('X-Cache', 'HIT');
        ctx.body = found.response.body;
        return;
      }
    } catch (error) {
      strapi.log.warn(`[response-cache] lookup failed, answering uncached: ${(error as Error).message}`);
    }

    ctx.set('X-Cache', 'MISS');
    await next();
    if (generation === undefined) return;
    const cached = toCached(ctx);
    if (!cached || (key.startsWith('gql:') && hasGraphqlErrors(cached.body))) return;
    try {
      await store.save(key, generation, cached);
    } catch (error) {
      strapi.log.warn(`[response-cache] store failed: ${(error as Error).message}`);
    }
  };
};

export default responseCache;
