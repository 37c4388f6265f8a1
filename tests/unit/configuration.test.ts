import fs from 'fs';
import path from 'path';
import { readSettings } from '../../src/config/settings';

/**
 * Every environment variable the code reads is listed in `.env.example` and
 * in docs/configuration.md. The code is src/, config/, scripts/, database/
 * (and bench/ when it exists); a read is `process.env.NAME`,
 * `process.env['NAME']`, a Strapi/settings reader `env('NAME'…)` /
 * `env.int('NAME'…)`, or `readSecret(env, 'NAME')`.
 */
const ROOT = path.resolve(__dirname, '../..');
const CODE_DIRS = ['src', 'config', 'scripts', 'database', 'bench'];
const CODE_FILE = /\.(ts|tsx|js|mjs|cjs)$/;

const READS = [
  /process\.env\.([A-Z][A-Z0-9_]*)/g,
  /process\.env\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g,
  /\benv(?:\.[a-z]+)?\(\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
  /readSecret(?:List)?\(\s*\w+\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
];

const filesUnder = (dir: string): string[] => {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full);
    return CODE_FILE.test(entry.name) ? [full] : [];
  });
};

const readByCode = (): Map<string, string> => {
  const found = new Map<string, string>();
  for (const file of CODE_DIRS.flatMap((dir) => filesUnder(path.join(ROOT, dir)))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of READS) {
      for (const match of text.matchAll(pattern)) {
        if (match[1] && !found.has(match[1])) found.set(match[1], path.relative(ROOT, file));
      }
    }
  }
  return found;
};

/** `NAME=value` and commented `# NAME=value` lines. */
const listedInEnvExample = (): Set<string> => {
  const text = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1] as string));
};

/** Table rows that start with a backquoted name: ``| `NAME` | … |``. */
const listedInDocs = (): Set<string> => {
  const text = fs.readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');
  return new Set([...text.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`/gm)].map((m) => m[1] as string));
};

describe('configuration', () => {
  const read = readByCode();

  it('finds the variables the code reads (the scan itself works)', () => {
    for (const name of ['REDIS_URL', 'PERF_OPTIMIZATIONS', 'DATABASE_CLIENT', 'APP_KEYS', 'BACKUP_DIR']) {
      expect(read.has(name)).toBe(true);
    }
  });

  it('.env.example lists every variable the code reads', () => {
    const listed = listedInEnvExample();
    const missing = [...read].filter(([name]) => !listed.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('docs/configuration.md names every variable the code reads', () => {
    const listed = listedInDocs();
    const missing = [...read].filter(([name]) => !listed.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('.env.example and docs/configuration.md list the same variables', () => {
    expect([...listedInDocs()].sort()).toEqual([...listedInEnvExample()].sort());
  });

  it('every default of the settings module is the one docs/configuration.md states', () => {
    const defaults = readSettings({});
    const docs = fs.readFileSync(path.join(ROOT, 'docs/configuration.md'), 'utf8');
    const stated = (name: string): string | undefined =>
      new RegExp(`^\\|\\s*\`${name}\`\\s*\\|\\s*([^|]*?)\\s*\\|`, 'm').exec(docs)?.[1];
    const expected: Record<string, unknown> = {
      PORT: defaults.server.port,
      HOST: defaults.server.host,
      LOG_LEVEL: defaults.logLevel,
      API_DEFAULT_LIMIT: defaults.api.defaultLimit,
      API_MAX_LIMIT: defaults.api.maxLimit,
      GRAPHQL_DEPTH_LIMIT: defaults.graphql.depthLimit,
      GRAPHQL_MAX_ALIASES: defaults.graphql.maxAliases,
      GRAPHQL_MAX_FIELDS: defaults.graphql.maxFields,
      QUERY_MAX_DEPTH: defaults.query.maxDepth,
      QUERY_MAX_POPULATE_DEPTH: defaults.query.maxPopulateDepth,
      CACHE_TTL_SECONDS: defaults.responseCache.ttlSeconds,
      CACHE_STALE_SECONDS: defaults.responseCache.staleSeconds,
      CACHE_MAX_ENTRIES: defaults.responseCache.maxEntries,
      CACHE_MAX_BYTES: defaults.responseCache.maxBytes,
      CACHE_KEY_PREFIX: defaults.responseCache.keyPrefix,
      PERMISSIONS_CACHE_MS: defaults.permissionsCacheMs,
      HTTP_CACHE_MAX_AGE: defaults.httpCache.maxAge,
      HTTP_CACHE_S_MAXAGE: defaults.httpCache.sMaxAge,
      HTTP_CACHE_STALE_WHILE_REVALIDATE: defaults.httpCache.staleWhileRevalidate,
      RATE_LIMIT_POINTS: defaults.rateLimit.points,
      RATE_LIMIT_DURATION: defaults.rateLimit.duration,
      RATE_LIMIT_REDIS_PREFIX: defaults.rateLimit.redisPrefix,
      PERF_OPTIMIZATIONS: defaults.perfOptimizations,
      CACHE_ENABLED: defaults.cacheEnabled,
    };
    for (const [name, value] of Object.entries(expected)) {
      expect({ name, stated: stated(name) }).toEqual({ name, stated: `\`${String(value)}\`` });
    }
  });

  it('reads per call, not at import: two environments give two settings', () => {
    expect(readSettings({ REDIS_URL: 'redis://a:6379' }).redisUrl).toBe('redis://a:6379');
    expect(readSettings({}).redisUrl).toBeUndefined();
    expect(readSettings({ PERF_OPTIMIZATIONS: 'false' }).perfOptimizations).toBe(false);
    expect(readSettings({ RATE_LIMIT_POINTS: 'many' }).rateLimit.points).toBe(300);
    expect(readSettings({ NODE_ENV: 'test' }).rateLimit.enabled).toBe(false);
  });
});
