import net from 'net';
import path from 'path';
import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { ROOT } from './strapi';
import { runtimeEnv } from './hermetic-env';

const random = (): string => randomBytes(24).toString('base64');

/**
 * Secrets shared by the CMS processes of one test file: instances of one
 * deployment share them (an API token made on one is accepted by the other).
 */
export const sharedSecrets = (): Record<string, string> => ({
  APP_KEYS: `${random()},${random()}`,
  API_TOKEN_SALT: random(),
  ADMIN_JWT_SECRET: random(),
  TRANSFER_TOKEN_SALT: random(),
  JWT_SECRET: random(),
  ENCRYPTION_KEY: random(),
});

/**
 * The environment of a CLI or CMS child process: nothing inherited but PATH, HOME
 * and the runtime's switches, and no .env either (tests/helpers/hermetic-env.ts).
 */
export const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...runtimeEnv(),
  NODE_ENV: 'test',
  STRAPI_TELEMETRY_DISABLED: 'true',
  LOG_LEVEL: 'warn',
  ...extra,
});

/** A TCP port that was free a moment ago (the OS picks it). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export type CmsProcess = {
  port: number;
  proc: ChildProcess;
  /** supertest against http://127.0.0.1:<port> */
  http: () => ReturnType<typeof request>;
  /** Everything the process wrote so far (stdout and stderr). */
  output: () => string;
  /** Resolves when the process answers GET /_health; rejects with its output when it exits first. */
  ready: Promise<void>;
  stop: () => Promise<void>;
};

/**
 * `strapi start` of the compiled app (dist/) in a child process, listening on
 * 127.0.0.1:<port>: a real CMS instance, as an operator runs it.
 */
export const startCmsProcess = (port: number, env: Record<string, string>, waitMs = 150000): CmsProcess => {
  const proc = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    {
      cwd: ROOT,
      env: childEnv({ HOST: '127.0.0.1', PORT: String(port), ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  proc.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const http = () => request(`http://127.0.0.1:${port}`);

  const ready = (async () => {
    const deadline = Date.now() + waitMs;
    let gone: number | null | undefined;
    void exited.then((code) => (gone = code));
    while (Date.now() < deadline) {
      if (gone !== undefined)
        throw new Error(`CMS on port ${port} exited with code ${gone} before it was ready:\n${out}`);
      const res = await http()
        .get('/_health')
        .then((r) => r.status)
        .catch(() => 0);
      if (res === 204) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`CMS on port ${port} did not answer /_health within ${waitMs} ms:\n${out}`);
  })();
  ready.catch(() => undefined);

  return {
    port,
    proc,
    http,
    output: () => out,
    ready,
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    },
  };
};
