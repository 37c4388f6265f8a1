import type { Core } from '@strapi/strapi';
import { isTimeZone, NEWSROOM_TIME_ZONE } from '../lib/time-zone';

export type DeskSettings = {
  timeZone: string;
  scheduler: { enabled: boolean; rule: string };
  preview: { secret: string; ttlMinutes: number; url: string; allowedOrigins: string[] };
};

/** config/desk.ts, with its defaults when the file is absent (a unit test, a script). */
export const deskSettings = (strapi: Core.Strapi): DeskSettings => {
  const raw = (strapi.config.get('desk') ?? {}) as Partial<DeskSettings>;
  const zone = raw.timeZone && isTimeZone(raw.timeZone) ? raw.timeZone : NEWSROOM_TIME_ZONE;
  return {
    timeZone: zone,
    scheduler: { enabled: raw.scheduler?.enabled ?? true, rule: raw.scheduler?.rule || '0 * * * * *' },
    preview: {
      secret: raw.preview?.secret ?? '',
      ttlMinutes: raw.preview?.ttlMinutes && raw.preview.ttlMinutes > 0 ? raw.preview.ttlMinutes : 10,
      url: raw.preview?.url ?? '',
      allowedOrigins: raw.preview?.allowedOrigins ?? [],
    },
  };
};
