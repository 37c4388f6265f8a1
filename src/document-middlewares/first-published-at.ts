import type { Modules } from '@strapi/strapi';

/**
 * `firstPublishedAt` is set when a document is created (e.g. by an import of an
 * older article) or stamped by Strapi on its first publication, and is never
 * changed afterwards. Strapi 5.54 turns a `firstPublishedAt` sent with an
 * update into `null` (document-service/first-published-at.js), which would
 * silently erase the original publication time whenever a client or the admin
 * form sends it back: drop it from update data before Strapi sees it.
 */
export const firstPublishedAtGuard: Modules.Documents.Middleware.Middleware = async (ctx, next) => {
  if (ctx.action === 'update') {
    const params = ctx.params as { data?: Record<string, unknown> };
    if (params.data && 'firstPublishedAt' in params.data) {
      delete params.data.firstPublishedAt;
    }
  }
  return next();
};
