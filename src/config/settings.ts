import { readSecret, readSecretList } from '../lib/secrets';
import { GRAPHQL_ENDPOINT } from '../http/paths';
import { s3Storage, type S3Storage } from '../lib/media-storage';

/**
 * Every setting of the project, read from the environment in one place, typed,
 * each with its single default (docs/configuration.md is the table of them;
 * `.env.example` lists every variable, checked by tests/unit/configuration.test.ts).
 *
 * The config files (config/*.ts) build Strapi's configuration from
 * `readSettings()`; config/newsroom.ts hands the whole object to the app as
 * `strapi.config.get('newsroom')` (see `settingsOf`), which middlewares and
 * services receive. Nothing else in src/ reads `process.env`.
 *
 * Settings are read when Strapi loads its configuration, i.e. at every boot,
 * never when a module is first imported: the tests start the app several
 * times in one process with different variables.
 */

type Source = Readonly<Record<string, string | undefined>>;

const FALSE = ['false', '0', 'no', 'off'];
const TRUE = ['true', '1', 'yes', 'on'];

/** Readers over one environment: an empty value counts as unset, a malformed one falls back to the default. */
const readerOf = (source: Source) => {
  const raw = (name: string): string | undefined => {
    const value = source[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    str: (name: string, fallback: string): string => raw(name) ?? fallback,
    optional: (name: string): string | undefined => raw(name),
    int: (name: string, fallback: number, min = Number.MIN_SAFE_INTEGER): number => {
      const value = Number(raw(name));
      return raw(name) !== undefined && Number.isInteger(value) && value >= min ? value : fallback;
    },
    bool: (name: string, fallback: boolean): boolean => {
      const value = raw(name)?.toLowerCase();
      if (value !== undefined && TRUE.includes(value)) return true;
      if (value !== undefined && FALSE.includes(value)) return false;
      return fallback;
    },
    list: (name: string): string[] =>
      (raw(name) ?? '')
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
  };
};

export type DatabaseSettings =
  | { client: 'sqlite'; filename: string }
  | {
      client: 'postgres';
      url?: string;
      host: string;
      port: number;
      name: string;
      username: string;
      password: string;
      ssl: boolean;
      sslRejectUnauthorized: boolean;
      schema: string;
      poolMin: number;
      poolMax: number;
      connectionTimeoutMs: number;
    };

export type Settings = {
  nodeEnv: string;
  production: boolean;
  server: {
    host: string;
    port: number;
    publicUrl: string;
    isProxied: boolean;
    publicDir: string;
    serveAdminPanel: boolean;
    startupLog: boolean;
  };
  logLevel: string;
  database: DatabaseSettings;
  api: { defaultLimit: number; maxLimit: number };
  openapi: { public: boolean; cache: boolean };
  graphql: { endpoint: string; depthLimit: number; introspection: boolean; maxAliases: number; maxFields: number };
  query: { maxDepth: number; maxPopulateDepth: number };
  security: { corsOrigins: string[]; cspExtraSources: string[] };
  /** The public site's URL (overrides the stored site setting); unset: the stored one. */
  siteUrl?: string;
  /** `PERF_OPTIMIZATIONS`: false is stock Strapi (src/strapi-patches/switch.ts). */
  perfOptimizations: boolean;
  /** `CACHE_ENABLED`: the response cache runs when this and PERF_OPTIMIZATIONS are on (switch.ts). */
  cacheEnabled: boolean;
  responseCache: {
    ttlSeconds: number;
    /** Seconds past the TTL an entry may be served while one request refreshes it. */
    staleSeconds: number;
    maxEntries: number;
    maxBytes: number;
    keyPrefix: string;
    /** `CACHE_PURGE_URL`: each invalidation POSTs its keys there (a CDN purge hook); unset: none. */
    purgeUrl?: string;
  };
  /** Milliseconds the Public role's permissions are remembered; 0 turns the memo off. */
  permissionsCacheMs: number;
  httpCache: { maxAge: number; sMaxAge: number; staleWhileRevalidate: number };
  rateLimit: { enabled: boolean; points: number; duration: number; redisPrefix: string };
  /** One Redis for the whole app (cache and rate limit); unset: both work in memory. */
  redisUrl?: string;
  /** Media in an S3-compatible bucket (S3_*, src/lib/media-storage.ts); null: the local folder. */
  media: { s3: S3Storage | null };
  /** GET /metrics: on only with METRICS_TOKEN, the scraper's bearer token (src/middlewares/metrics.ts). */
  metrics: { token?: string };
  /** First-setup admin accounts (src/bootstrap/admin-accounts.ts). */
  accounts: {
    NODE_ENV: string;
    ADMIN_EMAIL?: string;
    ADMIN_PASSWORD?: string;
    EDITOR_EMAIL?: string;
    EDITOR_PASSWORD?: string;
    REPORTER_EMAIL?: string;
    REPORTER_PASSWORD?: string;
  };
  /** The desk (docs/desk.md): scheduled publishing and preview. */
  desk: {
    /** NEWSROOM_TIME_ZONE: IANA zone of schedule times in messages and on the preview page. */
    timeZone: string;
    /** SCHEDULER_ENABLED, SCHEDULER_CRON (six fields, seconds first): the publish/unpublish job. */
    scheduler: { enabled: boolean; rule: string };
    /**
     * PREVIEW_SECRET (HMAC key of preview links; empty: random per process), PREVIEW_TTL_MINUTES,
     * PREVIEW_URL (external frontend template; empty: the CMS's own page), PREVIEW_ALLOWED_ORIGINS.
     */
    preview: { secret: string; ttlMinutes: number; url: string; allowedOrigins: string[] };
  };
};

const databaseFrom = (env: ReturnType<typeof readerOf>): DatabaseSettings => {
  const client = env.str('DATABASE_CLIENT', 'sqlite');
  if (client !== 'sqlite' && client !== 'postgres') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}"`);
  }
  if (client === 'sqlite') return { client, filename: env.str('DATABASE_FILENAME', '.tmp/data.db') };
  return {
    client,
    url: env.optional('DATABASE_URL'),
    host: env.str('DATABASE_HOST', '127.0.0.1'),
    port: env.int('DATABASE_PORT', 5432, 1),
    name: env.str('DATABASE_NAME', 'strapi'),
    username: env.str('DATABASE_USERNAME', 'strapi'),
    password: env.str('DATABASE_PASSWORD', ''),
    ssl: env.bool('DATABASE_SSL', false),
    sslRejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
    schema: env.str('DATABASE_SCHEMA', 'public'),
    poolMin: env.int('DATABASE_POOL_MIN', 2, 0),
    poolMax: env.int('DATABASE_POOL_MAX', 10, 1),
    connectionTimeoutMs: env.int('DATABASE_CONNECTION_TIMEOUT', 60000, 1),
  };
};

export const readSettings = (source: Source = process.env): Settings => {
  const env = readerOf(source);
  const nodeEnv = env.str('NODE_ENV', 'development');
  return {
    nodeEnv,
    production: nodeEnv === 'production',
    server: {
      host: env.str('HOST', '0.0.0.0'),
      port: env.int('PORT', 1337, 0),
      publicUrl: env.str('PUBLIC_URL', ''),
      isProxied: env.bool('IS_PROXIED', false),
      publicDir: env.str('PUBLIC_DIR', './public'),
      serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
      startupLog: env.bool('STRAPI_STARTUP_LOG', true),
    },
    logLevel: env.str('LOG_LEVEL', 'http'),
    database: databaseFrom(env),
    api: { defaultLimit: env.int('API_DEFAULT_LIMIT', 25, 1), maxLimit: env.int('API_MAX_LIMIT', 100, 1) },
    openapi: { public: env.bool('OPENAPI_PUBLIC', true), cache: env.bool('OPENAPI_CACHE', true) },
    graphql: {
      endpoint: GRAPHQL_ENDPOINT,
      depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10, 1),
      introspection: env.bool('GRAPHQL_INTROSPECTION', true),
      maxAliases: env.int('GRAPHQL_MAX_ALIASES', 20, 0),
      maxFields: env.int('GRAPHQL_MAX_FIELDS', 500, 1),
    },
    query: { maxDepth: env.int('QUERY_MAX_DEPTH', 12, 1), maxPopulateDepth: env.int('QUERY_MAX_POPULATE_DEPTH', 4, 1) },
    security: { corsOrigins: env.list('CORS_ORIGINS'), cspExtraSources: env.list('CSP_EXTRA_SOURCES') },
    media: { s3: s3Storage(Object.assign((name: string, fallback: string) => env.str(name, fallback), env)) },
    metrics: { token: env.optional('METRICS_TOKEN') },
    siteUrl: env.optional('SITE_URL'),
    perfOptimizations: env.bool('PERF_OPTIMIZATIONS', true),
    cacheEnabled: env.bool('CACHE_ENABLED', true),
    responseCache: {
      ttlSeconds: env.int('CACHE_TTL_SECONDS', 21_600, 1),
      staleSeconds: env.int('CACHE_STALE_SECONDS', 60, 0),
      maxEntries: env.int('CACHE_MAX_ENTRIES', 10_000, 1),
      maxBytes: env.int('CACHE_MAX_BYTES', 64 * 1024 * 1024, 1),
      keyPrefix: env.str('CACHE_KEY_PREFIX', 'newsroom:response-cache'),
      purgeUrl: env.optional('CACHE_PURGE_URL'),
    },
    permissionsCacheMs: env.int('PERMISSIONS_CACHE_MS', 10_000, 0),
    httpCache: {
      maxAge: env.int('HTTP_CACHE_MAX_AGE', 60, 0),
      sMaxAge: env.int('HTTP_CACHE_S_MAXAGE', 60, 0),
      staleWhileRevalidate: env.int('HTTP_CACHE_STALE_WHILE_REVALIDATE', 300, 0),
    },
    rateLimit: {
      // Off under Jest (NODE_ENV=test) unless a test turns it on.
      enabled: env.bool('RATE_LIMIT_ENABLED', nodeEnv !== 'test'),
      points: env.int('RATE_LIMIT_POINTS', 300, 1),
      duration: env.int('RATE_LIMIT_DURATION', 60, 1),
      redisPrefix: env.str('RATE_LIMIT_REDIS_PREFIX', 'newsroom:rate-limit'),
    },
    redisUrl: env.optional('REDIS_URL'),
    accounts: {
      NODE_ENV: nodeEnv,
      ADMIN_EMAIL: env.optional('ADMIN_EMAIL'),
      ADMIN_PASSWORD: env.optional('ADMIN_PASSWORD'),
      EDITOR_EMAIL: env.optional('EDITOR_EMAIL'),
      EDITOR_PASSWORD: env.optional('EDITOR_PASSWORD'),
      REPORTER_EMAIL: env.optional('REPORTER_EMAIL'),
      REPORTER_PASSWORD: env.optional('REPORTER_PASSWORD'),
    },
    desk: {
      timeZone: env.str('NEWSROOM_TIME_ZONE', 'Asia/Jakarta'),
      scheduler: { enabled: env.bool('SCHEDULER_ENABLED', true), rule: env.str('SCHEDULER_CRON', '0 * * * * *') },
      preview: {
        secret: env.str('PREVIEW_SECRET', ''),
        ttlMinutes: env.int('PREVIEW_TTL_MINUTES', 10, 1),
        url: env.str('PREVIEW_URL', ''),
        allowedOrigins: env.list('PREVIEW_ALLOWED_ORIGINS'),
      },
    },
  };
};

export type Secrets = {
  appKeys: string[];
  apiTokenSalt: string;
  adminJwtSecret: string;
  transferTokenSalt: string;
  jwtSecret: string;
  encryptionKey: string;
};

/**
 * The secrets, apart from the settings so that reading a setting never needs
 * them: each is required and, in production, refused when it is a placeholder
 * or short (src/lib/secrets.ts).
 */
export const readSecrets = (source: Source = process.env): Secrets => {
  const env = (name: string): string | undefined => source[name];
  // Getters: each config file reads only its own secrets, so a missing one is named as before.
  return {
    get appKeys() {
      return readSecretList(env, 'APP_KEYS');
    },
    get apiTokenSalt() {
      return readSecret(env, 'API_TOKEN_SALT');
    },
    get adminJwtSecret() {
      return readSecret(env, 'ADMIN_JWT_SECRET');
    },
    get transferTokenSalt() {
      return readSecret(env, 'TRANSFER_TOKEN_SALT');
    },
    get jwtSecret() {
      return readSecret(env, 'JWT_SECRET');
    },
    get encryptionKey() {
      return readSecret(env, 'ENCRYPTION_KEY');
    },
  };
};

/** The settings Strapi loaded at this boot (config/newsroom.ts). */
export const settingsOf = (strapi: { config: { get: (path: string) => unknown } }): Settings =>
  strapi.config.get('newsroom') as Settings;
