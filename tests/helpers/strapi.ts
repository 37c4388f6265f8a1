import fs from 'fs';
import os from 'os';
import path from 'path';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';
import { waitForIdleDatabase } from '../../scripts/seed/settle';
import { createTestDatabase, postgresEnv, usePostgres } from './test-database';

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

/** Secrets for a test process: random, never written anywhere. */
const ensureTestSecrets = (): void => {
  const secrets = ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'];
  for (const key of secrets) process.env[key] ??= random();
  process.env.APP_KEYS ??= [random(), random()].join(',');
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
 * on a loopback port.
 */
export const startStrapi = async (options: StartOptions = {}): Promise<TestApp> => {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'));
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  ensureTestSecrets();
  Object.assign(process.env, {
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
