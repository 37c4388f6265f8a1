import type { Core, Modules } from '@strapi/strapi';

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

/**
 * Strategies that may read drafts: the admin panel, API tokens (frontend
 * previews) and a verified signed preview link (src/api/preview/controllers/preview.ts).
 */
const PREVIEW_STRATEGIES = new Set(['admin', 'admin-token', 'content-api-token', 'newsroom-preview']);

type RequestState = { route?: { info?: { type?: string } }; auth?: { strategy?: { name?: string } } };

/**
 * Drafts are never public. Strapi 5 lets any reader ask for `status=draft`
 * (REST) or `status: DRAFT` (GraphQL), and serves it to the Public role. For
 * every read made while handling a request that is not authenticated by the
 * admin panel or an API token, force the published status, so that lists,
 * single entries, populated relations and GraphQL all see published content
 * only. Reads outside a request (seed, bootstrap, scripts) are left alone.
 */
export const publishedOnlyForReaders =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    if (!READ_ACTIONS.has(ctx.action)) return next();
    const request = strapi.requestContext.get();
    if (!request) return next();
    const state = request.state as RequestState;
    if (state.route?.info?.type === 'admin') return next();
    if (PREVIEW_STRATEGIES.has(state.auth?.strategy?.name ?? '')) return next();
    (ctx.params as { status?: string }).status = 'published';
    return next();
  };
