/**
 * What every command-line entry point of the project shares (seed, WordPress
 * import, search reindex, media migration): where the app lives, booting the
 * compiled app without its HTTP server, shutting it down whatever happens, and
 * turning the outcome into an exit code.
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { waitForIdleDatabase } from '../seed/settle';

/** The project's root: this file runs compiled as dist/scripts/lib/cli.js. */
export const APP_DIR = path.resolve(__dirname, '..', '..', '..');

/** How a CLI prints a caught error. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Boots the compiled app (dist/), runs `work` and always shuts Strapi down,
 * after its database is idle (see waitForIdleDatabase). Strapi reads .env and
 * resolves the SQLite file from the working directory, hence the chdir.
 */
export const withStrapi = async <T>(work: (strapi: Core.Strapi) => Promise<T>): Promise<T> => {
  process.chdir(APP_DIR);
  const { createStrapi } = await import('@strapi/strapi');
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
  try {
    return await work(strapi);
  } finally {
    await waitForIdleDatabase(strapi);
    await strapi.destroy();
  }
};

/** Runs a CLI's `main` and exits with its code; an error `main` did not catch is printed under the CLI's tag. */
export const runCli = (tag: string, main: () => Promise<number>): void => {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${tag} FAILED:`, error);
      process.exit(1);
    },
  );
};
