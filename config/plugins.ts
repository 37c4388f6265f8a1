import type { Core } from '@strapi/strapi';
import { readSecret } from '../src/lib/secrets';
import { s3Storage, uploadProviderConfig } from '../src/lib/media-storage';
import { safeGraphqlError } from '../src/extensions/graphql/format-error';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  const s3 = s3Storage(env);
  return {
    // Media: an S3-compatible bucket when S3_BUCKET is set (src/lib/media-storage.ts), else public/uploads.
    ...(s3 ? { upload: { config: uploadProviderConfig(s3) } } : {}),
    'users-permissions': {
      config: {
        jwtSecret: readSecret(env, 'JWT_SECRET'),
      },
    },
    graphql: {
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        // The plugin documents defaults for these but does not enforce them: set them.
        depthLimit: env.int('GRAPHQL_DEPTH_LIMIT', 10),
        defaultLimit: env.int('API_DEFAULT_LIMIT', 25),
        maxLimit: env.int('API_MAX_LIMIT', 100),
        landingPage: env('NODE_ENV', 'development') !== 'production',
        apolloServer: {
          introspection: env.bool('GRAPHQL_INTROSPECTION', true),
          // No stack trace or server path in any NODE_ENV; unexpected errors are logged in full.
          includeStacktraceInErrorResponses: false,
          formatError: safeGraphqlError(),
        },
      },
    },
  };
};

export default config;
