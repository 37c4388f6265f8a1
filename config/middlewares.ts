import type { Core } from '@strapi/strapi';
import { readSettings, type Settings } from '../src/config/settings';
import { mediaOrigin } from '../src/lib/media-storage';

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
const security = (settings: Settings) => {
  const extra = settings.security.cspExtraSources.join(' ');
  const withExtra = (value: string): string => (extra ? `${value} ${extra}` : value);
  const { s3 } = settings.media;
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
const cors = (settings: Settings) => {
  const origins = settings.security.corsOrigins;
  const { production } = settings;
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

/**
 * The order is the request's path: Strapi's own layers, then the project's,
 * outermost first. Each project middleware reads the request's surface
 * (src/http/surface.ts) and receives its settings from src/config/settings.ts.
 */
const config = (): Core.Config.Middlewares => {
  const settings = readSettings();
  return [
    'strapi::logger', // one log line per request
    { name: 'global::metrics', config: settings.metrics }, // counts and times every answer; GET /metrics
    'strapi::errors', // thrown errors → Strapi's JSON error body
    security(settings), // CSP, HSTS, frame and referrer policies (helmet)
    cors(settings), // cross-origin reads from CORS_ORIGINS only
    'strapi::poweredBy', // X-Powered-By
    'strapi::query', // query string → ctx.query (qs)
    'global::body-errors', // unreadable multipart bodies → 400/413 JSON (formidable's errors were 500s)
    'strapi::body', // JSON/form bodies (GraphQL's is read by graphql-guard)
    'strapi::session', // the admin's session cookie
    'strapi::favicon', // /favicon.ico
    'strapi::public', // static files from the public folder (/uploads)
    'global::readiness', // GET /_ready: 200 when the database (and Redis) answer, else 503
    'global::surface', // classify once: rest, graphql, feed, sitemap, account, admin, upload, other
    { name: 'global::rate-limit', config: settings.rateLimit }, // per-IP budget → 429 (rate-limit.ts)
    { name: 'global::request-guard', config: settings.query }, // bad encoding, deep or odd queries → 400
    { name: 'global::graphql-guard', config: settings.graphql }, // GraphQL body, alias/field bombs → 400/413/415
    { name: 'global::http-cache', config: settings.httpCache }, // ETag, 304, Cache-Control on public reads
    'global::response-cache', // whole-answer cache of anonymous public reads (store made in register())
    'global::error-shaping', // text and bare 4xx/405/501 answers → JSON errors
  ];
};

export default config;
