import { httpCached, type CacheableContext, type HttpCacheSettings } from '../http/http-cache';
import { surfaceOf, type SurfaceState } from '../http/surface';

/**
 * ETag, 304 and Cache-Control for the public reads (`surface.publicRead`: the
 * content API outside the account routes, the feeds and the sitemaps), whether
 * the handler or the response cache answered; see src/http/http-cache.ts.
 * Admin routes, GraphQL and the account routes are not touched.
 */
const httpCache = (config: HttpCacheSettings) => {
  const cached = httpCached(config);
  return async (ctx: CacheableContext & { state: SurfaceState }, next: () => Promise<unknown>): Promise<void> => {
    const surface = surfaceOf(ctx);
    if (!surface.publicRead) {
      await next();
      return;
    }
    await cached(ctx, next, surface.anonymous);
  };
};

export default httpCache;
