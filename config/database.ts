import path from 'path';
import type { Core } from '@strapi/strapi';

type Client = 'sqlite' | 'postgres';

/**
 * SQLite (embedded, the default) or PostgreSQL, from Strapi's standard
 * DATABASE_* variables. DATABASE_URL wins over the separate host/port/name
 * variables for PostgreSQL.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Database => {
  const client = env('DATABASE_CLIENT', 'sqlite') as Client;
  if (client !== 'sqlite' && client !== 'postgres') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}"`);
  }

  const pool = {
    min: env.int('DATABASE_POOL_MIN', 2),
    max: env.int('DATABASE_POOL_MAX', 10),
  };

  if (client === 'postgres') {
    const url = env('DATABASE_URL', '');
    return {
      connection: {
        client: 'postgres',
        connection: {
          // pg gives the values in DATABASE_URL precedence over the separate ones.
          ...(url ? { connectionString: url } : {}),
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'strapi'),
          user: env('DATABASE_USERNAME', 'strapi'),
          password: env('DATABASE_PASSWORD', ''),
          ssl: env.bool('DATABASE_SSL', false) && {
            rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
          },
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool,
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
    },
  };
};

export default config;
