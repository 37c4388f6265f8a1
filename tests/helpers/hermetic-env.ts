import fs from 'fs';
import os from 'os';
import path from 'path';

/**
 * Tests are hermetic: a variable of the app's that a developer's shell, a
 * container or the project's .env exports (HOST, PORT, PUBLIC_URL, DATABASE_URL,
 * REDIS_URL, the secrets, …) must not reach a test app unless the test sets it.
 * This is every variable family the app and Strapi read (config/, src/, scripts/);
 * tests/unit/hermetic-env.test.ts checks that it covers every name they read.
 */
export const APP_VARIABLE = new RegExp(
  '^(' +
    [
      'NODE_ENV',
      'HOST',
      'PORT',
      'PUBLIC_URL',
      'PUBLIC_DIR',
      'SITE_[A-Z_]*',
      'DATABASE_[A-Z_]*',
      'REDIS_[A-Z_]*',
      'CACHE_[A-Z_]*',
      'HTTP_CACHE_[A-Z_]*',
      'RATE_LIMIT_[A-Z_]*',
      'GRAPHQL_[A-Z_]*',
      'API_[A-Z_]*',
      'OPENAPI_[A-Z_]*',
      'QUERY_[A-Z_]*',
      'CORS_[A-Z_]*',
      'CSP_[A-Z_]*',
      'IS_PROXIED',
      'PERF_[A-Z_]*',
      'PERMISSIONS_[A-Z_]*',
      'SERVE_[A-Z_]*',
      'BENCH_[A-Z_]*',
      'S3_[A-Z_]*',
      'METRICS_[A-Z_]*',
      'BACKUP_[A-Z_]*',
      'ADMIN_[A-Z_]*',
      'EDITOR_[A-Z_]*',
      'REPORTER_[A-Z_]*',
      'PREVIEW_[A-Z_]*',
      'SCHEDULER_[A-Z_]*',
      'NEWSROOM_[A-Z_]*',
      'APP_KEYS',
      'JWT_SECRET',
      'TRANSFER_TOKEN_SALT',
      'ENCRYPTION_KEY',
      'LOG_LEVEL',
      'ENV_PATH',
      'STRAPI_[A-Z_]*',
    ].join('|') +
    ')$',
);

/**
 * An empty file for Strapi's ENV_PATH: Strapi loads `.env` (from ENV_PATH, else
 * the working directory) into process.env at every boot, which would fill any
 * variable a test leaves unset with the developer's value.
 */
export const EMPTY_ENV_FILE = ((): string => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-env-')), 'empty.env');
  fs.writeFileSync(file, '');
  return file;
})();

/** Removes every app variable from `env` (this process's environment by default). */
export const clearAppVariables = (env: NodeJS.ProcessEnv = process.env): void => {
  for (const name of Object.keys(env)) if (APP_VARIABLE.test(name)) delete env[name];
};

/**
 * What a child process inherits: the shell's PATH and HOME, and the runtime's
 * own switches (NODE_OPTIONS and NATIVE_MODULES_DIR, set by the second-runtime
 * pass of scripts/test-all.sh so native modules load the copy built for it).
 */
export const runtimeEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ENV_PATH: EMPTY_ENV_FILE };
  for (const name of ['NODE_OPTIONS', 'NATIVE_MODULES_DIR']) if (process.env[name]) env[name] = process.env[name];
  return env;
};
