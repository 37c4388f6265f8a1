import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseSearchInput } from '../../search/request';
import { search } from '../../search/search';

/**
 * GraphQL `search(q, locale, type, pagination)`: the same search as
 * GET /api/search (src/search/), answering `{ data, meta { pagination } }`.
 * Public (no role permission needed), published content only. Bad input is a
 * ValidationError answered with HTTP 400, like the other newsroom queries.
 */
type Args = { q?: unknown; locale?: unknown; type?: unknown; pagination?: { [key: string]: unknown } | null };
type GraphqlExtensionService = {
  use: (configuration: {
    typeDefs?: string;
    resolvers?: Record<string, Record<string, (parent: unknown, args: Args) => unknown>>;
    resolversConfig?: Record<string, { auth?: false }>;
  }) => unknown;
};

/** Apollo takes the HTTP status from `extensions.http` (see newsroom-queries.ts). */
class SearchInputError extends errors.ValidationError {
  extensions = { http: { status: 400 } };
}

const resolveSearch = (strapi: Core.Strapi) => async (_parent: unknown, args: Args) => {
  let request;
  try {
    const pagination = args.pagination ?? {};
    if (pagination.start !== undefined || pagination.limit !== undefined) {
      throw new errors.ValidationError('search pages by pagination { page, pageSize }, not start/limit');
    }
    request = parseSearchInput({
      q: args.q,
      locale: args.locale,
      type: args.type,
      page: pagination.page,
      pageSize: pagination.pageSize,
    });
  } catch (error) {
    if (error instanceof errors.ValidationError) throw new SearchInputError(error.message, error.details);
    throw error;
  }
  return search(strapi, request);
};

export const registerSearchGraphql = (strapi: Core.Strapi): void => {
  const extension = strapi.plugin('graphql').service('extension') as GraphqlExtensionService;
  extension.use({
    typeDefs: `
      "One search result: an article, author or tag."
      type SearchHit {
        "articles, authors or tags"
        type: String!
        documentId: ID!
        slug: String
        title: String!
        standfirst: String!
        "HTML: matched words in <mark>, everything else escaped."
        snippet: String!
        score: Float!
      }
      type SearchPagination {
        page: Int!
        pageSize: Int!
        pageCount: Int!
        total: Int!
      }
      type SearchMeta {
        pagination: SearchPagination!
      }
      type SearchResult {
        data: [SearchHit!]!
        meta: SearchMeta!
      }
      type Query {
        "Full-text search of the published content in one locale (default: id); type: articles, authors, tags."
        search(q: String!, locale: I18NLocaleCode, type: [String], pagination: PaginationArg): SearchResult!
      }
    `,
    resolvers: { Query: { search: resolveSearch(strapi) } },
    resolversConfig: { 'Query.search': { auth: false } },
  });
};
