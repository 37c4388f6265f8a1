/**
 * Every public path the project answers on, defined once: Strapi's REST prefix,
 * the GraphQL endpoint, the feeds and sitemaps at the site root
 * (src/bootstrap/publishing-routes.ts), the users-permissions account routes.
 * src/http/surface.ts classifies each request by these.
 */

/** Strapi's REST prefix (`api.rest.prefix`, set from this in config/api.ts). */
export const REST_PREFIX = '/api';
/** The GraphQL endpoint (set from this in config/plugins.ts). */
export const GRAPHQL_ENDPOINT = '/graphql';
/** `/feeds/id.xml`, `/feeds/en.json`… */
export const FEEDS_PREFIX = '/feeds';
export const SITEMAP_PATH = '/sitemap.xml';
export const NEWS_SITEMAP_PATH = '/news-sitemap.xml';
export const SITEMAP_PATHS: readonly string[] = [SITEMAP_PATH, NEWS_SITEMAP_PATH];
/** users-permissions' account routes under the REST prefix: sign-up, login, the user's own record. */
export const ACCOUNT_PREFIXES: readonly string[] = ['/auth', '/users', '/connect', '/users-permissions'].map(
  (p) => `${REST_PREFIX}${p}`,
);
/** The upload plugin's content API; the files themselves are served under UPLOADS_PREFIX. */
export const UPLOAD_API_PREFIX = `${REST_PREFIX}/upload`;
export const UPLOADS_PREFIX = '/uploads';
export const ADMIN_PREFIX = '/admin';

/** `path` is `prefix` or lies under it. */
export const isUnder = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);
