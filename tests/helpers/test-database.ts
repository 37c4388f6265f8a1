import { randomBytes } from 'crypto';
import { Client } from 'pg';

/**
 * Throwaway PostgreSQL databases for the tests (`TEST_DATABASE=postgres`, and the
 * tests that need PostgreSQL whatever the pass: two instances).
 *
 * Every database is named `newsroom_test_<run>_<random>`: <run> is set once per
 * Jest run by the global setup, so the global teardown (tests/global-teardown.ts)
 * drops exactly the databases this run created, including those made by child
 * processes, and nothing another run (or another engineer) is using.
 */
export const PG = {
  host: process.env.TEST_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.TEST_PG_PORT ?? 5432),
  user: process.env.TEST_PG_USER ?? 'postgres',
  password: process.env.TEST_PG_PASSWORD ?? '',
} as const;

export const usePostgres = (): boolean => process.env.TEST_DATABASE === 'postgres';

/** The prefix of every database of this Jest run (see tests/global-setup.ts). */
export const runPrefix = (): string => {
  process.env.NEWSROOM_TEST_RUN ??= randomBytes(4).toString('hex');
  return `newsroom_test_${process.env.NEWSROOM_TEST_RUN}_`;
};

const withAdmin = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ ...PG, database: 'postgres', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

/** True when a PostgreSQL server answers at PG.host:PG.port. */
export const postgresReachable = async (): Promise<boolean> => {
  try {
    await withAdmin((client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
};

/** Creates a fresh, empty database and returns its name. */
export const createTestDatabase = async (): Promise<string> => {
  const name = `${runPrefix()}${randomBytes(6).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  return name;
};

/** The DATABASE_* variables that point Strapi (config/database.ts) at one of these databases. */
export const postgresEnv = (database: string): Record<string, string> => ({
  DATABASE_CLIENT: 'postgres',
  DATABASE_URL: '',
  DATABASE_HOST: PG.host,
  DATABASE_PORT: String(PG.port),
  DATABASE_NAME: database,
  DATABASE_USERNAME: PG.user,
  DATABASE_PASSWORD: PG.password,
  DATABASE_SCHEMA: 'public',
});

/** Drops every database whose name starts with `prefix` (closing their connections). */
export const dropTestDatabases = async (prefix: string): Promise<string[]> =>
  withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    return rows.map((r) => r.datname);
  });
