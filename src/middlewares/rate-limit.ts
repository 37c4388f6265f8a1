import type { Core } from '@strapi/strapi';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

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
 * so a client may get up to `points` × instances. With `redisUrl` (REDIS_URL)
 * they live in Redis under `redisPrefix` and all instances share one budget;
 * while Redis cannot be reached, each instance falls back to its own memory
 * counters (the limiter's insurance), so the API keeps answering.
 * Behind a proxy, set IS_PROXIED=true so the client's address comes from
 * X-Forwarded-For.
 */
export type RateLimitConfig = {
  enabled?: boolean;
  /** Requests allowed per IP in one window. */
  points?: number;
  /** The window, in seconds. */
  duration?: number;
  /** redis://… to share the counters between instances; memory when unset. */
  redisUrl?: string;
  /** Key prefix in Redis (one per deployment). */
  redisPrefix?: string;
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

/** Redis connections opened by this middleware, closed when Strapi shuts down (src/index.ts `destroy`). */
const openClients = new Set<Redis>();

export const closeRateLimitStores = (): void => {
  for (const client of openClients) client.disconnect();
  openClients.clear();
};

const rateLimit = (config: RateLimitConfig, { strapi }: { strapi: Core.Strapi }) => {
  if (!config.enabled) return async (_ctx: Ctx, next: Next): Promise<unknown> => next();

  const points = Math.max(1, Math.trunc(config.points ?? 300));
  const duration = Math.max(1, Math.trunc(config.duration ?? 60));
  const memory = new RateLimiterMemory({ points, duration, keyPrefix: 'public-api' });
  let limiter: RateLimiterAbstract = memory;
  // Until the first connection attempt settles (at most 2 s), requests wait for it rather than count in memory.
  let firstConnect: (() => Promise<void>) | undefined;
  if (config.redisUrl) {
    const client = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    openClients.add(client);
    let warned = false;
    client.on('error', (error: Error) => {
      if (!warned) strapi.log.warn(`[rate-limit] Redis: ${error.message}; counting in memory until it is back`);
      warned = true;
    });
    client.on('ready', () => {
      if (warned) strapi.log.info('[rate-limit] Redis is back: counting there again');
      warned = false;
    });
    firstConnect = () => {
      if (client.status === 'ready' || client.status === 'end') return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          client.off('ready', done);
          client.off('error', done);
          resolve();
        };
        const timer = setTimeout(done, 2000);
        client.once('ready', done);
        client.once('error', done);
      });
    };
    limiter = new RateLimiterRedis({
      storeClient: client,
      points,
      duration,
      keyPrefix: config.redisPrefix || 'newsroom:rate-limit',
      insuranceLimiter: memory,
    });
  }
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
    if (firstConnect) {
      await firstConnect();
      firstConnect = undefined;
    }
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
