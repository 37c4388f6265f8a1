import { Client, type ClientConfig } from 'pg';
import type { Core } from '@strapi/strapi';

/**
 * Several CMS instances on one PostgreSQL database boot one at a time.
 *
 * Strapi's boot is not safe to run twice at once on one database: its schema
 * sync creates tables (two instances on an empty database fail with "duplicate
 * key value violates unique constraint pg_type_typname_nsp_index"), its plugins
 * create roles and permissions, and our own bootstrap creates locales, the
 * public permissions and the site settings when they are missing. So the
 * instance takes a PostgreSQL session advisory lock in `register()` — before
 * Strapi's schema sync and migrations, which run at the start of its bootstrap
 * — and lets it go at the end of our `bootstrap()`. The next instance then finds
 * everything in place and changes nothing. A process that dies while holding
 * the lock loses its connection, and PostgreSQL releases the lock with it.
 * SQLite serves one process only, so there is nothing to do there.
 */

/** The advisory lock key: any bigint unique to this app ("newsroom" in ASCII). */
const BOOT_LOCK_KEY = '0x6e657773726f6f6d';

const held = new WeakMap<Core.Strapi, Client>();

export const acquireBootLock = async (strapi: Core.Strapi): Promise<void> => {
  const { client, connection } = strapi.config.get('database.connection') as {
    client: string;
    connection: ClientConfig;
  };
  if (client !== 'postgres') return;
  const pg = new Client(connection);
  await pg.connect();
  const started = Date.now();
  await pg.query(`select pg_advisory_lock(${BigInt(BOOT_LOCK_KEY)})`);
  const waited = Date.now() - started;
  if (waited > 1000)
    strapi.log.info(`[boot-lock] waited ${Math.round(waited / 1000)} s for another instance to finish booting`);
  held.set(strapi, pg);
};

export const releaseBootLock = async (strapi: Core.Strapi): Promise<void> => {
  const pg = held.get(strapi);
  if (!pg) return;
  held.delete(strapi);
  try {
    await pg.query(`select pg_advisory_unlock(${BigInt(BOOT_LOCK_KEY)})`);
  } finally {
    await pg.end();
  }
};
