import type { Core, Modules } from '@strapi/strapi';
import { ARTICLE_UID } from '../../../lib/uids';
import { DEFAULT_LOCALE } from '../../../lib/locales';
import { readingTimeMinutes } from '../../../lib/reading-time';
import { after, loadArticleDraft } from './article-draft';

type Params = { data?: Record<string, unknown>; locale?: string; documentId?: string };

/**
 * `readingTimeMinutes` of each locale version is computed on the server from
 * the standfirst and the rich-text body every time the version is written;
 * whatever a client sends for it is replaced (in a copy of the write's data:
 * the caller's object is left as it was). Publishing copies it with the text.
 */
export const readingTimeMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    if (ctx.uid !== ARTICLE_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = ctx.params as Params;
    if (!params.data) return next();
    const data = params.data;
    const needsStored = ctx.action === 'update' && params.documentId && !('body' in data && 'excerpt' in data);
    const stored = needsStored
      ? await loadArticleDraft(strapi, params.documentId as string, params.locale ?? DEFAULT_LOCALE)
      : null;
    // A new params object: the caller's data is never changed under its feet.
    const minutes = readingTimeMinutes(after(data, stored, 'excerpt'), after(data, stored, 'body'));
    Object.assign(ctx, { params: { ...params, data: { ...data, readingTimeMinutes: minutes } } });
    return next();
  };
