import type { Core } from '@strapi/strapi';
import { readSecrets, readSettings } from '../src/config/settings';
import { uploadProviderConfig } from '../src/lib/media-storage';
import { safeGraphqlError } from '../src/extensions/graphql/format-error';

const config = (): Core.Config.Plugin => {
  const settings = readSettings();
  const { s3 } = settings.media;
  return {
    // Media: an S3-compatible bucket when S3_BUCKET is set (src/lib/media-storage.ts), else public/uploads.
    ...(s3 ? { upload: { config: uploadProviderConfig(s3) } } : {}),
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
        apolloServer: {
          introspection: settings.graphql.introspection,
          // No stack trace or server path in any NODE_ENV; unexpected errors are logged in full.
          includeStacktraceInErrorResponses: false,
          formatError: safeGraphqlError(),
        },
      },
    },
  };
};

export default config;
