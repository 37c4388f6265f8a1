import {
  ACCOUNT_PREFIXES,
  ADMIN_PREFIX,
  FEEDS_PREFIX,
  GRAPHQL_ENDPOINT,
  isUnder,
  REST_PREFIX,
  SITEMAP_PATHS,
  UPLOAD_API_PREFIX,
  UPLOADS_PREFIX,
} from './paths';

/**
 * The request surface: what a request is, decided once per request by the
 * first project middleware (src/middlewares/surface.ts) and kept on
 * `ctx.state.surface`; every later middleware reads it instead of looking at
 * the path again.
 *
 * - `rest`: the content API under the REST prefix (`/api/articles`…);
 * - `account`: users-permissions' account routes (`/api/auth`, `/api/users`, `/api/connect`, `/api/users-permissions`);
 * - `upload`: the upload plugin's API (`/api/upload…`) and the uploaded files (`/uploads/…`);
 * - `graphql`, `feed` (`/feeds/<file>`), `sitemap` (`/sitemap.xml`, `/news-sitemap.xml`), `admin` (`/admin…`);
 * - `other`: anything else (static files, favicon, unknown paths).
 */
export type SurfaceKind = 'rest' | 'graphql' | 'feed' | 'sitemap' | 'account' | 'admin' | 'upload' | 'other';

export type Surface = {
  kind: SurfaceKind;
  /** Under the REST prefix (`rest`, `account` and the upload API). */
  api: boolean;
  /** No `Authorization` header: neither a user nor an API token. */
  anonymous: boolean;
  /** A read of the public, cacheable surface: the content API (not the account routes), feeds, sitemaps. */
  publicRead: boolean;
  /** Counted by the per-IP rate limit: everything under the REST prefix, GraphQL, feeds and sitemaps. */
  rateLimited: boolean;
};

const kindOf = (path: string): SurfaceKind => {
  if (path === GRAPHQL_ENDPOINT) return 'graphql';
  if (isUnder(path, REST_PREFIX)) {
    if (ACCOUNT_PREFIXES.some((p) => isUnder(path, p))) return 'account';
    if (isUnder(path, UPLOAD_API_PREFIX)) return 'upload';
    return 'rest';
  }
  if (path.startsWith(`${FEEDS_PREFIX}/`)) return 'feed';
  if (SITEMAP_PATHS.includes(path)) return 'sitemap';
  if (isUnder(path, ADMIN_PREFIX)) return 'admin';
  if (isUnder(path, UPLOADS_PREFIX)) return 'upload';
  return 'other';
};

export const classify = (request: { method: string; path: string; authorization?: string }): Surface => {
  const kind = kindOf(request.path);
  const api = isUnder(request.path, REST_PREFIX);
  const read = request.method === 'GET' || request.method === 'HEAD';
  return {
    kind,
    api,
    anonymous: !request.authorization,
    publicRead: read && ((api && kind !== 'account') || kind === 'feed' || kind === 'sitemap'),
    rateLimited: api || kind === 'graphql' || kind === 'feed' || kind === 'sitemap',
  };
};

/** What the surface middleware leaves on `ctx.state`. */
export type SurfaceState = { surface?: Surface };

/**
 * The request's surface. Outside the middleware chain (a test calling a
 * middleware directly) it is classified on the spot, so the answer is the same.
 */
export const surfaceOf = (ctx: {
  state: SurfaceState;
  method: string;
  path: string;
  get: (name: string) => string;
}): Surface => {
  ctx.state.surface ??= classify({ method: ctx.method, path: ctx.path, authorization: ctx.get('authorization') });
  return ctx.state.surface;
};
