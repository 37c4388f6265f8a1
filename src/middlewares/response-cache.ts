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

const MAX_GRAPHQL_BODY = 1024 * 1024;

/**
 * The GraphQL route parses its own body (koa-bodyparser, after the global
 * middlewares), so a POST /graphql reaches this middleware unparsed. Read and
 * parse the JSON here and leave it in `ctx.request.body`, where the plugin's
 * parser finds it and stops. A body that is not JSON is a 400 that says so.
 */
const readJsonBody = async (
  ctx: KoaCtx & { req: NodeJS.ReadableStream; is: (type: string) => string | false | null },
): Promise<boolean> => {
  if (ctx.request.body !== undefined || !ctx.is('application/json')) return true;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_GRAPHQL_BODY) {
      ctx.status = 413;
      ctx.body = {
        data: null,
        error: {
          status: 413,
          name: 'PayloadTooLargeError',
          message: `GraphQL request body is larger than ${MAX_GRAPHQL_BODY} bytes`,
        },
      };
      return false;
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    ctx.request.body = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
    return true;
  } catch {
    ctx.status = 400;
    ctx.body = {
      data: null,
      error: { status: 400, name: 'BadRequestError', message: 'GraphQL request body is not valid JSON' },
    };
    return false;
  }
};

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

const numberFrom = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && process.env[name] !== '' && Number.isFinite(value) && value > 0
    ? value
    : fallback;
};

/**
 * Read at each boot (not when config/middlewares.ts is first required), so a
 * process that starts the app twice with different settings gets them.
 */
export const settingsFrom = (config: ResponseCacheConfig) => ({
  redisUrl: config.redisUrl ?? (process.env.REDIS_URL || undefined),
  namespace: config.keyPrefix ?? (process.env.CACHE_KEY_PREFIX || 'newsroom:response-cache'),
  ttlSeconds: config.ttlSeconds ?? numberFrom('CACHE_TTL_SECONDS', 60),
  maxEntries: config.maxEntries ?? numberFrom('CACHE_MAX_ENTRIES', 1000),
  maxBytes: config.maxBytes ?? numberFrom('CACHE_MAX_BYTES', 64 * 1024 * 1024),
});

const responseCache = (config: ResponseCacheConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (!responseCacheEnabled()) return async (_ctx: KoaCtx, next: Next) => next();

  const store = createResponseStore(settingsFrom(config));
  attachStore(strapi, store);

  const targets = {
    restPrefix: String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, ''),
    graphqlPath: String(strapi.plugin('graphql')?.config('endpoint') ?? '/graphql'),
    extraPaths: DEFAULT_EXTRA_PATHS,
  };

  return async (ctx: KoaCtx, next: Next): Promise<void> => {
    if (
      ctx.method === 'POST' &&
      ctx.path === targets.graphqlPath &&
      !(await readJsonBody(ctx as Parameters<typeof readJsonBody>[0]))
    ) {
      return;
    }
    const key = cacheKeyFor(
      {
        method: ctx.method,
        path: ctx.path,
        query: ctx.query,
        body: ctx.request.body,
        authorization: ctx.get('authorization'),
      },
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
