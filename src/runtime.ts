import type { Core } from '@strapi/strapi';
import { settingsOf, type Settings } from './config/settings';
import { openRedis, type RedisConnection } from './redis/connection';
import { createResponseStore, type ResponseStore } from './cache/store';
import { switches } from './strapi-patches/switch';

/**
 * The app's shared resources, one owner for each: made in `register()` from
 * this boot's settings, used by the middlewares, the cache invalidation and the
 * services, closed in `destroy()`. Kept in Strapi's own container
 * (`strapi.add` / `strapi.get`), so two apps in one process never share them.
 */
export type Runtime = {
  settings: Settings;
  /** The one Redis connection (REDIS_URL), when the cache or the rate limit uses it. */
  redis?: RedisConnection;
  /** The response cache's store, when the cache is on (src/cache/). */
  responseStore?: ResponseStore;
};

const KEY = 'newsroom.runtime';

export const openRuntime = async (strapi: Core.Strapi): Promise<Runtime> => {
  const settings = settingsOf(strapi);
  const cacheOn = switches(settings).responseCache;
  const redisUrl = settings.redisUrl && (cacheOn || settings.rateLimit.enabled) ? settings.redisUrl : undefined;
  const redis = redisUrl ? openRedis(redisUrl, strapi.log) : undefined;
  // Boot waits for the first connection attempt (at most 1 s), so the first requests count and cache in Redis.
  await redis?.ready();
  const { responseCache } = settings;
  const runtime: Runtime = {
    settings,
    redis,
    responseStore: cacheOn
      ? createResponseStore({
          redis,
          namespace: responseCache.keyPrefix,
          ttlSeconds: responseCache.ttlSeconds,
          staleSeconds: responseCache.staleSeconds,
          maxEntries: responseCache.maxEntries,
          maxBytes: responseCache.maxBytes,
        })
      : undefined,
  };
  strapi.add(KEY, runtime);
  return runtime;
};

export const runtimeOf = (strapi: Core.Strapi): Runtime => strapi.get(KEY) as Runtime;

export const closeRuntime = async (strapi: Core.Strapi): Promise<void> => {
  if (!strapi.has(KEY)) return;
  const { responseStore, redis } = runtimeOf(strapi);
  await responseStore?.close();
  await redis?.close();
};
