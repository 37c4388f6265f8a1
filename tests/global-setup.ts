import { execFileSync } from 'child_process';
import path from 'path';
import { runPrefix } from './helpers/test-database';

/**
 * Strapi skips `.ts` config files when it runs under Jest (strapi/strapi#20935),
 * so the tests boot the compiled app: compile the server once before the run,
 * exactly as `strapi build` / `strapi develop` do.
 */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, '..');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
  // Names this run's PostgreSQL test databases (dropped by tests/global-teardown.ts).
  runPrefix();
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
}
