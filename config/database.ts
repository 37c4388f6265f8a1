import path from 'path';
import type { Core } from '@strapi/strapi';
import { readSettings } from '../src/config/settings';

/**
 * SQLite (embedded, the default) or PostgreSQL, from Strapi's standard
 * DATABASE_* variables (src/config/settings.ts). DATABASE_URL wins over the
 * separate host/port/name variables for PostgreSQL.
 */
const config = (): Core.Config.Database => {
  const db = readSettings().database;
  if (db.client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          // pg gives the values in DATABASE_URL precedence over the separate ones.
          ...(db.url ? { connectionString: db.url } : {}),
          host: db.host,
          port: db.port,
          database: db.name,
          user: db.username,
          password: db.password,
          ssl: db.ssl && { rejectUnauthorized: db.sslRejectUnauthorized },
          schema: db.schema,
        },
        pool: { min: db.poolMin, max: db.poolMax },
        acquireConnectionTimeout: db.connectionTimeoutMs,
      },
    };
  }
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: path.resolve(process.cwd(), db.filename) },
      useNullAsDefault: true,
    },
  };
};

export default config;
