import { randomBytes } from 'crypto';
import { LRUCache } from 'lru-cache';
import { openRedis, type RedisConnection } from '../redis/connection';

/** One cached answer: what the client got, minus what the outer middlewares add again. */
export type CachedResponse = {
  status: number;
  body: string;
  /** Headers set by the handler that a HIT must repeat (content-type, cache-control, etag, last-modified). */
  headers: Record<string, string>;
};

type Stored = { generation: string; response: CachedResponse };

export type ResponseStoreOptions = {
  /** The app's shared Redis connection (src/redis/connection.ts): share the cache and its generation. */
  redis?: RedisConnection;
  /** Without `redis`: a URL to open a connection of the store's own (closed by `close()`); neither: memory. */
  redisUrl?: string;
  /** Prefix of every key (Redis: one namespace per deployment). */
  namespace: string;
  ttlSeconds: number;
  maxEntries: number;
  /** Memory store only: total size bound of the kept bodies. */
  maxBytes: number;
};

/**
 * What the response cache and its invalidation need from a store. Kept small
 * so that per-entry keys (issue 16) can be added beside `bump`.
 */
export type ResponseStore = {
  kind: 'memory' | 'redis';
  /** The answer stored under `key`, if it was made in the current generation; and that generation. */
  lookup: (key: string) => Promise<{ generation: string; response?: CachedResponse }>;
  save: (key: string, generation: string, response: CachedResponse) => Promise<void>;
  /** Makes every stored answer stale (on every instance sharing the store). */
  bump: () => Promise<string>;
  close: () => Promise<void>;
};

const GENERATION_KEY = 'generation';
const newGeneration = (): string => `${Date.now().toString(36)}.${randomBytes(6).toString('base64url')}`;

const parse = (text: string | null): Stored | undefined => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Stored;
  } catch {
    return undefined;
  }
};

/**
 * An LRU in this process (lru-cache, bounded by entries and bytes); objects
 * stay objects, no JSON round trip per hit.
 */
const memoryStore = (options: ResponseStoreOptions): ResponseStore => {
  const lru = new LRUCache<string, Stored>({
    max: Math.max(1, options.maxEntries),
    maxSize: Math.max(1024, options.maxBytes),
    sizeCalculation: (entry) => Math.max(1, entry.response.body.length),
    ttl: Math.max(1, options.ttlSeconds) * 1000,
  });
  let generation = newGeneration();
  return {
    kind: 'memory',
    lookup: (key) => {
      const entry = lru.get(key);
      return Promise.resolve(
        entry && entry.generation === generation ? { generation, response: entry.response } : { generation },
      );
    },
    save: (key, at, response) => {
      lru.set(key, { generation: at, response });
      return Promise.resolve();
    },
    bump: () => {
      generation = newGeneration();
      return Promise.resolve(generation);
    },
    close: () => {
      lru.clear();
      return Promise.resolve();
    },
  };
};

/**
 * Redis, through the shared connection and its outage rule (every call bounded,
 * skipped for 5 s after a failure: the callers then answer uncached). While
 * Redis is unreachable no instance can read an entry, so none is served
 * stale; entries written before an outage are bounded by the TTL.
 */
const redisStore = (options: ResponseStoreOptions, redis: RedisConnection, owned: boolean): ResponseStore => {
  const ttlMs = Math.max(1, options.ttlSeconds) * 1000;
  const keyOf = (key: string): string => `${options.namespace}:${key}`;
  const generationKey = keyOf(GENERATION_KEY);
  return {
    kind: 'redis',
    async lookup(key) {
      const [generationValue, text] = await redis.call((client) => client.mget(generationKey, keyOf(key)));
      let generation = generationValue ?? '';
      if (!generation) {
        // First start or evicted: a new generation, so no older entry can match.
        generation = newGeneration();
        await redis.call((client) => client.set(generationKey, generation));
      }
      const entry = parse(text ?? null);
      return entry && entry.generation === generation ? { generation, response: entry.response } : { generation };
    },
    async save(key, generation, response) {
      const entry = JSON.stringify({ generation, response } satisfies Stored);
      await redis.call((client) => client.set(keyOf(key), entry, 'PX', ttlMs));
    },
    async bump() {
      const next = newGeneration();
      await redis.call((client) => client.set(generationKey, next));
      return next;
    },
    async close() {
      if (owned) await redis.close();
    },
  };
};

/**
 * The response cache's store: an LRU in memory, or Redis when a connection
 * (or a URL) is given.
 *
 * Freshness does not depend on deleting keys: every entry records the
 * generation it was made in, and a write anywhere replaces the generation
 * (a random token, kept in the same store so instances sharing Redis see it).
 * A lookup reads the generation and the entry in one round trip and only
 * answers when they match; an entry from an older generation is dead and ages
 * out by TTL/LRU. An answer computed while a write happened is stored under
 * the generation read before it was computed, so it can never be served after
 * that write.
 */
export const createResponseStore = (options: ResponseStoreOptions): ResponseStore => {
  if (options.redis) return redisStore(options, options.redis, false);
  if (options.redisUrl) return redisStore(options, openRedis(options.redisUrl), true);
  return memoryStore(options);
};
