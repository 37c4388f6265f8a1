import fs from 'fs';
import os from 'os';
import path from 'path';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';
import { waitForIdleDatabase } from '../../scripts/seed/settle';
import { createTestDatabase, postgresEnv, usePostgres } from './test-database';
import { clearAppVariables, EMPTY_ENV_FILE } from './hermetic-env';

export const ROOT = path.resolve(__dirname, '../..');

export type TestApp = {
  strapi: Core.Strapi;
  /** supertest bound to the app's HTTP server: real HTTP over loopback. */
  http: () => ReturnType<typeof request>;
  /** The throwaway folder holding this app's uploads (and its database file on SQLite). */
  dir: string;
  /** `sqlite`, or `postgres` when the run has TEST_DATABASE=postgres. */
  client: 'sqlite' | 'postgres';
  stop: () => Promise<void>;
};

const random = (): string => randomBytes(24).toString('base64');

/**
 * Secrets of the test process: random, never written anywhere, the same for
 * every app this process boots (a restart on the same folder keeps its tokens).
 */
const testSecrets: Record<string, string> = {
  API_TOKEN_SALT: random(),
  ADMIN_JWT_SECRET: random(),
  TRANSFER_TOKEN_SALT: random(),
  JWT_SECRET: random(),
  ENCRYPTION_KEY: random(),
  APP_KEYS: [random(), random()].join(','),
};

export type StartOptions = {
  /** Reuse the folder (database + uploads) of an earlier app, e.g. to test a restart. */
  dir?: string;
  env?: Record<string, string>;
};

/** The PostgreSQL database of each test app folder, so a restart on the same `dir` finds its data. */
const postgresDatabases = new Map<string, string>();

/**
 * The DATABASE_* variables of a test app folder: its SQLite file, or its own
 * PostgreSQL database (made on first use). Tests that run a CLI or a CMS in a
 * child process on a folder pass these, and startStrapi({ dir }) finds the same data.
 */
export const databaseEnv = async (dir: string): Promise<Record<string, string>> => {
  if (!usePostgres()) return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') };
  let database = postgresDatabases.get(dir);
  if (!database) {
    database = await createTestDatabase();
    postgresDatabases.set(dir, database);
  }
  return postgresEnv(database);
};

/**
 * Boots the real, compiled Strapi in this process on a throwaway database — a
 * SQLite file, or with TEST_DATABASE=postgres a fresh PostgreSQL database
 * (tests/helpers/test-database.ts) — and uploads folder; requests go over HTTP
 * on a loopback port. The app sees none of the app variables of the shell or of
 * .env (tests/helpers/hermetic-env.ts): only its own and those in `env`.
 */
export const startStrapi = async (options: StartOptions = {}): Promise<TestApp> => {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'));
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  // Hermetic: nothing of the app's from the shell or .env, only what is set here and by the test.
  clearAppVariables();
  Object.assign(process.env, {
    ...testSecrets,
    ENV_PATH: EMPTY_ENV_FILE,
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    PUBLIC_DIR: path.join(dir, 'public'),
    ...(await databaseEnv(dir)),
    ...options.env,
  });

  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  strapi.server.mount();
  const server = strapi.server.httpServer;

  return {
    strapi,
    dir,
    client: usePostgres() ? 'postgres' : 'sqlite',
    http: () => request(server),
    stop: async () => {
      // PostgreSQL: let un-awaited follow-up queries finish before the pool closes.
      await waitForIdleDatabase(strapi);
      await strapi.destroy();
    },
  };
};
