import type { Core } from '@strapi/strapi';
import { readSecretList } from '../src/lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  proxy: env.bool('IS_PROXIED', false),
  // Uploads and static files; tests point this at a throwaway folder.
  dirs: {
    public: env('PUBLIC_DIR', './public'),
  },
  app: {
    keys: readSecretList(env, 'APP_KEYS'),
  },
  // Offline by design: never ask the internet for a newer Strapi.
  logger: {
    updates: { enabled: false },
    startup: { enabled: env.bool('STRAPI_STARTUP_LOG', true) },
  },
});

export default config;
