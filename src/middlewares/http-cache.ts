import type { Core } from '@strapi/strapi';
import etag from '@koa/etag';

/**
 * HTTP caching for the public content API: anonymous `GET`/`HEAD` answers
 * under the REST prefix (`/api`) that succeed get
 * `Cache-Control: public, max-age=…, stale-while-revalidate=…` and an `ETag`
 * (from @koa/etag); a request whose `If-None-Match` matches gets `304` with no
 * body. Authenticated requests (an `Authorization` header: API tokens and
 * users) get `Cache-Control: private, no-store`, so a draft preview is never
 * kept by a CDN. Admin routes, GraphQL (POST) and the users-permissions
 * account routes are not touched.
 */
export type HttpCacheConfig = {
  /** Seconds a CDN/browser may serve the answer without asking (0 turns public caching off). */
  maxAge?: number;
  /** Seconds a stale answer may still be served while it is refreshed. */
  staleWhileRevalidate?: number;
  /** Path prefixes (after the REST prefix) that are never public-cached. */
  excludePrefixes?: string[];
};

type KoaContext = Parameters<ReturnType<typeof etag>>[0];
type KoaNext = Parameters<ReturnType<typeof etag>>[1];

const DEFAULT_EXCLUDES = ['/users', '/auth', '/connect', '/users-permissions'];

export const cacheControlValue = (config: HttpCacheConfig): string => {
  const maxAge = Math.max(0, Math.trunc(config.maxAge ?? 60));
  const swr = Math.max(0, Math.trunc(config.staleWhileRevalidate ?? 300));
  if (maxAge === 0) return 'no-cache';
  return swr > 0 ? `public, max-age=${maxAge}, stale-while-revalidate=${swr}` : `public, max-age=${maxAge}`;
};

const httpCache = (config: HttpCacheConfig, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, '');
  const excludes = (config.excludePrefixes ?? DEFAULT_EXCLUDES).map((p) => `${prefix}${p}`);
  const publicValue = cacheControlValue(config);
  const withEtag = etag({ weak: true });

  return async (ctx: KoaContext, next: KoaNext): Promise<void> => {
    const applies =
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      (ctx.path === prefix || ctx.path.startsWith(`${prefix}/`)) &&
      !excludes.some((p) => ctx.path === p || ctx.path.startsWith(`${p}/`));
    if (!applies) return next();

    await withEtag(ctx, next);
    if (ctx.status !== 200) return;

    const authenticated = Boolean(ctx.get('authorization'));
    ctx.set('Cache-Control', authenticated ? 'private, no-store' : publicValue);
    ctx.vary('Authorization');
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
};

export default httpCache;
