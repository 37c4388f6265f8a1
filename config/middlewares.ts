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
    // Settings come from the environment at each boot (CACHE_ENABLED, PERF_OPTIMIZATIONS, CACHE_TTL_SECONDS,
    // CACHE_MAX_ENTRIES, CACHE_MAX_BYTES, REDIS_URL, CACHE_KEY_PREFIX); keys given here override them.
    name: 'global::response-cache',
    config: {},
  },
];

export default config;
