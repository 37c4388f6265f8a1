import type { Core } from '@strapi/strapi';
import { FEEDS_PREFIX, NEWS_SITEMAP_PATH, SITEMAP_PATH } from '../http/paths';

/**
 * Feeds and sitemaps live at the site root (`/feeds/id.xml`, `/sitemap.xml`),
 * where crawlers and feed readers expect them, not under the content API's
 * `/api` prefix: every route an API folder declares gets that prefix, so these
 * are added to Strapi's root router, with Strapi's own endpoint composition
 * (handler lookup, error handling), public (`auth: false`) and read-only.
 */
export const PUBLISHING_ROOT_ROUTES = [
  { method: 'GET', path: `${FEEDS_PREFIX}/:file`, handler: 'publishing.feed' },
  { method: 'GET', path: SITEMAP_PATH, handler: 'publishing.sitemap' },
  { method: 'GET', path: NEWS_SITEMAP_PATH, handler: 'publishing.newsSitemap' },
] as const;

export const registerPublishingRoutes = (strapi: Core.Strapi): void => {
  strapi.server.routes(
    PUBLISHING_ROOT_ROUTES.map((route) => ({
      ...route,
      config: { auth: false },
      info: { apiName: 'publishing' },
    })) as unknown as Core.Route[],
  );
};
