import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * A per-IP request budget on the public surface: the REST API (`/api`),
 * GraphQL, the feeds and the sitemaps. Past `points` requests in `duration`
 * seconds a client gets `429` with a JSON error and `Retry-After` (seconds);
 * every counted answer carries `RateLimit-Limit`/`RateLimit-Remaining`.
 * The admin panel and its API (`/admin`) are not counted: editors work behind
 * the admin login, which has its own limiter in Strapi.
 *
 * The counters live in this process's memory (rate-limiter-flexible's
 * RateLimiterMemory): with several instances each enforces its own budget,
 * so a client may get up to `points` × instances. Behind a proxy, set
 * IS_PROXIED=true so the client's address comes from X-Forwarded-For.
 */
export type RateLimitConfig = {
  enabled?: boolean;
  /** Requests allowed per IP in one window. */
  points?: number;
  /** The window, in seconds. */
  duration?: number;
};

type Ctx = {
  path: string;
  ip: string;
  status: number;
  body: unknown;
  set: (header: string, value: string) => void;
};
type Next = () => Promise<unknown>;

const ROOT_PATHS = ['/sitemap.xml', '/news-sitemap.xml'];

const rateLimit = (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (!config.enabled) return async (_ctx: Ctx, next: Next): Promise<unknown> => next();

  const points = Math.max(1, Math.trunc(config.points ?? 300));
  const duration = Math.max(1, Math.trunc(config.duration ?? 60));
  const limiter = new RateLimiterMemory({ points, duration, keyPrefix: 'public-api' });
  const prefix = String(strapi.config.get('api.rest.prefix', '/api')).replace(/\/+$/, '');
  const graphql = String(strapi.plugin('graphql')?.config('endpoint') ?? '/graphql');
  const counted = (path: string): boolean =>
    path === prefix ||
    path.startsWith(`${prefix}/`) ||
    path === graphql ||
    path.startsWith('/feeds/') ||
    ROOT_PATHS.includes(path);

  return async (ctx: Ctx, next: Next): Promise<unknown> => {
    if (!counted(ctx.path)) return next();
    try {
      const res = await limiter.consume(ctx.ip || 'unknown');
      ctx.set('RateLimit-Limit', String(points));
      ctx.set('RateLimit-Remaining', String(res.remainingPoints));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      ctx.set('Retry-After', String(retryAfter));
      ctx.set('RateLimit-Limit', String(points));
      ctx.set('RateLimit-Remaining', '0');
      ctx.status = 429;
      ctx.body = {
        data: null,
        error: {
          status: 429,
          name: 'TooManyRequestsError',
          message: `Too many requests: at most ${points} every ${duration} s per client; retry in ${retryAfter} s`,
          details: { retryAfter },
        },
      };
      return undefined;
    }
    return next();
  };
};

export default rateLimit;
