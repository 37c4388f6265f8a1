import etag from '@koa/etag';

/**
 * The one HTTP-cache path of the public surface (the REST API, the feeds and
 * the sitemaps, fresh or answered by the response cache): a `200` gets a weak
 * `ETag` (from @koa/etag, over the body) and `Cache-Control`; a request whose
 * `If-None-Match` matches gets `304` with no body. Anonymous answers get
 * `public, max-age=…, stale-while-revalidate=…`; authenticated ones (an
 * `Authorization` header: API tokens and users) `private, no-store`, so a
 * draft preview is never kept by a CDN. Used by src/middlewares/http-cache.ts.
 */
export type HttpCacheSettings = {
  /** Seconds a CDN/browser may serve the answer without asking (0: `no-cache`). */
  maxAge: number;
  /** Seconds a shared cache (CDN) may keep it; it is purged by the answer's `Surrogate-Key`s (0: left out). */
  sMaxAge: number;
  /** Seconds a stale answer may still be served while it is refreshed. */
  staleWhileRevalidate: number;
};

export const cacheControlValue = (settings: HttpCacheSettings): string => {
  const maxAge = Math.max(0, Math.trunc(settings.maxAge));
  const swr = Math.max(0, Math.trunc(settings.staleWhileRevalidate));
  const sMaxAge = Math.max(0, Math.trunc(settings.sMaxAge));
  if (maxAge === 0) return 'no-cache';
  const shared = sMaxAge > 0 ? `, s-maxage=${sMaxAge}` : '';
  return swr > 0
    ? `public, max-age=${maxAge}${shared}, stale-while-revalidate=${swr}`
    : `public, max-age=${maxAge}${shared}`;
};

type EtagMiddleware = ReturnType<typeof etag>;
export type CacheableContext = Parameters<EtagMiddleware>[0];
type Next = Parameters<EtagMiddleware>[1];

/** Runs `next`, then gives a successful answer its ETag, Cache-Control and, when fresh, the 304. */
export const httpCached = (settings: HttpCacheSettings) => {
  const publicValue = cacheControlValue(settings);
  const withEtag = etag({ weak: true });
  return async (ctx: CacheableContext, next: Next, anonymous: boolean): Promise<void> => {
    await withEtag(ctx, next);
    if (ctx.status !== 200) return;
    ctx.set('Cache-Control', anonymous ? publicValue : 'private, no-store');
    ctx.vary('Authorization');
    if (ctx.fresh) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
};
