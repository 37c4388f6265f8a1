/**
 * `npm run import:wordpress -- <export.xml> [--locale id|en] [--uploads <dir>] [--dry-run] [--batch-size <n>]`
 *
 * Imports a WordPress WXR export (Tools → Export) into the CMS: posts become
 * articles, authors authors, categories and tags tags, featured images media
 * (from --uploads, a copy of wp-content/uploads). Boots the compiled app
 * (dist/) without its HTTP server, like `npm run seed`. See
 * docs/wordpress-import.md.
 *
 * Exit codes: 0 done (items that failed are listed, they do not stop the
 * import), 1 fatal (unreadable or malformed file, database error), 2 bad
 * command-line arguments.
 */
import fs from 'fs';
import path from 'path';
import { isLocaleCode, type LocaleCode } from '../../src/lib/locales';

import { messageOf, runCli, withStrapi } from '../lib/cli';
const USAGE =
  'usage: npm run import:wordpress -- <export.xml> [--locale id|en] [--uploads <dir>] [--dry-run] [--batch-size <n>]';

type Args = { file: string; locale?: LocaleCode; uploads?: string; dryRun: boolean; batchSize?: number };

const parseArgs = (argv: readonly string[]): Args => {
  let file: string | undefined;
  const args: Omit<Args, 'file'> = { dryRun: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[(i += 1)];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--dry-run') args.dryRun = true;
    else if (flag === '--locale') {
      const locale = value();
      if (!isLocaleCode(locale)) throw new Error(`--locale must be id or en, not "${locale}"`);
      args.locale = locale;
    } else if (flag === '--uploads') args.uploads = path.resolve(value());
    else if (flag === '--batch-size') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error('--batch-size must be an integer from 1 to 1000');
      args.batchSize = n;
    } else if (flag?.startsWith('-')) throw new Error(`unknown argument "${arg}"`);
    else if (file === undefined) file = path.resolve(arg);
    else throw new Error(`one export file only (got "${file}" and "${arg}")`);
  }
  if (!file) throw new Error('no export file given');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`no such file: ${file}`);
  if (args.uploads && !(fs.existsSync(args.uploads) && fs.statSync(args.uploads).isDirectory()))
    throw new Error(`--uploads: no such directory: ${args.uploads}`);
  return { file, ...args };
};

const main = async (): Promise<number> => {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`[wordpress] ${(error as Error).message}\n[wordpress] ${USAGE}`);
    return 2;
  }
  const { importWordPress, scanWxr } = await import('./pipeline');
  const { WxrSyntaxError } = await import('./wxr-reader');
  const { withImportPragmas } = await import('../../src/lib/bulk-import');

  try {
    // The first pass validates the whole file before Strapi boots: a malformed export writes nothing.
    console.log(`[wordpress] reading ${args.file}`);
    const scan = await scanWxr(args.file);
    await withStrapi((app) =>
      withImportPragmas(app, () =>
        importWordPress(
          app,
          {
            file: args.file,
            ...(args.locale ? { locale: args.locale } : {}),
            ...(args.uploads ? { uploadsDir: args.uploads } : {}),
            dryRun: args.dryRun,
            ...(args.batchSize ? { batchSize: args.batchSize } : {}),
            out: (line) => console.log(line),
            progress: process.stderr,
          },
          scan,
        ),
      ),
    );
    return 0;
  } catch (error) {
    console.error(`[wordpress] FAILED: ${messageOf(error)}`);
    console.error(
      error instanceof WxrSyntaxError
        ? '[wordpress] nothing was written (the file is read through once before any write)'
        : '[wordpress] batches committed before the failure are kept; run the import again to continue',
    );
    return 1;
  }
};

runCli('[wordpress]', main);
