/**
 * Boots the compiled app (dist/) on <dir>/data.db (or a PostgreSQL database,
 * bench/engine.ts) with <dir>/public as its uploads folder, as
 * tests/helpers/strapi.ts does, for the bench's child processes.
 */
import fs from 'fs';
import path from 'path';
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { databaseEnv } from './engine';

export const APP_DIR = path.resolve(__dirname, '..', '..', '..');

const random = (): string => randomBytes(24).toString('base64');

export const bootStrapi = async (
  dir: string,
  nodeEnv: 'production' | 'development' = 'production',
  pgDatabase?: string,
): Promise<Core.Strapi> => {
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  // Throwaway secrets: the bench's databases hold no users and live minutes.
  for (const key of ['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY']) {
    process.env[key] = random();
  }
  process.env.APP_KEYS = [random(), random()].join(',');
  Object.assign(process.env, {
    NODE_ENV: nodeEnv,
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_STARTUP_LOG: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    SERVE_ADMIN_PANEL: 'false',
    // One loopback client would exhaust the per-IP budget in a second: the bench measures the server, not the limiter.
    RATE_LIMIT_ENABLED: 'false',
    OPENAPI_CACHE: 'false',
    PUBLIC_DIR: path.join(dir, 'public'),
    ...databaseEnv(dir, pgDatabase),
  });
  process.chdir(APP_DIR);
  const { createStrapi } = await import('@strapi/strapi');
  return createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
};
