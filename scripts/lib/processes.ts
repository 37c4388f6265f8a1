/**
 * Child processes that stop when their parent is stopped: every child the bench
 * or an importer starts must be gone within 2 s of the parent's SIGTERM or
 * SIGINT, and the parent's temporary files with it.
 *
 * Strapi's own signal handler (createStrapi → destroyOnSignal in @strapi/core)
 * awaits strapi.destroy(), which waits for the database pool to drain: during a
 * bulk import that is the rest of the running transaction, seconds after the
 * signal. A child that is only doing throwaway work (a bench import, a load
 * server) exits on its own deadline instead.
 */
import type { ChildProcess } from 'child_process';

/** The parent's side: SIGTERM to each running child, SIGKILL to any still there after `graceMs`. */
export const stopChildren = async (children: Iterable<ChildProcess>, graceMs = 1500): Promise<void> => {
  const running = [...children].filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
};

/**
 * The child's side: on SIGTERM or SIGINT (or when a forked child's parent is
 * gone: its IPC channel closes), run `cleanup` for at most `graceMs`, then exit
 * with 128 + the signal's number — whatever Strapi's own handler is still waiting for.
 */
export const exitPromptlyOnSignal = (cleanup: () => Promise<void> | void = () => undefined, graceMs = 1000): void => {
  let stopping = false;
  const stop = (code: number): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(code), graceMs).unref();
    Promise.resolve()
      .then(cleanup)
      .catch(() => undefined)
      .finally(() => process.exit(code));
  };
  process.once('SIGTERM', () => stop(143));
  process.once('SIGINT', () => stop(130));
  if (process.send) process.once('disconnect', () => stop(143));
};
