import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  {
    // Cache-Control + ETag/304 for anonymous public GETs (src/middlewares/http-cache.ts).
    name: 'global::http-cache',
    config: {
      maxAge: Number(process.env.HTTP_CACHE_MAX_AGE ?? 60),
      staleWhileRevalidate: Number(process.env.HTTP_CACHE_STALE_WHILE_REVALIDATE ?? 300),
    },
  },
  {
    // Whole-answer cache of anonymous public reads, invalidated on every write (src/middlewares/response-cache.ts).
    // Off with CACHE_ENABLED=false or PERF_OPTIMIZATIONS=false.
    name: 'global::response-cache',
    config: {
      ttlSeconds: Number(process.env.CACHE_TTL_SECONDS ?? 60),
      maxEntries: Number(process.env.CACHE_MAX_ENTRIES ?? 1000),
      maxBytes: Number(process.env.CACHE_MAX_BYTES ?? 64 * 1024 * 1024),
      redisUrl: process.env.REDIS_URL ?? '',
      keyPrefix: process.env.CACHE_KEY_PREFIX ?? 'newsroom:response-cache',
    },
  },
];

export default config;
