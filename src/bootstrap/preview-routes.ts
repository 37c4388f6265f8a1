import type { Core } from '@strapi/strapi';
import { PREVIEW_PAGE_PATH, PREVIEW_VERIFY_PATH } from '../desk/preview-url';

/**
 * The preview page and the token check, at the site root beside the feeds
 * (src/bootstrap/publishing-routes.ts). `auth: false`: the signed token in
 * the query is the only key (src/api/preview/controllers/preview.ts).
 */
export const registerPreviewRoutes = (strapi: Core.Strapi): void => {
  strapi.server.routes(
    [
      { method: 'GET', path: PREVIEW_PAGE_PATH, handler: 'preview.page' },
      { method: 'GET', path: PREVIEW_VERIFY_PATH, handler: 'preview.verify' },
    ].map((route) => ({ ...route, config: { auth: false }, info: { apiName: 'preview' } })) as unknown as Core.Route[],
  );
};
