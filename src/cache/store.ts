import { LRUCache } from 'lru-cache';
import { openRedis, type RedisConnection } from '../redis/connection';

/** One cached answer: what the client got, minus what the outer middlewares add again. */
export type CachedResponse = {
  status: number;
  body: string;
  /** Headers set by the handler that a HIT must repeat (content-type, cache-control, etag, last-modified). */
  headers: Record<string, string>;
  /** The dependency keys the answer was built from (src/cache/dependencies.ts). */
  keys: string[];
};

/** `startSeq`: the purge sequence read before the answer was computed; `expiresAt`: end of its TTL (ms). */
type Stored = { startSeq: number; expiresAt: number; response: CachedResponse };

export type Lookup = {
  /** The purge sequence now: a miss computed after this lookup is saved under it. */
  seq: number;
  response?: CachedResponse;
  /** The entry is past its TTL (but within the stale window): serve it only while another request refreshes it. */
  stale?: boolean;
};

export type ResponseStoreOptions = {
  /** The app's shared Redis connection (src/redis/connection.ts): share the cache and its purge marks. */
  redis?: RedisConnection;
  /** Without `redis`: a URL to open a connection of the store's own (closed by `close()`); neither: memory. */
  redisUrl?: string;
  /** Prefix of every key (Redis: one namespace per deployment). */
  namespace: string;
  ttlSeconds: number;
  /** Seconds past the TTL an entry may still be served while one request refreshes it. */
  staleSeconds: number;
  maxEntries: number;
  /** Memory store only: total size bound of the kept bodies. */
  maxBytes: number;
};

/** The key every answer depends on: purging it makes every stored answer stale. */
export const ALL_KEY = '*';

/**
 * What the response cache and its invalidation need from a store.
 *
 * Freshness by sequence, the same in memory and in Redis: a global monotonic
 * `seq`; every entry records its dependency keys and the `seq` read BEFORE it
 * was computed (`startSeq`). A purge of keys K increments `seq` to n and marks
 * each key of K with n (`tagv:<k>` = n). A lookup is valid iff no mark of its
 * keys (nor of `*`) is above its `startSeq`, so an answer computed while a
 * write happened can never be served after that write. Nothing is deleted:
 * dead entries age out by TTL/LRU.
 */
export type ResponseStore = {
  kind: 'memory' | 'redis';
  lookup: (key: string) => Promise<Lookup>;
  save: (key: string, startSeq: number, response: CachedResponse) => Promise<void>;
  /** Makes every stored answer depending on one of `keys` stale (on every instance sharing the store). */
  purge: (keys: string[]) => Promise<void>;
  close: () => Promise<void>;
};

const parse = (text: string | null): Stored | undefined => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Stored;
  } catch {
    return undefined;
  }
};

const judge = (entry: Stored, marks: number[], seq: number): Lookup => {
  if (marks.some((mark) => mark > entry.startSeq)) return { seq };
  return { seq, response: entry.response, stale: Date.now() >= entry.expiresAt };
};

/** Purge marks kept in memory before they are folded into the global mark (bounds the map). */
const MAX_MEMORY_MARKS = 100_000;

/**
 * An LRU in this process (lru-cache, bounded by entries and bytes); objects
 * stay objects, no JSON round trip per hit.
 */
const memoryStore = (options: ResponseStoreOptions): ResponseStore => {
  const ttlMs = Math.max(1, options.ttlSeconds) * 1000;
  const lru = new LRUCache<string, Stored>({
    max: Math.max(1, options.maxEntries),
    maxSize: Math.max(1024, options.maxBytes),
    sizeCalculation: (entry) => Math.max(1, entry.response.body.length),
    ttl: ttlMs + Math.max(0, options.staleSeconds) * 1000,
  });
  let seq = 0;
  const marks = new Map<string, number>();
  return {
    kind: 'memory',
    lookup: (key) => {
      const entry = lru.get(key);
      if (!entry) return Promise.resolve({ seq });
      const found = [ALL_KEY, ...entry.response.keys].map((k) => marks.get(k) ?? 0);
      return Promise.resolve(judge(entry, found, seq));
    },
    save: (key, startSeq, response) => {
      lru.set(key, { startSeq, expiresAt: Date.now() + ttlMs, response });
      return Promise.resolve();
    },
    purge: (keys) => {
      seq += 1;
      if (marks.size + keys.length > MAX_MEMORY_MARKS) {
        // Folding every mark into `*` only over-invalidates: it never serves stale.
        marks.clear();
        marks.set(ALL_KEY, seq);
      } else for (const k of keys) marks.set(k, seq);
      return Promise.resolve();
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
 * stale; a purge that failed is bounded by the TTL (and logged).
 */
const redisStore = (options: ResponseStoreOptions, redis: RedisConnection, owned: boolean): ResponseStore => {
  const ttlMs = Math.max(1, options.ttlSeconds) * 1000;
  // Entries and marks live as long as an entry can be served; a mark older than that guards nothing.
  const keepMs = ttlMs + Math.max(0, options.staleSeconds) * 1000;
  const keyOf = (key: string): string => `${options.namespace}:${key}`;
  const markOf = (key: string): string => `${options.namespace}:tagv:${key}`;
  const seqKey = keyOf('seq');
  return {
    kind: 'redis',
    async lookup(key) {
      const [seqValue, text] = await redis.call((client) => client.mget(seqKey, keyOf(key)));
      const seq = Number(seqValue ?? 0);
      const entry = parse(text ?? null);
      if (!entry) return { seq };
      const keys = [ALL_KEY, ...entry.response.keys];
      const values = await redis.call((client) => client.mget(...keys.map(markOf)));
      return judge(
        entry,
        values.map((v) => Number(v ?? 0)),
        seq,
      );
    },
    async save(key, startSeq, response) {
      const entry = JSON.stringify({ startSeq, expiresAt: Date.now() + ttlMs, response } satisfies Stored);
      await redis.call((client) => client.set(keyOf(key), entry, 'PX', keepMs));
    },
    async purge(keys) {
      const n = await redis.call((client) => client.incr(seqKey));
      await redis.call((client) => {
        const batch = client.multi();
        for (const k of keys) batch.set(markOf(k), String(n), 'PX', keepMs);
        return batch.exec();
      });
    },
    async close() {
      if (owned) await redis.close();
    },
  };
};

/**
 * The response cache's store: an LRU in memory, or Redis when a connection
 * (or a URL) is given. See `ResponseStore` for the freshness rule.
 */
export const createResponseStore = (options: ResponseStoreOptions): ResponseStore => {
  if (options.redis) return redisStore(options, options.redis, false);
  if (options.redisUrl) return redisStore(options, openRedis(options.redisUrl), true);
  return memoryStore(options);
};
