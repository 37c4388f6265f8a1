import type { Core } from '@strapi/strapi';
import { readSecrets, readSettings } from '../src/config/settings';

const config = (): Core.Config.Plugin => {
  const settings = readSettings();
  return {
    'users-permissions': {
      config: { jwtSecret: readSecrets().jwtSecret },
    },
    graphql: {
      config: {
        endpoint: settings.graphql.endpoint,
        shadowCRUD: true,
        // The plugin documents defaults for these but does not enforce them: set them.
        depthLimit: settings.graphql.depthLimit,
        defaultLimit: settings.api.defaultLimit,
        maxLimit: settings.api.maxLimit,
        landingPage: !settings.production,
        apolloServer: { introspection: settings.graphql.introspection },
      },
    },
  };
};

export default config;
