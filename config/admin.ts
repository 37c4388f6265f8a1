import type { Core } from '@strapi/strapi';
import { readSecrets, readSettings } from '../src/config/settings';

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
    flags: {
      // No survey pop-ups and no Enterprise promotion: the newsroom runs offline.
      nps: false,
      promoteEE: false,
    },
  };
};

export default config;
