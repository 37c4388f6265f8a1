import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { randomBytes } from 'crypto';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { runtimeEnv } from '../helpers/hermetic-env';

/**
 * Production safety: `strapi start` with NODE_ENV=production refuses to start
 * on a missing, placeholder or short secret, naming it; a production app sends
 * CORS headers only to the allowed origins and strict security headers.
 */

// eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its element type is used: the names a test may drop
const SECRETS = [
  'APP_KEYS',
  'API_TOKEN_SALT',
  'ADMIN_JWT_SECRET',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
] as const;
type SecretName = (typeof SECRETS)[number];

const goodSecrets = (): Record<SecretName, string> => {
  const r = () => randomBytes(24).toString('base64');
  return {
    APP_KEYS: `${r()},${r()}`,
    API_TOKEN_SALT: r(),
    ADMIN_JWT_SECRET: r(),
    TRANSFER_TOKEN_SALT: r(),
    JWT_SECRET: r(),
    ENCRYPTION_KEY: r(),
  };
};

/** Runs the real `strapi start` in production mode; resolves with its exit code and output. */
const startInProduction = (
  secrets: Partial<Record<SecretName, string>>,
): Promise<{ code: number | null; output: string }> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-prod-'));
  const emptyEnvFile = path.join(dir, 'empty.env');
  fs.writeFileSync(emptyEnvFile, '');
  const env: NodeJS.ProcessEnv = {
    ...runtimeEnv(),
    NODE_ENV: 'production',
    STRAPI_TELEMETRY_DISABLED: 'true',
    // Strapi loads .env from ENV_PATH: point it at an empty file so a developer's .env cannot fill a gap.
    ENV_PATH: emptyEnvFile,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'data.db'),
    PUBLIC_DIR: dir,
    HOST: '127.0.0.1',
    PORT: '0',
    ...secrets,
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/@strapi/strapi/bin/strapi.js'), 'start'], {
      cwd: ROOT,
      env,
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    // A start that gets past the configuration would keep running: stop it once it says it is up.
    const timer = setTimeout(() => child.kill('SIGTERM'), 60000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
};

describe('refusing to start in production', () => {
  const CASES: [string, SecretName, string | undefined, RegExp][] = [
    ['a missing APP_KEYS', 'APP_KEYS', undefined, /Missing secret APP_KEYS/],
    ['a missing JWT_SECRET', 'JWT_SECRET', undefined, /Missing secret JWT_SECRET/],
    ['an empty ENCRYPTION_KEY', 'ENCRYPTION_KEY', '', /Missing secret ENCRYPTION_KEY/],
    [
      "Strapi's template APP_KEYS",
      'APP_KEYS',
      'toBeModified1,toBeModified2',
      /Secret APP_KEYS still holds a placeholder/,
    ],
    [
      'tobemodified as API_TOKEN_SALT',
      'API_TOKEN_SALT',
      'tobemodified',
      /Secret API_TOKEN_SALT still holds a placeholder/,
    ],
    [
      'changeme as ADMIN_JWT_SECRET',
      'ADMIN_JWT_SECRET',
      'changeme',
      /Secret ADMIN_JWT_SECRET still holds a placeholder/,
    ],
    [
      'a placeholder TRANSFER_TOKEN_SALT',
      'TRANSFER_TOKEN_SALT',
      'TOBEMODIFIED',
      /Secret TRANSFER_TOKEN_SALT still holds a placeholder/,
    ],
    ['a short JWT_SECRET', 'JWT_SECRET', 'short-secret', /Secret JWT_SECRET is shorter than 16 characters/],
    [
      'one short APP_KEYS part',
      'APP_KEYS',
      `${randomBytes(24).toString('base64')},abc123`,
      /Secret APP_KEYS is shorter than 16/,
    ],
  ];

  it('names the secret and exits non-zero, for every case', async () => {
    const results = await Promise.all(
      CASES.map(async ([label, key, value, message]) => {
        const secrets: Partial<Record<SecretName, string>> = goodSecrets();
        if (value === undefined) delete secrets[key];
        else secrets[key] = value;
        const { code, output } = await startInProduction(secrets);
        return {
          label,
          exitedNonZero: code !== 0 && code !== null,
          named: message.test(output),
          output: message.test(output) ? '' : output.slice(0, 400),
        };
      }),
    );
    expect(results).toEqual(CASES.map(([label]) => ({ label, exitedNonZero: true, named: true, output: '' })));
  });
});

/**
 * Strapi serves the admin panel from dist/build (made by `strapi build`, which
 * the tests do not run). When no build is there, a minimal stand-in page is put
 * in its place for this test and removed afterwards, so that the answer to
 * GET /admin is an HTML page served by Strapi's own admin route.
 */
const ADMIN_BUILD = path.join(ROOT, 'dist', 'build');
const ADMIN_INDEX = path.join(ADMIN_BUILD, 'index.html');

describe('a production app', () => {
  let app: TestApp;
  let standIn = false;
  const ALLOWED = 'https://www.merahputih.com';

  beforeAll(async () => {
    if (!fs.existsSync(ADMIN_INDEX)) {
      standIn = !fs.existsSync(ADMIN_BUILD);
      fs.mkdirSync(ADMIN_BUILD, { recursive: true });
      fs.writeFileSync(
        ADMIN_INDEX,
        '<!doctype html><html><head><title>Strapi Admin</title></head><body><div id="strapi"></div></body></html>',
      );
    }
    app = await startStrapi({
      env: { NODE_ENV: 'production', CORS_ORIGINS: `${ALLOWED}, https://m.merahputih.com`, ...goodSecrets() },
    });
  });

  afterAll(async () => {
    await app?.stop();
    if (standIn) fs.rmSync(ADMIN_BUILD, { recursive: true, force: true });
  });

  it('answers cross-origin requests from the allow-list only', async () => {
    const allowed = await app.http().get('/api/articles?locale=id').set('Origin', ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    const second = await app.http().get('/api/articles?locale=id').set('Origin', 'https://m.merahputih.com');
    expect(second.headers['access-control-allow-origin']).toBe('https://m.merahputih.com');

    const other = await app.http().get('/api/articles?locale=id').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await app
      .http()
      .options('/graphql')
      .set('Origin', ALLOWED)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ALLOWED);
    const refused = await app
      .http()
      .options('/api/articles')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  const assertStrictHeaders = (headers: Record<string, string>) => {
    const csp = Object.fromEntries(
      headers['content-security-policy']!.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(csp).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self' 'unsafe-inline'",
      'connect-src': "'self'",
      'img-src': "'self' data: blob:",
      'media-src': "'self' data: blob:",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'self'",
    });
    expect(headers['content-security-policy']).not.toMatch(/https:|unsafe-eval|\*/);
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  };

  it('sends a strict CSP and the other security headers on API answers', async () => {
    const res = await app.http().get('/api/articles?locale=id');
    assertStrictHeaders(res.headers as Record<string, string>);
  });

  it('serves the admin panel under the same policy, and its API still works', async () => {
    const panel = await app.http().get('/admin/auth/login');
    expect(panel.status).toBe(200);
    expect(panel.headers['content-type']).toMatch(/text\/html/);
    expect(panel.text).toMatch(/<div id="strapi">|<html/);
    assertStrictHeaders(panel.headers as Record<string, string>);
    const init = await app.http().get('/admin/init');
    expect(init.status).toBe(200);
    assertStrictHeaders(init.headers as Record<string, string>);
    // The admin login answers (a wrong password is a 400 JSON error, not a CSP or CORS refusal).
    const login = await app
      .http()
      .post('/admin/login')
      .send({ email: 'nobody@example.com', password: 'Wrong-password-1' });
    expect(login.status).toBe(400);
    expect(login.body.error.message).toMatch(/Invalid credentials/);
  });
});
