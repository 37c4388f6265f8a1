import type { Core } from '@strapi/strapi';

/**
 * The newsroom desk (issue 17): scheduled publishing and preview. Read by
 * src/desk/settings.ts as `strapi.config.get('desk')`.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  /** IANA zone in which editors enter and read schedule times (error messages, the preview page). */
  timeZone: env('NEWSROOM_TIME_ZONE', 'Asia/Jakarta'),
  scheduler: {
    enabled: env.bool('SCHEDULER_ENABLED', true),
    /** Six-field cron rule (seconds first) of the publish/unpublish job: every minute on the minute. */
    rule: env('SCHEDULER_CRON', '0 * * * * *'),
  },
  preview: {
    /** HMAC key of preview links; empty: a random key per process (links die with a restart). */
    secret: env('PREVIEW_SECRET', ''),
    /** Minutes a preview link lives. */
    ttlMinutes: env.int('PREVIEW_TTL_MINUTES', 10),
    /** External frontend template ({locale} {slug} {documentId} {status} {token}); empty: the CMS's own page. */
    url: env('PREVIEW_URL', ''),
    /** Origins the admin panel may frame for preview (the external frontend's origin). */
    allowedOrigins: env.array('PREVIEW_ALLOWED_ORIGINS', []).map(String).filter(Boolean),
  },
});

export default config;
