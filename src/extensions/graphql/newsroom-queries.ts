import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID, AUTHOR_UID, TAG_UID } from '../../lib/uids';
import {
  assertKnownLocale,
  assertPageAndOffset,
  assertPageSizeWithinLimit,
  DEFAULT_ARTICLE_SORT,
} from '../../api-contract/public-query';

/**
 * GraphQL side of the frontend contract:
 * - `articleBySlug(slug, locale)`, `authorBySlug`, `tagBySlug`: one entry or null;
 * - every public list and single query checks its `locale` and page size and
 *   answers a bad one with HTTP 400 and a readable message (like REST);
 * - `articles` is sorted by `firstPublishedAt` desc when no sort is given.
 * Field names are the content types' attribute names, as in REST.
 */

type Args = Record<string, unknown>;
type Resolver = (parent: unknown, args: Args, context: unknown, info: unknown) => unknown;
type ResolverMiddleware = (next: Resolver, parent: unknown, args: Args, context: unknown, info: unknown) => unknown;
type GraphqlExtensionService = {
  use: (configuration: {
    typeDefs?: string;
    resolvers?: Record<string, Record<string, Resolver>>;
    resolversConfig?: Record<string, { auth?: { scope: string[] } | false; middlewares?: ResolverMiddleware[] }>;
  }) => unknown;
};

/**
 * A Strapi ValidationError that Apollo answers with HTTP 400: graphql-js
 * copies an original error's `extensions` onto the located error, and Apollo
 * takes the response status from `extensions.http`. The plugin's error
 * formatter still labels it BAD_USER_INPUT with the message.
 */
class GraphqlInputError extends errors.ValidationError {
  extensions = { http: { status: 400 } };
}

const asGraphqlInputError = (error: unknown): unknown => {
  if (error instanceof errors.ValidationError && !(error instanceof GraphqlInputError)) {
    return new GraphqlInputError(error.message, error.details);
  }
  return error;
};

const checkArgs =
  (strapi: Core.Strapi, options: { defaultSort?: readonly string[] } = {}): ResolverMiddleware =>
  (next, parent, args, context, info) => {
    try {
      assertKnownLocale(args.locale);
      assertPageSizeWithinLimit(args.pagination, { maxLimit: Number(strapi.plugin('graphql').config('maxLimit')) });
      assertPageAndOffset(args.pagination);
    } catch (error) {
      throw asGraphqlInputError(error);
    }
    const sort = args.sort;
    const hasSort = Array.isArray(sort) ? sort.length > 0 : Boolean(sort);
    const nextArgs = !hasSort && options.defaultSort ? { ...args, sort: [...options.defaultSort] } : args;
    return next(parent, nextArgs, context, info);
  };

const bySlug =
  (strapi: Core.Strapi, uid: typeof ARTICLE_UID | typeof AUTHOR_UID | typeof TAG_UID): Resolver =>
  async (_parent, args) => {
    try {
      assertKnownLocale(args.locale);
    } catch (error) {
      throw asGraphqlInputError(error);
    }
    const locale = typeof args.locale === 'string' ? args.locale : undefined;
    const found = await strapi.documents(uid).findFirst({
      filters: { slug: { $eq: String(args.slug) } },
      ...(locale ? { locale } : {}),
      status: 'published',
    });
    return found ?? null;
  };

const LIST_QUERIES = {
  articles: ARTICLE_UID,
  articles_connection: ARTICLE_UID,
  authors: AUTHOR_UID,
  authors_connection: AUTHOR_UID,
  tags: TAG_UID,
  tags_connection: TAG_UID,
  relatedLinks: 'api::related-link.related-link',
  relatedLinks_connection: 'api::related-link.related-link',
} as const;
const SINGLE_QUERIES = ['article', 'author', 'tag', 'relatedLink'] as const;

export const registerNewsroomGraphql = (strapi: Core.Strapi): void => {
  const extension = strapi.plugin('graphql').service('extension') as GraphqlExtensionService;

  const resolversConfig: Parameters<GraphqlExtensionService['use']>[0]['resolversConfig'] = {};
  for (const [query, uid] of Object.entries(LIST_QUERIES)) {
    const defaultSort = uid === ARTICLE_UID ? DEFAULT_ARTICLE_SORT : undefined;
    resolversConfig[`Query.${query}`] = { middlewares: [checkArgs(strapi, { defaultSort })] };
  }
  for (const query of SINGLE_QUERIES) resolversConfig[`Query.${query}`] = { middlewares: [checkArgs(strapi)] };
  resolversConfig['Query.articleBySlug'] = { auth: { scope: [`${ARTICLE_UID}.find`] } };
  resolversConfig['Query.authorBySlug'] = { auth: { scope: [`${AUTHOR_UID}.find`] } };
  resolversConfig['Query.tagBySlug'] = { auth: { scope: [`${TAG_UID}.find`] } };

  extension.use({
    typeDefs: `
      type Query {
        "The published article with this slug in the locale (default: id), or null."
        articleBySlug(slug: String!, locale: I18NLocaleCode): Article
        "The published author with this slug in the locale (default: id), or null."
        authorBySlug(slug: String!, locale: I18NLocaleCode): Author
        "The published tag with this slug in the locale (default: id), or null."
        tagBySlug(slug: String!, locale: I18NLocaleCode): Tag
      }
    `,
    resolvers: {
      Query: {
        articleBySlug: bySlug(strapi, ARTICLE_UID),
        authorBySlug: bySlug(strapi, AUTHOR_UID),
        tagBySlug: bySlug(strapi, TAG_UID),
      },
    },
    resolversConfig,
  });
};
