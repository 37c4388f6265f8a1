import type { Core } from '@strapi/strapi';

type TarnPool = { numUsed(): number; numPendingAcquires(): number; numPendingCreates(): number };

/**
 * Waits until no query is running or waiting for a connection (at most
 * `timeoutMs`). Strapi runs some work after a write without awaiting it (event
 * listeners); destroying the pool under such a query makes knex/tarn reject it
 * with an unhandled "aborted" error that kills the process (seen on
 * PostgreSQL). A script calls this before `strapi.destroy()`.
 */
export const waitForIdleDatabase = async (strapi: Core.Strapi, timeoutMs = 10000): Promise<void> => {
  const pool = (strapi.db.connection.client as { pool?: TarnPool }).pool;
  if (!pool) return;
  const busy = (): boolean => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const deadline = Date.now() + timeoutMs;
  let idleChecks = 0;
  while (idleChecks < 3 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    idleChecks = busy() ? 0 : idleChecks + 1;
  }
};
