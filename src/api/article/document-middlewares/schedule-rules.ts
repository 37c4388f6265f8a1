import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID } from '../../../lib/uids';
import { DEFAULT_LOCALE } from '../../../lib/locales';
import { toZonedIso } from '../../../lib/time-zone';
import { deskSettings } from '../../../desk/settings';

type Params = {
  data?: Record<string, unknown>;
  locale?: string | string[];
  documentId?: string;
  status?: string;
};
type Schedule = { publishAt?: string | Date | null; unpublishAt?: string | Date | null };
export const SCHEDULE_FIELDS = ['publishAt', 'unpublishAt'] as const;
type ScheduleField = (typeof SCHEDULE_FIELDS)[number];

const LABEL: Record<ScheduleField, string> = { publishAt: 'Publish at', unpublishAt: 'Unpublish at' };

/** A stored or sent datetime as epoch milliseconds; null when empty or not a date (Strapi rejects the latter). */
const millis = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const t = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? null : t;
};

const localesOf = (locale: Params['locale']): string[] | '*' => {
  if (locale === '*') return '*';
  if (Array.isArray(locale)) return locale;
  return [locale ?? DEFAULT_LOCALE];
};

/**
 * The schedule of article versions (publishAt / unpublishAt, per locale):
 *
 * - on create and update (admin panel and REST alike), a time that is set or
 *   changed must lie in the future, and an unpublishAt must come after the
 *   publishAt; otherwise 400 with the times in the newsroom's zone. A time
 *   left as it was is not checked again.
 * - an embargo holds: a version whose publishAt is still ahead is not
 *   published by anyone (a click on Publish, a `status: 'published'` write);
 *   the scheduler clears publishAt when it takes a version (src/desk/scheduler.ts),
 *   so its own publish passes. To publish early, clear the time first.
 * - a publish ends the schedule's publishAt, so the scheduler does not publish
 *   the same version again later with edits made since.
 */
export const scheduleRules =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    if (ctx.uid !== ARTICLE_UID) return next();
    const params = ctx.params as Params;
    const zone = deskSettings(strapi).timeZone;
    const now = Date.now();
    const shown = (t: number): string => `${toZonedIso(new Date(t), zone)} (${zone})`;

    if (ctx.action === 'create' || ctx.action === 'update') {
      const data = params.data ?? {};
      const locale = typeof params.locale === 'string' ? params.locale : DEFAULT_LOCALE;
      const touches = SCHEDULE_FIELDS.some((f) => f in data) || params.status === 'published';
      if (!touches) return next();
      const stored =
        ctx.action === 'update' && params.documentId
          ? ((await strapi.db.query(ARTICLE_UID).findOne({
              select: [...SCHEDULE_FIELDS],
              where: { documentId: params.documentId, locale, publishedAt: null },
            })) as Schedule | null)
          : null;
      const after: Record<ScheduleField, number | null> = {
        publishAt: millis('publishAt' in data ? data.publishAt : stored?.publishAt),
        unpublishAt: millis('unpublishAt' in data ? data.unpublishAt : stored?.unpublishAt),
      };
      for (const field of SCHEDULE_FIELDS) {
        const value = after[field];
        if (!(field in data) || value === null || value === millis(stored?.[field])) continue;
        if (value <= now) {
          throw new errors.ValidationError(
            `${LABEL[field]} ${shown(value)} is in the past (now ${shown(now)}): choose a later time`,
            { path: [field] },
          );
        }
      }
      if (after.publishAt !== null && after.unpublishAt !== null && after.unpublishAt <= after.publishAt) {
        throw new errors.ValidationError(
          `Unpublish at ${shown(after.unpublishAt)} must be after publish at ${shown(after.publishAt)}`,
          { path: ['unpublishAt'] },
        );
      }
      if (params.status === 'published' && after.publishAt !== null && after.publishAt > now) {
        throw new errors.ValidationError(
          `Embargoed until ${shown(after.publishAt)}: save as a draft; it is published at that time`,
          { path: ['publishAt'] },
        );
      }
      return next();
    }

    if (ctx.action === 'publish' && params.documentId) {
      const locales = localesOf(params.locale);
      const scope = { documentId: params.documentId, ...(locales === '*' ? {} : { locale: { $in: locales } }) };
      const drafts = (await strapi.db
        .query(ARTICLE_UID)
        .findMany({ select: ['locale', 'publishAt'], where: { ...scope, publishedAt: null } })) as (Schedule & {
        locale: string;
      })[];
      const embargoed = drafts.find((d) => (millis(d.publishAt) ?? 0) > now);
      if (embargoed) {
        throw new errors.ValidationError(
          `The ${embargoed.locale} version is embargoed until ${shown(millis(embargoed.publishAt) as number)}: ` +
            'it is published at that time; clear "Publish at" to publish now',
          { path: ['publishAt'] },
        );
      }
      const result = await next();
      await strapi.db
        .query(ARTICLE_UID)
        .updateMany({ where: { ...scope, publishAt: { $notNull: true } }, data: { publishAt: null } });
      return result;
    }
    return next();
  };
