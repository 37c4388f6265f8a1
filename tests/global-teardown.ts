import { dropTestDatabases, postgresReachable, runPrefix } from './helpers/test-database';

/** Drops the PostgreSQL databases this Jest run created (tests/helpers/test-database.ts). */
export default async function globalTeardown(): Promise<void> {
  if (!process.env.NEWSROOM_TEST_RUN || !(await postgresReachable())) return;
  const dropped = await dropTestDatabases(runPrefix());
  if (dropped.length > 0)
    console.log(`\n[teardown] dropped ${dropped.length} PostgreSQL test database(s) (${runPrefix()}*)`);
}
