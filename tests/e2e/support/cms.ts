import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { freePort } from '../../helpers/cms-process';

export const ROOT = path.resolve(__dirname, '../../..');
const STRAPI_BIN = path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');

const secret = (): string => randomBytes(24).toString('base64');
const password = (): string => `${randomBytes(9).toString('hex')}Aa1`;

export type Cms = {
  baseUrl: string;
  dir: string;
  editor: { email: string; password: string };
  reporter: { email: string; password: string };
  admin: { email: string; password: string };
  env: NodeJS.ProcessEnv;
  stop: () => Promise<void>;
};

/** Runs a command of the app to completion, failing loudly with its output. */
const run = (label: string, args: string[], env: NodeJS.ProcessEnv): void => {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  process.stdout.write(`[e2e] ${label} done in ${Math.round((Date.now() - started) / 1000)} s\n`);
};

/**
 * The real CMS as an operator runs it: `strapi build` (admin panel and server
 * into dist/), the seed CLI and the WordPress importer (tests/fixtures/wordpress/site.xml,
 * through the bulk path) on a throwaway SQLite database, then `strapi start`
 * on a free port. The accounts come from ADMIN_/EDITOR_ variables with fresh
 * random passwords (and a REPORTER_ one). E2E_SKIP_BUILD=1 reuses an existing dist/ (local reruns).
 */
export const startCms = async (): Promise<Cms> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'));
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  const port = await freePort();
  const editor = { email: 'editor@newsroom.test', password: password() };
  const admin = { email: 'chief@newsroom.test', password: password() };
  const reporter = { email: 'reporter@newsroom.test', password: password() };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    STRAPI_TELEMETRY_DISABLED: 'true',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_DIR: path.join(dir, 'public'),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'data.db'),
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    EDITOR_EMAIL: editor.email,
    EDITOR_PASSWORD: editor.password,
    REPORTER_EMAIL: reporter.email,
    REPORTER_PASSWORD: reporter.password,
    PREVIEW_SECRET: secret(),
    LOG_LEVEL: 'warn',
    STRAPI_STARTUP_LOG: 'false',
    BROWSER: 'none',
  };

  if (process.env.E2E_SKIP_BUILD !== '1' || !fs.existsSync(path.join(ROOT, 'dist', 'build', 'index.html'))) {
    run('strapi build', [STRAPI_BIN, 'build'], { ...env, NODE_ENV: 'production' });
  }
  run('seed', [path.join(ROOT, 'dist', 'scripts', 'seed', 'cli.js')], env);
  // An archive beside the seed: WordPress posts written by the bulk import path, for the editor to open.
  const wordpress = path.join(ROOT, 'tests', 'fixtures', 'wordpress');
  run(
    'import:wordpress',
    [
      path.join(ROOT, 'dist', 'scripts', 'wordpress', 'cli.js'),
      path.join(wordpress, 'site.xml'),
      '--locale',
      'id',
      '--uploads',
      path.join(wordpress, 'uploads'),
    ],
    env,
  );

  const child: ChildProcess = spawn(process.execPath, [STRAPI_BIN, 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilUp(baseUrl, child, () => output);

  return {
    baseUrl,
    dir,
    editor,
    reporter,
    admin,
    env,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** Polls Strapi's health endpoint until it answers (or the process dies). */
const waitUntilUp = async (baseUrl: string, child: ChildProcess, output: () => string): Promise<void> => {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`strapi start exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/_health`);
      if (res.status === 204 || res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};
