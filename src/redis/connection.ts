import Redis from 'ioredis';

/**
 * The app's one Redis connection (ioredis), shared by the response cache and
 * the rate limit. Opened in `register()` when REDIS_URL is set, closed in
 * `destroy()` (src/runtime.ts).
 *
 * The outage rule, the same for every user of the connection:
 * - every call is bounded: one that has not answered within 1 s fails;
 * - after a failure Redis is skipped for 5 s (`available()` is false and
 *   `call()` fails at once), then tried again;
 * - meanwhile the rate limit counts in this process's memory (its insurance
 *   limiter) and the response cache is a pass-through (answers uncached).
 * Commands are not queued while the client is disconnected
 * (`enableOfflineQueue: false`), so nothing waits on a dead Redis, and
 * `close()` stops the reconnect timer, so nothing keeps the process alive.
 */
export const REDIS_TIMEOUT_MS = 1000;
export const REDIS_RETRY_AFTER_MS = 5000;

export type RedisConnection = {
  client: Redis;
  /** False during the 5 s after a failed call or while the client is not connected. */
  available: () => boolean;
  /** Runs one call under the outage rule. */
  call: <T>(run: (client: Redis) => Promise<T>) => Promise<T>;
  /** Resolves once the first connection attempt settled (connected or failed), at most 1 s. */
  ready: () => Promise<void>;
  close: () => Promise<void>;
};

type Log = { warn: (message: string) => void; info: (message: string) => void };

export const openRedis = (url: string, log?: Log): RedisConnection => {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: REDIS_TIMEOUT_MS,
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
  });
  let downUntil = 0;
  let warned = false;
  client.on('error', (error: Error) => {
    if (!warned) log?.warn(`[redis] ${error.message}; the rate limit counts in memory, the cache is skipped`);
    warned = true;
  });
  client.on('ready', () => {
    if (warned) log?.info('[redis] connected again');
    warned = false;
  });

  const settled = new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      client.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, REDIS_TIMEOUT_MS);
    client.once('ready', done);
    client.once('error', done);
  });

  const available = (): boolean => client.status === 'ready' && Date.now() >= downUntil;

  return {
    client,
    available,
    ready: () => settled,
    async call(run) {
      if (Date.now() < downUntil) throw new Error('Redis is skipped for a few seconds after a failure');
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          run(client),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error(`Redis did not answer within ${REDIS_TIMEOUT_MS} ms`)),
              REDIS_TIMEOUT_MS,
            );
          }),
        ]);
      } catch (error) {
        downUntil = Date.now() + REDIS_RETRY_AFTER_MS;
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (client.status === 'end') return;
      const ended = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, REDIS_TIMEOUT_MS);
        timer.unref();
        client.once('end', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      // disconnect(), not quit(): a client that is reconnecting would never finish a polite QUIT.
      client.disconnect();
      await ended;
    },
  };
};
