/**
 * The CMS under load: the production build of the app (NODE_ENV=production,
 * no admin panel) on <dir>/data.db (or `--pg-database=<name>`, bench/engine.ts), listening on HOST/PORT from the
 * environment. Started by the bench with an IPC channel (child_process.fork):
 * it sends `{ type: 'ready' }` once listening and answers `{ type: 'stats' }`
 * with its SQL statement count (only when BENCH_SQL_COUNT=true, counted from
 * knex `query` events) and its current and peak RSS. Nothing here is part of
 * the app: without this script no counter exists.
 */
import { bootStrapi } from './boot';
import { exitPromptlyOnSignal } from '../scripts/lib/processes';
import { pgDatabaseArg } from './engine';

const dir = process.argv.find((a) => a.startsWith('--dir='))?.slice('--dir='.length);

const main = async (): Promise<void> => {
  if (!dir) throw new Error('usage: serve-cms --dir=<folder holding data.db>');
  if (!process.send) throw new Error('serve-cms must be started with an IPC channel (fork)');
  const strapi = await bootStrapi(dir, 'production', pgDatabaseArg(process.argv));
  let statements = 0;
  if (process.env.BENCH_SQL_COUNT === 'true') {
    (strapi.db.connection as unknown as { on(e: 'query', fn: () => void): void }).on('query', () => {
      statements += 1;
    });
  }
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  sampler.unref();
  await strapi.listen();
  const send = (message: unknown): void => {
    process.send?.(message);
  };
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stats') {
      const rss = process.memoryUsage().rss;
      peakRss = Math.max(peakRss, rss);
      send({ type: 'stats', statements, rss, peakRss });
    } else if (message?.type === 'reset-peak') {
      peakRss = process.memoryUsage().rss;
      send({ type: 'reset-peak', rss: peakRss });
    } else if (message?.type === 'stop') {
      clearInterval(sampler);
      void strapi.destroy().finally(() => process.exit(0));
    }
  });
  // The bench going away (its IPC channel closes) or its SIGTERM ends this server too, within a second.
  exitPromptlyOnSignal(() => strapi.destroy());
  send({ type: 'ready', port: strapi.config.get('server.port') });
};

main().catch((error: unknown) => {
  console.error('[bench serve-cms] FAILED:', error);
  process.exit(1);
});
