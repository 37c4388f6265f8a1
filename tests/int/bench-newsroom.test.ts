import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync, spawn } from 'child_process';
import { ROOT } from '../helpers/strapi';
import { childEnv } from '../helpers/cms-process';
import type { NewsroomReport } from '../../bench/newsroom';

/**
 * The newsroom workload's plumbing, without timing (bench/newsroom.ts): a
 * tiny run (50 articles, 6 s, a publish every 2 s) ends by itself, answers
 * every read with a 2xx, its writer saves and publishes through the Content
 * Manager API, no read after a publish misses it, and the report has every
 * figure. Its temporary folder is gone afterwards. Speed is not judged here.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-newsroom-'));

beforeAll(() => {
  // The bench has its own build (bench/tsconfig.json); the global setup compiled the app it imports.
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'bench', 'tsconfig.json')], { cwd: ROOT });
}, 170000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('runs readers and the writer against the floor and the CMS, and reports every figure', async () => {
  const benchTmp = fs.mkdtempSync(path.join(tmp, 'run-'));
  const out = path.join(tmp, 'newsroom.json');
  const bench = spawn(
    process.execPath,
    [
      path.join(ROOT, 'bench', 'dist', 'bench', 'run.js'),
      '--workload=newsroom',
      '--n=50',
      '--duration=6',
      '--publish-every=2',
      '--connections=2',
      `--out=${out}`,
    ],
    { cwd: ROOT, env: childEnv({ TMPDIR: benchTmp }), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  bench.stdout.on('data', (c: Buffer) => (output += c.toString()));
  bench.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => bench.once('exit', resolve));
  expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });

  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as NewsroomReport;
  expect(report.flags).toEqual({ n: 50, duration: 6, connections: 2, publishEvery: 2, warmUp: 1 });
  for (const load of [report.floor, report.cms]) {
    expect(load).toEqual(
      expect.objectContaining({
        reqPerSec: expect.any(Number),
        p50: expect.any(Number),
        p99: expect.any(Number),
        total: expect.any(Number),
      }),
    );
    expect(load.total).toBeGreaterThan(0);
    expect({ non2xx: load.non2xx, errors: load.errors }).toEqual({ non2xx: 0, errors: 0 });
    expect(load.byKind.slug).toBeGreaterThan(0);
  }
  // Every answer the CMS gave carried X-Cache (the hit rate is read from it).
  expect(report.cms.cache.hits + report.cms.cache.misses).toBeGreaterThan(0);
  expect(report.cms.cache.none).toBe(0);
  expect(report.cms.rssPeakMB).toBeGreaterThanOrEqual(report.cms.rssIdleMB);
  expect(report.cms.rssIdleMB).toBeGreaterThan(0);

  const { writer } = report;
  expect(writer.errors).toEqual([]);
  expect({
    draftsFailed: writer.drafts.failed,
    savesFailed: writer.saves.failed,
    publishesFailed: writer.publishes.failed,
  }).toEqual({ draftsFailed: 0, savesFailed: 0, publishesFailed: 0 });
  // The first publish (a new article, in id and en) always runs: two published versions at least.
  expect(writer.publishes.done).toBeGreaterThanOrEqual(2);
  expect(writer.events).toBe(writer.publishes.done);
  // The checker read each published article's page and the lists after every publish; each read was judged.
  expect(writer.checker.reads).toBe(writer.events * 12);
  expect(writer.checker.checked).toBe(writer.checker.reads);
  expect({ checkerNon2xx: writer.checker.non2xx, stale: report.figures.staleReads }).toEqual({
    checkerNon2xx: 0,
    stale: 0,
  });
  expect(report.figures.draftLeaks).toBe(0);
  expect(report.figures).toEqual(
    expect.objectContaining({ ratio: expect.any(Number), p99Ms: report.cms.p99, non2xx: 0 }),
  );
  expect(report.targets).toEqual({ ratio: 0.5, hitRate: 0.9, p99Ms: 100, stale: 0, rssPeakOverIdle: 1.5 });
  expect(output).toMatch(/stale reads\s+-\s+0 \(checker 0\//);
  expect(fs.readdirSync(benchTmp)).toEqual([]);
}, 300000);
