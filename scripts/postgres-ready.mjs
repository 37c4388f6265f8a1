#!/usr/bin/env node
/**
 * Exit 0 when PostgreSQL answers at 127.0.0.1:5432 (user postgres; override with
 * TEST_PG_HOST / TEST_PG_PORT / TEST_PG_USER / TEST_PG_PASSWORD), 1 otherwise.
 * `.ci/run` uses it to decide whether to run the PostgreSQL test pass.
 */
import pg from 'pg';

const host = process.env.TEST_PG_HOST ?? '127.0.0.1';
const port = Number(process.env.TEST_PG_PORT ?? 5432);
const client = new pg.Client({
  host,
  port,
  user: process.env.TEST_PG_USER ?? 'postgres',
  password: process.env.TEST_PG_PASSWORD ?? '',
  database: 'postgres',
  connectionTimeoutMillis: 3000,
});

try {
  await client.connect();
  const { rows } = await client.query('show server_version');
  console.log(`PostgreSQL ${rows[0].server_version} answers at ${host}:${port}`);
  await client.end();
  process.exit(0);
} catch (error) {
  console.log(`PostgreSQL not reachable at ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
