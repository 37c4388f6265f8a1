import type { Core } from '@strapi/strapi';
import { readSecrets, readSettings } from '../src/config/settings';
import { previewUrl } from '../src/desk/preview-url';

const config = (): Core.Config.Admin => {
  const settings = readSettings();
  const secrets = readSecrets();
  return {
    // A headless API node (or the bench) may run without the admin panel.
    serveAdminPanel: settings.server.serveAdminPanel,
    auth: { secret: secrets.adminJwtSecret },
    apiToken: { salt: secrets.apiTokenSalt },
    transfer: { token: { salt: secrets.transferTokenSalt } },
    secrets: { encryptionKey: secrets.encryptionKey },
    // Strapi 5 Preview (Community edition) for articles, authors and tags: the handler makes a signed,
    // expiring link to the CMS's own page or to PREVIEW_URL (src/desk/preview-url.ts). allowedOrigins
    // becomes the CSP frame-src of the admin panel; 'self' keeps the built-in page frameable.
    preview: {
      enabled: true,
      config: {
        allowedOrigins: ["'self'", ...settings.desk.preview.allowedOrigins],
        handler: (uid: string, params: { documentId?: string; locale?: string | null; status?: string }) =>
          previewUrl(strapi, uid, params),
      },
    },
    flags: {
      // No survey pop-ups and no Enterprise promotion: the newsroom runs offline.
      nps: false,
      promoteEE: false,
    },
  };
};

export default config;
