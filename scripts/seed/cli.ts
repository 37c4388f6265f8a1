/**
 * `npm run seed [-- --if-empty] [-- --reset] [-- --fixture <module>]`
 *
 * Boots the compiled app (dist/) without its HTTP server, loads the seed
 * fixture through Strapi's own services (./seed.ts), prints one line
 * per record and a summary line, and always shuts Strapi down.
 *
 *   --if-empty          seed only when the database holds no article at all
 *   --reset             delete the seed's own documents (found by natural key) and write them again
 *   --fixture <module>  load another fixture: a compiled JS module exporting it
 *                       as `default` or `fixture` (path relative to the app root)
 *
 * Exit codes: 0 done (or nothing to do), 1 bad fixture data or a failed write
 * (the message names the record and field), 2 bad command-line arguments.
 */
import path from 'path';
import type { SeedFixture } from '../../database/seed/types';

import { APP_DIR, messageOf, runCli, withStrapi } from '../lib/cli';

type Args = { ifEmpty: boolean; reset: boolean; fixture?: string };

const parseArgs = (argv: readonly string[]): Args => {
  const args: Args = { ifEmpty: false, reset: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--if-empty') args.ifEmpty = true;
    else if (arg === '--reset') args.reset = true;
    else if (arg === '--fixture' && argv[i + 1]) args.fixture = argv[(i += 1)];
    else if (arg.startsWith('--fixture=')) args.fixture = arg.slice('--fixture='.length);
    else throw new Error(`unknown argument "${arg}" (expected --if-empty, --reset, --fixture <module>)`);
  }
  if (args.ifEmpty && args.reset) throw new Error('--if-empty and --reset cannot be combined');
  return args;
};

const loadFixture = (modulePath: string): SeedFixture => {
  // The fixture is a compiled module named on the command line: a dynamic require is the point.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.resolve(APP_DIR, modulePath)) as { default?: SeedFixture; fixture?: SeedFixture };
  const fixture = loaded.fixture ?? loaded.default;
  if (!fixture || typeof fixture !== 'object')
    throw new Error(`${modulePath} exports no fixture (default or "fixture")`);
  return fixture;
};

const main = async (): Promise<number> => {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[seed] ${(error as Error).message}`);
    return 2;
  }
  const { seedNewsroom, SeedFixtureError, validateFixture } = await import('./seed');
  const { default: defaultFixture } = await import('../../database/seed/newsroom');
  const { ARTICLE_UID } = await import('../../src/lib/uids');
  try {
    const fixture = args.fixture ? loadFixture(args.fixture) : defaultFixture;
    // Bad data fails fast, before Strapi boots (seedNewsroom validates again).
    validateFixture(fixture, APP_DIR);
    return await withStrapi(async (strapi) => {
      if (args.ifEmpty) {
        const articles = await strapi.db.query(ARTICLE_UID).count();
        if (articles > 0) {
          console.log(`[seed] the database already holds ${articles} article row(s): nothing seeded (--if-empty)`);
          return 0;
        }
      }
      await seedNewsroom(strapi, fixture, { reset: args.reset, log: (line) => console.log(`[seed] ${line}`) });
      return 0;
    });
  } catch (error) {
    console.error(`[seed] FAILED: ${messageOf(error)}`);
    console.error(
      error instanceof SeedFixtureError
        ? '[seed] nothing was written'
        : '[seed] the failed article was rolled back (articles seeded before it are kept)',
    );
    return 1;
  }
};

runCli('[seed]', main);
