import type { Core, UID } from '@strapi/strapi';
import type { Context } from 'koa';
import { ARTICLE_UID, AUTHOR_UID } from '../../../lib/uids';
import { deskSettings } from '../../../desk/settings';
import { previewSecret, verifyPreviewToken, type PreviewClaims } from '../../../desk/preview-token';
import {
  PREVIEW_ARTICLE_POPULATE,
  renderArticlePreview,
  renderListingPreview,
  type PreviewArticle,
  type PreviewListing,
} from '../../../desk/preview-page';

/** The auth strategy name a verified preview request carries (src/document-middlewares/published-only-for-readers.ts). */
export const PREVIEW_STRATEGY = 'newsroom-preview';

const REASONS = {
  malformed: 'This is not a preview link',
  signature: 'This preview link is not valid',
  expired: 'This preview link has expired: open Preview again in the admin panel',
} as const;

const fail = (ctx: Context, status: 401 | 404, name: string, message: string): void => {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { data: null, error: { status, name, message, details: {} } };
};

/** Verifies ?token= and, when valid, lets this request's Document Service reads see the version's status. */
const authorize = (strapi: Core.Strapi, ctx: Context): PreviewClaims | null => {
  const result = verifyPreviewToken(ctx.query.token, previewSecret(deskSettings(strapi).preview.secret));
  if (!result.ok) {
    fail(ctx, 401, 'UnauthorizedError', REASONS[result.reason]);
    return null;
  }
  ctx.state.auth = { strategy: { name: PREVIEW_STRATEGY }, credentials: result.claims };
  // The token travels in the URL: keep it out of caches, referrers and search engines.
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Robots-Tag', 'noindex, nofollow');
  return result.claims;
};

const load = async (strapi: Core.Strapi, claims: PreviewClaims): Promise<Record<string, unknown> | null> => {
  const populate = claims.uid === ARTICLE_UID ? PREVIEW_ARTICLE_POPULATE : { articles: { fields: ['title'] } };
  return (await strapi.documents(claims.uid as UID.ContentType).findOne({
    documentId: claims.documentId,
    locale: claims.locale,
    status: claims.status,
    populate,
  } as Parameters<ReturnType<Core.Strapi['documents']>['findOne']>[0])) as Record<string, unknown> | null;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /preview?token=…: the CMS's own preview page of one version. */
  async page(ctx: Context) {
    const claims = authorize(strapi, ctx);
    if (!claims) return;
    const doc = await load(strapi, claims);
    if (!doc) return fail(ctx, 404, 'NotFoundError', 'This version no longer exists');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body =
      claims.uid === ARTICLE_UID
        ? renderArticlePreview(doc as PreviewArticle, claims.status, deskSettings(strapi).timeZone)
        : renderListingPreview(
            { ...(doc as PreviewListing), jobTitle: claims.uid === AUTHOR_UID ? (doc.jobTitle as string) : null },
            claims.locale,
            claims.status,
          );
  },

  /**
   * GET /preview/verify?token=…: for an external frontend's draft-mode route.
   * 200 with what the token grants, or 401; the frontend then reads the
   * version with its own API token (status=draft).
   */
  async verify(ctx: Context) {
    const claims = authorize(strapi, ctx);
    if (!claims) return;
    const doc = await load(strapi, claims);
    if (!doc) return fail(ctx, 404, 'NotFoundError', 'This version no longer exists');
    ctx.type = 'application/json';
    ctx.body = {
      data: {
        uid: claims.uid,
        documentId: claims.documentId,
        locale: claims.locale,
        status: claims.status,
        slug: typeof doc.slug === 'string' ? doc.slug : null,
        expiresAt: new Date(claims.exp * 1000).toISOString(),
      },
    };
  },
});
