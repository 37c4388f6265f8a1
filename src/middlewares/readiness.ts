import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { runtimeOf } from '../runtime';
import { sendError } from '../http/errors';

/**
 * `GET /_ready` for load balancers: 200 only when this instance can serve,
 * i.e. the database answers a query and, when the app uses Redis (REDIS_URL
 * with the cache or the rate limit on), Redis answers PING; 503 naming what is
 * down otherwise. Strapi's own `/_health` (204) only says the process is up.
 * Each check is bounded (2 s), so a hung dependency gives a 503, not a hung probe.
 */
export const READY_PATH = '/_ready';
const CHECK_TIMEOUT_MS = 2000;

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

const check = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    await within(run(), CHECK_TIMEOUT_MS);
    return 'up';
  } catch (error) {
    return `down: ${(error as Error).message}`;
  }
};

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    if (ctx.path !== READY_PATH || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const { redis } = runtimeOf(strapi);
    const checks: Record<string, string> = {
      database: await check(() => strapi.db.connection.raw('select 1')),
      ...(redis ? { redis: await check(() => redis.client.ping()) } : {}),
    };
    ctx.set('Cache-Control', 'no-store');
    const down = Object.entries(checks).filter(([, state]) => state !== 'up');
    if (down.length === 0) {
      ctx.status = 200;
      ctx.body = { status: 'ready', checks };
      return;
    }
    // The reason goes to the log; the answer names only which dependency is down.
    for (const [name, state] of down) strapi.log.warn(`[ready] ${name} ${state}`);
    sendError(
      ctx,
      503,
      `Not ready: ${down.map(([name]) => name).join(', ')} not answering`,
      {
        checks: Object.fromEntries(
          Object.entries(checks).map(([name, state]) => [name, state === 'up' ? 'up' : 'down']),
        ),
      },
      'ServiceUnavailableError',
    );
  };
