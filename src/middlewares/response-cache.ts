import type { Core } from '@strapi/strapi';
import { cacheKeyFor, DEFAULT_EXTRA_PATHS } from '../cache/keys';
import { createResponseStore, type CachedResponse } from '../cache/store';
import { attachStore } from '../cache/invalidation';
import { responseCacheEnabled } from '../lib/perf-switches';

/**
 * A shared cache of whole public answers (REST under /api, GraphQL queries,
 * feeds and sitemaps), see src/cache/. Anonymous requests only; only `200`
 * answers with a JSON or text body; `X-Cache: HIT|MISS` on every request it
 * could answer. Invalidated by src/cache/invalidation.ts on every write; the
 * TTL is a bound, not the freshness mechanism.
 *
 * It sits inside `global::http-cache`, so a HIT still gets the API's
 * `Cache-Control`, a weak `ETag` computed from the body and `304` on
 * `If-None-Match`; headers the handler set itself (feeds and sitemaps:
 * content type, Cache-Control, ETag) are stored and repeated.
 */
export type ResponseCacheConfig = {
  ttlSeconds?: number;
  maxEntries?: number;
  maxBytes?: number;
  redisUrl?: string;
  keyPrefix?: string;
};

type KoaCtx = {
  method: string;
  path: string;
  status: number;
  body: unknown;
  query: Record<string, unknown>;
  request: { body?: unknown };
  fresh: boolean;
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
  else if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && typeof (body as { pipe?: unknown }).pipe !== 'function') {
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

const responseCache = (config: ResponseCacheConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (!responseCacheEnabled()) return async (_ctx: KoaCtx, next: Next) => next();

  const store = createResponseStore({
    redisUrl: config.redisUrl || undefined,
    namespace: config.keyPrefix || 'newsroom:response-cache',
    ttlSeconds: config.ttlSeconds ?? 60,
    maxEntries: config.maxEntries ?? 1000,
    maxBytes: config.maxBytes ?? 64 * 1024 * 1024,
  });
  attachStore(strapi, store);
  strapi.server.httpServer.once('close', () => void store.close());

  const targets = {
    restPrefix: String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, ''),
    graphqlPath: String(strapi.config.get('plugin::graphql.endpoint', '/graphql')),
    extraPaths: DEFAULT_EXTRA_PATHS,
  };

  return async (ctx: KoaCtx, next: Next): Promise<void> => {
    const key = cacheKeyFor(
      { method: ctx.method, path: ctx.path, query: ctx.query, body: ctx.request.body, authorization: ctx.get('authorization') },
      targets,
    );
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
        if (found.response.headers.etag && ctx.fresh) {
          ctx.status = 304;
          ctx.body = null;
        }
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
