import type { Core } from '@strapi/strapi';
import { readSecret } from '../src/lib/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => ({
  // A headless API node (or the bench) may run without the admin panel.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  auth: {
    secret: readSecret(env, 'ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: readSecret(env, 'API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: readSecret(env, 'TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: readSecret(env, 'ENCRYPTION_KEY'),
  },
  flags: {
    // No survey pop-ups and no Enterprise promotion: the newsroom runs offline.
    nps: false,
    promoteEE: false,
  },
});

export default config;
