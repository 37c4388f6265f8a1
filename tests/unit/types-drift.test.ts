import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ROOT } from '../helpers/strapi';

/**
 * types/generated must be what `strapi ts:generate-types` makes from the
 * current schemas (scripts/check-generated-types.js runs the same generator
 * on the compiled app that the global setup just built).
 */
const check = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-generated-types.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });

it('the committed types/generated are current', () => {
  const res = check();
  expect(res.stderr).toBe('');
  expect(res.stdout).toMatch(/types\/generated is current \(components\.d\.ts, contentTypes\.d\.ts\)/);
  expect(res.status).toBe(0);
});

it('a stale copy is caught and named', () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'stale-types-'));
  try {
    for (const file of fs.readdirSync(path.join(ROOT, 'types', 'generated'))) {
      fs.copyFileSync(path.join(ROOT, 'types', 'generated', file), path.join(copy, file));
    }
    fs.appendFileSync(path.join(copy, 'contentTypes.d.ts'), '\n// an attribute that no schema has\n');
    const res = check({ TYPES_DIR: copy });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/out of date \(contentTypes\.d\.ts\): run "npm run typegen"/);
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
