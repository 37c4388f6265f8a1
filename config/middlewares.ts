import type { Core } from '@strapi/strapi';
import { mediaOrigin, s3Storage } from '../src/lib/media-storage';

type Env = Core.Config.Shared.ConfigParams['env'];

/**
 * Content-Security-Policy and friends (helmet, through strapi::security).
 * Directives are strict: everything from the CMS's own origin, images also
 * from data:/blob: URLs (the admin's previews), styles inline (the admin panel's
 * styled-components), no plugins, no framing by other sites, nothing from a CDN.
 * Each directive is one string: Strapi deep-merges its own defaults into arrays
 * index by index, which would put back `https:` and the marketplace host.
 * CSP_EXTRA_SOURCES (comma-separated) adds origins to img-src, media-src and
 * connect-src, e.g. an external upload provider. With media in a bucket
 * (S3_BUCKET, src/lib/media-storage.ts) its public origin is added to img-src and
 * media-src: the admin's media library shows the files from there.
 */
const security = (env: Env) => {
  const extra = env.array('CSP_EXTRA_SOURCES', []).map(String).filter(Boolean).join(' ');
  const withExtra = (value: string): string => (extra ? `${value} ${extra}` : value);
  const s3 = s3Storage(env);
  const withMedia = (value: string): string => withExtra(s3 ? `${value} ${mediaOrigin(s3)}` : value);
  return {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': "'self'",
          'script-src': "'self'",
          'style-src': "'self' 'unsafe-inline'",
          'connect-src': withExtra("'self'"),
          'img-src': withMedia("'self' data: blob:"),
          'media-src': withMedia("'self' data: blob:"),
          'font-src': "'self' data:",
          'object-src': "'none'",
          'base-uri': "'self'",
          'form-action': "'self'",
          'frame-ancestors': "'self'",
          upgradeInsecureRequests: null,
        },
      },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      hsts: { maxAge: 31536000, includeSubDomains: true },
      frameguard: { action: 'sameorigin' },
    },
  };
};

/**
 * Cross-origin reads only from the origins in CORS_ORIGINS (comma-separated,
 * e.g. `https://www.merahputih.com,https://m.merahputih.com`). Unset, the
 * development default `*` applies; in production an unset list means no
 * cross-origin access at all (the CMS's own origin still works).
 */
const cors = (env: Env) => {
  const origins = env.array('CORS_ORIGINS', []).map(String).filter(Boolean);
  const production = env('NODE_ENV', 'development') === 'production';
  return {
    name: 'strapi::cors',
    config: {
      origin: origins.length > 0 ? origins : production ? [] : '*',
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
      headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'If-None-Match'],
      keepHeadersOnError: true,
    },
  };
};

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  security(env),
  cors(env),
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
    // Per-IP request budget on the public API, GraphQL, feeds and sitemaps (src/middlewares/rate-limit.ts).
    name: 'global::rate-limit',
    config: {
      enabled: env.bool('RATE_LIMIT_ENABLED', env('NODE_ENV', 'development') !== 'test'),
      points: env.int('RATE_LIMIT_POINTS', 300),
      duration: env.int('RATE_LIMIT_DURATION', 60),
      redisUrl: env('REDIS_URL', ''),
      redisPrefix: env('RATE_LIMIT_REDIS_PREFIX', 'newsroom:rate-limit'),
    },
  },
  {
    // Broken percent-encoding, over-deep queries, unknown filter operators → 400 (src/middlewares/request-guard.ts).
    name: 'global::request-guard',
    config: { maxDepth: env.int('QUERY_MAX_DEPTH', 12), maxPopulateDepth: env.int('QUERY_MAX_POPULATE_DEPTH', 4) },
  },
  {
    // GraphQL body shape, alias/field bombs, fragment cycles; error-only answers get their status (src/middlewares/graphql-guard.ts).
    name: 'global::graphql-guard',
    config: {
      maxAliases: env.int('GRAPHQL_MAX_ALIASES', 20),
      maxFields: env.int('GRAPHQL_MAX_FIELDS', 500),
    },
  },
  {
    // Whole-answer cache of anonymous public reads, invalidated on every write (src/middlewares/response-cache.ts).
    // Settings come from the environment at each boot (CACHE_ENABLED, PERF_OPTIMIZATIONS, CACHE_TTL_SECONDS,
    // CACHE_MAX_ENTRIES, CACHE_MAX_BYTES, REDIS_URL, CACHE_KEY_PREFIX); keys given here override them.
    name: 'global::response-cache',
    config: {},
  },
  // Text and bare 4xx/405/501 answers → JSON errors (src/middlewares/error-shaping.ts).
  'global::error-shaping',
];

export default config;
