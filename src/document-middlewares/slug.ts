import type { Core, Modules, UID } from '@strapi/strapi';
import { SLUG_SOURCES, type SluggedUid } from '../lib/uids';
import { toSlug, uniqueSlug } from '../lib/slug';
import { DEFAULT_LOCALE } from '../lib/locales';

type Params = { data?: Record<string, unknown>; locale?: string; documentId?: string };

const isSlugged = (uid: UID.ContentType): uid is SluggedUid => uid in SLUG_SOURCES;
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/**
 * Server-side slugs (a `uid` field's targetField only works in the admin panel).
 * An explicit slug wins and is validated by Strapi as given. Without one, a slug
 * is derived from the title (or name) when the locale version is created, or
 * when an update clears it, and made unique within its locale with a suffix.
 */
export const slugMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    if (!isSlugged(ctx.uid) || (ctx.action !== 'create' && ctx.action !== 'update')) {
      return next();
    }
    const params = ctx.params as Params;
    const data = params.data;
    const source = text(data?.[SLUG_SOURCES[ctx.uid]]);
    if (!data || text(data.slug) || !source) return next();

    const locale = params.locale ?? DEFAULT_LOCALE;
    const query = strapi.db.query(ctx.uid);
    const { documentId } = params;

    if (ctx.action === 'update' && !('slug' in data) && documentId) {
      // Keep the stored slug of an existing locale version; an update that
      // creates a new locale version gets one derived from its title.
      const existing = await query.findOne({ select: ['slug'], where: { documentId, locale } });
      if (existing?.slug) return next();
    }

    const base = toSlug(source);
    if (!base) return next();
    data.slug = await uniqueSlug(base, async (candidate) => {
      const clash = await query.findOne({
        select: ['id'],
        where: { slug: candidate, locale, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
      });
      return clash !== null;
    });
    return next();
  };
