import fs from 'fs';
import path from 'path';
import { APP_VARIABLE } from '../helpers/hermetic-env';
import { ROOT } from '../helpers/strapi';

/**
 * The hermetic test helpers clear every variable the app reads before a test app
 * boots (tests/helpers/hermetic-env.ts): a new variable in config/, src/ or
 * scripts/ that the pattern misses would let a developer's shell into the suite.
 */
const NOT_APP_SETTINGS = new Set([
  'PATH', // the shell's, passed on on purpose
  'JOBS', // compiler parallelism of scripts/runtime/prepare-node.mjs
  'NATIVE_MODULES_DIR', // the second-runtime pass (scripts/runtime/)
  'TYPES_DIR', // scripts/check-generated-types.js's own argument
]);
/** The test harness's own settings (TEST_DATABASE, TEST_PG_*): read by the helpers, never by the app. */
const HARNESS = /^TEST_/;

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [file] : [];
  });

const READS = [
  /\benv(?:\.(?:int|bool|array|float|json))?\(\s*'([A-Z][A-Z0-9_]*)'/g,
  /process\.env\.([A-Z][A-Z0-9_]*)/g,
  /process\.env\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g,
  /readSecret(?:List)?\(\s*env,\s*'([A-Z][A-Z0-9_]*)'/g,
  // src/config/settings.ts's readers: env.str('NAME', …), env.int(…), env.bool(…), env.optional(…), env.list(…).
  /\b(?:str|optional|int|bool|list)\(\s*'([A-Z][A-Z0-9_]*)'/g,
];

it('every variable read in config/, src/ and scripts/ is cleared for test apps', () => {
  const names = new Set<string>();
  for (const dir of ['config', 'src', 'scripts', 'bench'].filter((d) => fs.existsSync(path.join(ROOT, d)))) {
    for (const file of sources(path.join(ROOT, dir))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of READS) for (const match of text.matchAll(pattern)) names.add(match[1]);
    }
  }
  expect(names.size).toBeGreaterThan(20);
  const missed = [...names].filter(
    (name) => !NOT_APP_SETTINGS.has(name) && !HARNESS.test(name) && !APP_VARIABLE.test(name),
  );
  expect(missed).toEqual([]);
});
