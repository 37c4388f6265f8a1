import { createHash } from 'crypto';
import type { Core, Modules } from '@strapi/strapi';
import { ARTICLE_UID } from '../../../lib/uids';
import { DEFAULT_LOCALE } from '../../../lib/locales';
import { bodyToText } from '../../../lib/blocks';
import { after, loadArticleDraft, type StoredArticleText } from './article-draft';

type Params = { data?: Record<string, unknown>; locale?: string; documentId?: string };

export type TranslationStatus = 'source' | 'current' | 'stale';

/** The default locale (id) is where stories are written; the others translate it. */
export const SOURCE_LOCALE = DEFAULT_LOCALE;

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A fingerprint of the text a translator translates: title, standfirst, caption, story text, SEO text. */
const textFingerprint = (data: Record<string, unknown>, stored: StoredArticleText | null): string => {
  const seo = (after(data, stored, 'seo') ?? {}) as { metaTitle?: unknown; metaDescription?: unknown };
  const parts = [
    str(after(data, stored, 'title')),
    str(after(data, stored, 'excerpt')),
    str(after(data, stored, 'coverCaption')),
    bodyToText(after(data, stored, 'body')),
    str(seo.metaTitle),
    str(seo.metaDescription),
  ].map((p) => p.trim());
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
};

const time = (value: string | Date | null | undefined): number => (value ? new Date(value).getTime() : 0);

/**
 * Keeps, per locale version, `contentEditedAt` (when its translatable text last
 * changed) and `translationStatus`: `source` for the Indonesian version,
 * `current` for a translation edited after the Indonesian text last changed,
 * `stale` when the Indonesian text changed since. A change of the Indonesian
 * text marks every other locale (draft and published rows) stale at once.
 * Values sent by clients for these fields are replaced.
 */
export const translationStatusMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    if (ctx.uid !== ARTICLE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = ctx.params as Params;
    if (!params.data) return next();
    const data = params.data;
    const locale = params.locale ?? DEFAULT_LOCALE;
    // A new locale version of an existing document is an update, or a create carrying the documentId.
    const documentId = params.documentId ?? (typeof data.documentId === 'string' ? data.documentId : undefined);

    // A create never has a stored draft of its own locale (Strapi refuses a
    // second draft of a documentId + locale), so only an update reads it:
    // one statement less per new locale version (imports write many).
    const stored = documentId && ctx.action === 'update' ? await loadArticleDraft(strapi, documentId, locale) : null;
    const changed = !stored || textFingerprint({}, stored) !== textFingerprint(data, stored);
    const editedAt = changed || !stored?.contentEditedAt ? new Date() : new Date(stored.contentEditedAt);
    let status: TranslationStatus = 'source';
    if (locale !== SOURCE_LOCALE) {
      const source = documentId
        ? ((await strapi.db.query(ARTICLE_UID).findOne({
            select: ['contentEditedAt'],
            where: { documentId, locale: SOURCE_LOCALE, publishedAt: null },
          })) as { contentEditedAt?: string | null } | null)
        : null;
      const stale = source !== null && time(source.contentEditedAt) > editedAt.getTime();
      status = stale ? 'stale' : 'current';
    }
    // A new params object: the caller's data is never changed under its feet.
    Object.assign(ctx, {
      params: { ...params, data: { ...data, contentEditedAt: editedAt.toISOString(), translationStatus: status } },
    });

    const result = await next();

    if (locale === SOURCE_LOCALE && stored && changed && documentId) {
      await strapi.db.query(ARTICLE_UID).updateMany({
        where: { documentId, locale: { $ne: SOURCE_LOCALE } },
        data: { translationStatus: 'stale' satisfies TranslationStatus },
      });
    }
    return result;
  };
