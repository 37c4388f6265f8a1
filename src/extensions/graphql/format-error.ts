import { errors } from '@strapi/utils';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * Apollo's `formatError` for the GraphQL plugin (config/plugins.ts): what a
 * client sees of a GraphQL error, in every NODE_ENV.
 *
 * It keeps the plugin's own mapping (@strapi/plugin-graphql 5.54.0,
 * server/format-graphql-error: Strapi's errors → FORBIDDEN, BAD_USER_INPUT,
 * STRAPI_<NAME>, with `extensions.error` { name, message, details }), which the
 * plugin does not export, and adds what it lacks:
 * - no `extensions.stacktrace` (Apollo adds one unless NODE_ENV is production;
 *   `includeStacktraceInErrorResponses: false` turns that off too);
 * - an unexpected error is `Internal Server Error` with nothing of the
 *   original (the plugin copies its message into `extensions.error`), and
 *   is logged in full;
 * - no absolute file path in any message.
 */
type Log = { error: (message: string) => void; debug: (message: string) => void };

const FILE_PATH = /(?:file:\/\/)?(?:\/[\w.@+-]+)+\.(?:[cm]?js|ts|json|node)(?::\d+)*/g;
const withoutPaths = (text: string): string => text.replace(FILE_PATH, '<path>');

const toCode = (name: string): string => `STRAPI_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

const strapiError = (error: Error & { details?: unknown }) => ({
  error: { name: error.name, message: withoutPaths(error.message), details: error.details ?? {} },
});

/** Strapi's logger: config files run before the app object exists, so it is looked up at each error. */
const strapiLog = (): Log | undefined => (globalThis as { strapi?: { log: Log } }).strapi?.log;

export const safeGraphqlError =
  (log: () => Log | undefined = strapiLog) =>
  (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    const base: GraphQLFormattedError = {
      ...formatted,
      message: withoutPaths(formatted.message),
      extensions,
    };
    const original = unwrapResolverError(error);
    if (!(original instanceof Error) || original instanceof GraphQLError) return base;
    const as = (code: string): GraphQLFormattedError => ({
      ...base,
      message: withoutPaths(original.message),
      extensions: { ...extensions, ...strapiError(original), code },
    });
    if (original instanceof errors.ForbiddenError || original instanceof errors.UnauthorizedError) {
      return as('FORBIDDEN');
    }
    if (original instanceof errors.ValidationError) return as('BAD_USER_INPUT');
    if (original instanceof errors.ApplicationError || original instanceof errors.HttpError) {
      return as(toCode(original.name));
    }
    log()?.error(`[graphql] ${original.stack ?? original.message}`);
    return { message: 'Internal Server Error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
