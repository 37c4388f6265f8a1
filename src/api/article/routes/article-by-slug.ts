import { factories, type Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../../../lib/uids';

/**
 * GET /api/articles/slug/:slug?locale=en — the article page by its slug.
 * It needs the same permission as the article list (`find`), so the Public
 * role reads it without a new grant and API tokens keep their preview rights.
 * Its query parameters and response schema are findOne's, so the generated
 * OpenAPI document (GET /api/openapi.json) describes it like the core routes.
 */
type ZodLike = { shape?: Record<string, ZodLike> };
type RouteWithSchemas = Core.Route & { request?: { query?: unknown; params?: unknown }; response?: ZodLike };

export default (_: { strapi: Core.Strapi }) => {
  const core = factories.createCoreRouter(ARTICLE_UID, { only: ['findOne'] }).routes;
  const [findOne] = (typeof core === 'function' ? core() : core) as RouteWithSchemas[];
  const document = findOne?.response?.shape?.data;
  const slugSchema = document?.shape?.slug;
  return {
    type: 'content-api',
    routes: [
      {
        method: 'GET',
        path: '/articles/slug/:slug',
        handler: `${ARTICLE_UID}.findBySlug`,
        ...(findOne?.request
          ? { request: { ...(slugSchema ? { params: { slug: slugSchema } } : {}), query: findOne.request.query } }
          : {}),
        ...(findOne?.response ? { response: findOne.response } : {}),
        config: {
          auth: { scope: [`${ARTICLE_UID}.find`] },
        },
      },
    ],
  };
};
