/**
 * `node bench/dist/bench/import-corpus.js --n=1000 --dir=/tmp/x [--pg-database=<name>]`
 * Builds the deterministic corpus of N articles into <dir>/data.db (or the
 * given PostgreSQL database, bench/engine.ts) through the project's import
 * path and prints one JSON line with the import figures.
 */
import { bootStrapi } from './boot';
import { buildCorpus } from './corpus';
import { loadCorpus } from './load-corpus';
import { waitForIdleDatabase } from '../scripts/seed/settle';
import { exitPromptlyOnSignal } from '../scripts/lib/processes';
import { pgDatabaseArg } from './engine';

// Stopped by the bench (its SIGTERM): the database is throwaway, leave at once (scripts/lib/processes.ts).
exitPromptlyOnSignal();

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const main = async (): Promise<void> => {
  const n = Number(arg('n'));
  const dir = arg('dir');
  if (!Number.isInteger(n) || n < 1 || !dir) throw new Error('usage: import-corpus --n=<articles> --dir=<folder>');
  const corpus = buildCorpus(n);
  const strapi = await bootStrapi(dir, 'production', pgDatabaseArg(process.argv));
  try {
    let last = Date.now();
    const result = await loadCorpus(strapi, corpus, {
      onProgress: (done) => {
        if (Date.now() - last > 10_000) {
          last = Date.now();
          process.stderr.write(`  imported ${done}/${n}\n`);
        }
      },
    });
    const { articleIds, ...figures } = result;
    process.stdout.write(`${JSON.stringify({ n, ...figures, firstArticle: articleIds[0] })}\n`);
  } finally {
    await waitForIdleDatabase(strapi);
    await strapi.destroy();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench import] FAILED:', error);
    process.exit(1);
  },
);
