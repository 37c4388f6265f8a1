import fs from 'fs';
import os from 'os';
import path from 'path';
import { execFileSync, spawn } from 'child_process';
import { ROOT } from '../helpers/strapi';
import { childEnv } from '../helpers/cms-process';

/**
 * The bench stopped by an operator (SIGTERM from a supervisor, SIGINT from
 * Ctrl-C) while its import child is busy: within 2 s of the signal no process
 * it started is left, and its temporary folders are gone
 * (scripts/lib/processes.ts; Strapi's own handler would wait for the import).
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-signals-'));

/** The pids whose parent is `pid`, from /proc. */
const childrenOf = (pid: number): number[] =>
  fs.readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 is the parent pid; the command name (field 2) may hold spaces, so count after its ')'.
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
const alive = (pid: number): boolean => fs.existsSync(`/proc/${pid}`);

beforeAll(() => {
  // The bench has its own build (bench/tsconfig.json); the global setup compiled the app it imports.
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'bench', 'tsconfig.json')], { cwd: ROOT });
}, 170000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it.each(['SIGTERM', 'SIGINT'] as const)(
  'on %s during the import, every child is gone within 2 s and the temporary folders with them',
  async (signal) => {
    const benchTmp = fs.mkdtempSync(path.join(tmp, `${signal}-`));
    const bench = spawn(
      process.execPath,
      [path.join(ROOT, 'bench', 'dist', 'bench', 'run.js'), '--n=5000', '--duration=1', '--modes=cached'],
      { cwd: ROOT, env: childEnv({ TMPDIR: benchTmp }), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    bench.stdout.on('data', (c: Buffer) => (output += c.toString()));
    bench.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<void>((resolve) => bench.once('exit', () => resolve()));

    // Wait for the import child to be running (it boots Strapi and writes to its database).
    const deadline = Date.now() + 150000;
    let importer: number | undefined;
    while (Date.now() < deadline && bench.exitCode === null) {
      importer = childrenOf(bench.pid as number).find((pid) =>
        fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('import-corpus.js'),
      );
      if (importer) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect({ importer: importer !== undefined, output: importer ? '' : output }).toEqual({
      importer: true,
      output: '',
    });
    // Let the import get under way: its Strapi is booting or writing.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(alive(importer as number)).toBe(true);
    expect(fs.readdirSync(benchTmp)).not.toEqual([]);

    bench.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect({ importerAlive: alive(importer as number), benchTmp: fs.readdirSync(benchTmp) }).toEqual({
      importerAlive: false,
      benchTmp: [],
    });
    await exited;
  },
  240000,
);
