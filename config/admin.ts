import type { Core } from '@strapi/strapi';
import { readSecret } from '../src/lib/secrets';
import { previewUrl } from '../src/desk/preview-url';

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
  // Strapi 5 Preview (Community edition) for articles, authors and tags: the handler makes a signed,
  // expiring link to the CMS's own page or to PREVIEW_URL (src/desk/preview-url.ts). allowedOrigins
  // becomes the CSP frame-src of the admin panel; 'self' keeps the built-in page frameable.
  preview: {
    enabled: true,
    config: {
      allowedOrigins: ["'self'", ...env.array('PREVIEW_ALLOWED_ORIGINS', []).map(String).filter(Boolean)],
      handler: (uid: string, params: { documentId?: string; locale?: string | null; status?: string }) =>
        previewUrl(strapi, uid, params),
    },
  },
  flags: {
    // No survey pop-ups and no Enterprise promotion: the newsroom runs offline.
    nps: false,
    promoteEE: false,
  },
});

export default config;
