/**
 * Tells a CDN which keys to purge: each invalidation POSTs `{ "keys": [...] }`
 * as JSON to CACHE_PURGE_URL (the same keys the answers carry in
 * `Surrogate-Key`/`Cache-Tag`; `*` means everything). Fire and forget: the
 * editor's write never waits for it or fails by it; a failed or non-2xx POST
 * is retried with exponential backoff, then logged.
 */
export type PurgeHookOptions = {
  url: string;
  attempts?: number;
  /** First retry delay; doubles on every retry. */
  backoffMs?: number;
  timeoutMs?: number;
  log: { warn: (message: string) => void };
};

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export const createPurgeHook = (options: PurgeHookOptions): ((keys: string[]) => void) => {
  const attempts = options.attempts ?? 4;
  const backoffMs = options.backoffMs ?? 250;
  const timeoutMs = options.timeoutMs ?? 2000;
  const send = async (keys: string[]): Promise<void> => {
    let lastError = '';
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      if (attempt > 0) await sleep(backoffMs * 2 ** (attempt - 1));
      try {
        const res = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ keys }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (res.ok) return;
        lastError = `status ${res.status}`;
      } catch (error) {
        lastError = (error as Error).message;
      }
    }
    options.log.warn(
      `[response-cache] CDN purge of ${keys.length} key(s) failed after ${attempts} attempts: ${lastError}`,
    );
  };
  return (keys) => {
    void send(keys);
  };
};
