import { randomBytes } from 'crypto';
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import { LRUCache } from 'lru-cache';

/** One cached answer: what the client got, minus what the outer middlewares add again. */
export type CachedResponse = {
  status: number;
  body: string;
  /** Headers set by the handler that a HIT must repeat (content-type, cache-control, etag, last-modified). */
  headers: Record<string, string>;
};

type Stored = { generation: string; response: CachedResponse };

export type ResponseStoreOptions = {
  /** `redis://…`: share the cache (and its generation) between instances; otherwise in memory. */
  redisUrl?: string;
  /** Prefix of every key (Redis: one namespace per deployment). */
  namespace: string;
  ttlSeconds: number;
  maxEntries: number;
  /** Memory store only: total size bound of the kept bodies. */
  maxBytes: number;
};

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
/** A Redis call that takes longer fails; after a failure Redis is skipped for a while (the cache is a pass-through). */
const REDIS_TIMEOUT_MS = 1000;
const REDIS_RETRY_AFTER_MS = 5000;
const newGeneration = (): string => `${Date.now().toString(36)}.${randomBytes(6).toString('base64url')}`;

/**
 * lru-cache as a Keyv store. Keyv calls `set(key, value, ttlMs)`, while
 * lru-cache takes an options object third, so the call is adapted here; the
 * LRU's own TTL drops dead entries (Keyv also checks the expiry it stores).
 */
const lruStore = (options: ResponseStoreOptions, ttlMs: number) => {
  const lru = new LRUCache<string, { value?: Stored }>({
    max: Math.max(1, options.maxEntries),
    maxSize: Math.max(1024, options.maxBytes),
    sizeCalculation: (entry) => Math.max(1, entry.value?.response?.body.length ?? 64),
    ttl: ttlMs,
  });
  return {
    get: (key: string) => lru.get(key),
    set: (key: string, value: { value?: Stored }) => {
      lru.set(key, value);
      return true;
    },
    delete: (key: string) => lru.delete(key),
    clear: () => lru.clear(),
    has: (key: string) => lru.has(key),
  };
};

/**
 * The response cache's store, through Keyv: an LRU in memory (lru-cache,
 * bounded by entries and bytes), or Redis (@keyv/redis) when a URL is given.
 *
 * Freshness does not depend on deleting keys: every entry records the
 * generation it was made in, and a write anywhere replaces the generation
 * (a random token, kept in the same store so instances sharing Redis see it).
 * A lookup reads the generation and the entry in one round trip and only
 * answers when they match; an entry from an older generation is dead and ages
 * out by TTL/LRU. An answer computed while a write happened is stored under
 * the generation read before it was computed, so it can never be served after
 * that write. If the generation is missing (first start, evicted), a new one
 * is made, so no older entry can match.
 */
export const createResponseStore = (options: ResponseStoreOptions): ResponseStore => {
  const ttlMs = Math.max(1, options.ttlSeconds) * 1000;
  // After two failed reconnects the client gives up and closes (the next call connects anew),
  // so a Redis that is down neither blocks requests nor keeps the process alive.
  const redis = options.redisUrl
    ? new KeyvRedis(
        {
          url: options.redisUrl,
          socket: {
            connectTimeout: REDIS_TIMEOUT_MS,
            reconnectStrategy: (retries: number) => (retries >= 2 ? new Error('Redis is unreachable') : 200),
          },
        },
        { namespace: options.namespace, connectionTimeout: REDIS_TIMEOUT_MS },
      )
    : undefined;
  const keyv = redis
    ? new Keyv<unknown>({ store: redis, namespace: options.namespace, useKeyPrefix: false })
    : new Keyv<unknown>({
        store: lruStore(options, ttlMs),
        namespace: options.namespace,
        // Objects stay objects in memory: no JSON round trip per hit.
        serialize: undefined,
        deserialize: undefined,
      });
  // Errors (Redis down) make the cache a pass-through, never a failed request.
  keyv.on('error', () => undefined);
  let memoryGeneration = newGeneration();

  // The Redis client queues commands while it reconnects, so a call to a Redis
  // that is down may never settle: without a bound, a request (or the write
  // that bumps the generation, or the boot) would wait for ever. Each call gets
  // REDIS_TIMEOUT_MS; a failure makes the next REDIS_RETRY_AFTER_MS fail at
  // once, and the callers answer uncached. While Redis is unreachable no
  // instance can read an entry, so none is served stale; entries written before
  // an outage are bounded by the TTL.
  let redisDownUntil = 0;
  const viaRedis = async <T>(call: () => Promise<T>): Promise<T> => {
    if (Date.now() < redisDownUntil) throw new Error('Redis is unreachable; answering uncached for a few seconds');
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        call(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)),
            REDIS_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      redisDownUntil = Date.now() + REDIS_RETRY_AFTER_MS;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  const readGeneration = async (stored: unknown): Promise<string> => {
    if (!redis) return memoryGeneration;
    if (typeof stored === 'string' && stored) return stored;
    const fresh = newGeneration();
    await viaRedis(() => keyv.set(GENERATION_KEY, fresh));
    return fresh;
  };

  return {
    kind: redis ? 'redis' : 'memory',
    async lookup(key) {
      const [generationValue, stored] = redis
        ? await viaRedis(() => keyv.getMany([GENERATION_KEY, key]))
        : [memoryGeneration, await keyv.get(key)];
      const generation = await readGeneration(generationValue);
      const entry = stored as Stored | undefined;
      return entry && entry.generation === generation ? { generation, response: entry.response } : { generation };
    },
    async save(key, generation, response) {
      const entry = { generation, response } satisfies Stored;
      if (redis) await viaRedis(() => keyv.set(key, entry, ttlMs));
      else await keyv.set(key, entry, ttlMs);
    },
    async bump() {
      const next = newGeneration();
      if (redis) await viaRedis(() => keyv.set(GENERATION_KEY, next));
      else memoryGeneration = next;
      return next;
    },
    async close() {
      // Forced: a client that is still reconnecting would never finish a polite QUIT.
      if (redis) await redis.disconnect(true).catch(() => undefined);
      else await keyv.disconnect().catch(() => undefined);
    },
  };
};
