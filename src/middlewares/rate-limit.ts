import type { Core } from '@strapi/strapi';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Settings } from '../config/settings';
import { sendError } from '../http/errors';
import { surfaceOf, type SurfaceState } from '../http/surface';
import { runtimeOf } from '../runtime';

/**
 * A per-IP request budget on the public surface (`surface.rateLimited`: the
 * REST API under `/api`, GraphQL, the feeds and the sitemaps). Past `points`
 * requests in `duration` seconds a client gets `429` with a JSON error and
 * `Retry-After` (seconds); every counted answer carries
 * `RateLimit-Limit`/`RateLimit-Remaining`. The admin panel and its API
 * (`/admin`) are not counted: editors work behind the admin login, which has
 * its own limiter in Strapi.
 *
 * The counters live in this process's memory (rate-limiter-flexible's
 * RateLimiterMemory): with several instances each enforces its own budget,
 * so a client may get up to `points` × instances. With REDIS_URL they live in
 * Redis under `redisPrefix`, through the app's one connection
 * (src/redis/connection.ts), and all instances share one budget; under that
 * connection's outage rule (a failed call, then 5 s without Redis) each
 * instance counts in its own memory (the limiter's insurance), so the API
 * keeps answering. Behind a proxy, set IS_PROXIED=true so the client's
 * address comes from X-Forwarded-For.
 */
export type RateLimitConfig = Settings['rateLimit'];

type Ctx = {
  method: string;
  path: string;
  ip: string;
  status: number;
  body: unknown;
  state: SurfaceState;
  get: (name: string) => string;
  set: (header: string, value: string) => void;
};
type Next = () => Promise<unknown>;

const rateLimit = (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (!config.enabled) return async (_ctx: Ctx, next: Next): Promise<unknown> => next();

  const { points, duration } = config;
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: 'public-api' });
  const { redis } = runtimeOf(strapi);
  const shared: RateLimiterAbstract | undefined = redis
    ? new RateLimiterRedis({
        storeClient: redis.client,
        points,
        duration,
        keyPrefix: config.redisPrefix,
        insuranceLimiter: memory,
      })
    : undefined;

  return async (ctx: Ctx, next: Next): Promise<unknown> => {
    if (!surfaceOf(ctx).rateLimited) return next();
    const limiter = shared && redis?.available() ? shared : memory;
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
      sendError(
        ctx,
        429,
        `Too many requests: at most ${points} every ${duration} s per client; retry in ${retryAfter} s`,
        { retryAfter },
      );
      return undefined;
    }
    return next();
  };
};

export default rateLimit;
