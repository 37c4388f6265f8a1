/**
 * The database engines the bench imports into and serves from: a throwaway
 * SQLite file (`<dir>/data.db`), or a throwaway PostgreSQL database created
 * for one N and dropped after it (at the end, on failure and on Ctrl-C).
 * PostgreSQL is reached at BENCH_PG_HOST:BENCH_PG_PORT (default
 * 127.0.0.1:5432) as BENCH_PG_USER (default postgres) with BENCH_PG_PASSWORD
 * (default none); the bench's databases are named `newsroom_bench_<random>`.
 */
import { randomBytes } from 'crypto';
import path from 'path';
import { Client } from 'pg';

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

export const PG = {
  host: process.env.BENCH_PG_HOST || '127.0.0.1',
  port: Number(process.env.BENCH_PG_PORT || 5432),
  user: process.env.BENCH_PG_USER || 'postgres',
  password: process.env.BENCH_PG_PASSWORD ?? '',
} as const;

const DATABASE_PREFIX = 'newsroom_bench_';
/** Only names this module makes are ever dropped. */
const OURS = /^newsroom_bench_[0-9a-f]{12}$/;

const withAdmin = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ ...PG, database: 'postgres', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

const unreachable = (what: string, error: unknown): Error =>
  new Error(`--engines=postgres: cannot ${what} at ${PG.host}:${PG.port} as ${PG.user} (${(error as Error).message})`);

/** Throws a clear error when PostgreSQL does not answer. */
export const postgresAnswers = async (): Promise<void> => {
  try {
    await withAdmin((client) => client.query('select 1'));
  } catch (error) {
    throw unreachable('connect', error);
  }
};

/** Creates an empty database and returns its name. */
export const createBenchDatabase = async (): Promise<string> => {
  const name = `${DATABASE_PREFIX}${randomBytes(6).toString('hex')}`;
  try {
    await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  } catch (error) {
    throw unreachable('create a database', error);
  }
  return name;
};

/** Drops one of the bench's databases, closing its connections. */
export const dropBenchDatabase = async (name: string): Promise<void> => {
  if (!OURS.test(name)) throw new Error(`not a bench database: ${name}`);
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
};

/**
 * The DATABASE_* variables that point the app (config/database.ts) at a
 * database: all of them, so nothing from the shell or a `.env` file leaks in.
 */
export const databaseEnv = (dir: string, pgDatabase?: string): Record<string, string> =>
  pgDatabase
    ? {
        DATABASE_CLIENT: 'postgres',
        DATABASE_URL: '',
        DATABASE_HOST: PG.host,
        DATABASE_PORT: String(PG.port),
        DATABASE_NAME: pgDatabase,
        DATABASE_USERNAME: PG.user,
        DATABASE_PASSWORD: PG.password,
        DATABASE_SCHEMA: 'public',
        DATABASE_SSL: 'false',
      }
    : { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') };

/** `--pg-database=<name>` of a bench child's command line (import-corpus, serve-cms): PostgreSQL instead of SQLite. */
export const pgDatabaseArg = (argv: readonly string[]): string | undefined =>
  argv.find((a) => a.startsWith('--pg-database='))?.slice('--pg-database='.length) || undefined;
