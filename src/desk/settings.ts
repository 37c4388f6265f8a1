import type { Core } from '@strapi/strapi';
import { settingsOf, type Settings } from '../config/settings';
import { isTimeZone, NEWSROOM_TIME_ZONE } from '../lib/time-zone';

export type DeskSettings = Settings['desk'];

/** The desk's settings of this boot (src/config/settings.ts `desk`), with an unknown time zone replaced. */
export const deskSettings = (strapi: Core.Strapi): DeskSettings => {
  const desk = settingsOf(strapi).desk;
  return isTimeZone(desk.timeZone) ? desk : { ...desk, timeZone: NEWSROOM_TIME_ZONE };
};
