import type { Core, UID } from '@strapi/strapi';
import { ARTICLE_UID, AUTHOR_UID, TAG_UID } from '../lib/uids';
import { deskSettings } from './settings';
import { previewSecret, signPreviewToken, type PreviewClaims } from './preview-token';

/** The content types with a Preview button. */
export const PREVIEW_UIDS: readonly string[] = [ARTICLE_UID, AUTHOR_UID, TAG_UID];

/** Where the CMS serves its own preview page and the token check for external frontends. */
export const PREVIEW_PAGE_PATH = '/preview';
export const PREVIEW_VERIFY_PATH = '/preview/verify';

type PreviewParams = { documentId?: string; locale?: string | null; status?: string };
type RequestState = { user?: { id?: number } };

/** Fills `{locale}`, `{slug}`, `{documentId}`, `{status}` and `{token}` in a PREVIEW_URL template, URL-encoded. */
export const fillPreviewTemplate = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(locale|slug|documentId|status|token)\}/g, (_, key: string) =>
    encodeURIComponent(values[key] ?? ''),
  );

/**
 * Strapi's preview handler (config/admin.ts `preview.config.handler`): the URL
 * the admin panel's Preview opens for one locale version, draft or published.
 * The link carries a token signed for the editor who asked (their admin id),
 * for that version only, expiring after PREVIEW_TTL_MINUTES. Without
 * PREVIEW_URL it is the CMS's own page; with it, the external frontend,
 * which checks the token at PREVIEW_VERIFY_PATH. null: no preview (a type
 * without one, or a version that does not exist).
 */
export const previewUrl = async (
  strapi: Core.Strapi,
  uid: string,
  params: PreviewParams,
  now: number = Date.now(),
): Promise<string | null> => {
  if (!PREVIEW_UIDS.includes(uid) || !params.documentId) return null;
  const settings = deskSettings(strapi).preview;
  const status = params.status === 'published' ? 'published' : 'draft';
  const locale = params.locale ?? undefined;
  const doc = (await strapi.documents(uid as UID.ContentType).findOne({
    documentId: params.documentId,
    ...(locale ? { locale } : {}),
    status,
  })) as { slug?: string | null; locale?: string } | null;
  if (!doc) return null;
  const user = (strapi.requestContext.get()?.state as RequestState | undefined)?.user;
  const claims: PreviewClaims = {
    uid,
    documentId: params.documentId,
    locale: doc.locale ?? locale ?? '',
    status,
    sub: typeof user?.id === 'number' ? user.id : null,
    exp: Math.floor(now / 1000) + settings.ttlMinutes * 60,
  };
  const token = signPreviewToken(claims, previewSecret(settings.secret));
  if (settings.url) {
    return fillPreviewTemplate(settings.url, {
      locale: claims.locale,
      slug: doc.slug ?? '',
      documentId: claims.documentId,
      status,
      token,
    });
  }
  const base = String(strapi.config.get('server.url', '') ?? '').replace(/\/+$/, '');
  return `${base}${PREVIEW_PAGE_PATH}?token=${encodeURIComponent(token)}`;
};
