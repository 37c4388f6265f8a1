import type { Core } from '@strapi/strapi';
import { LOCALE_CODES } from '../lib/locales';
import { SITE_SETTING_UID } from '../lib/uids';

/** What the site settings hold on a fresh database; editors change them in the admin panel. */
export const SITE_SETTING_DEFAULTS = {
  siteName: 'MerahPutih.com',
  publisherName: 'MerahPutih.com',
  siteUrl: 'https://merahputih.com',
  description: {
    id: 'Berita terkini dari Indonesia dan dunia.',
    en: 'The latest news from Indonesia and the world.',
  } as Record<string, string>,
};

/**
 * Creates the site settings in every locale when missing (never overwriting
 * what an editor saved). Idempotent. Who may read or change them is the access
 * policy's (src/access/policy.ts).
 */
export const ensureSiteSettings = async (strapi: Core.Strapi): Promise<void> => {
  const docs = strapi.documents(SITE_SETTING_UID);
  let documentId = (await docs.findFirst({ locale: LOCALE_CODES[0] }))?.documentId;
  for (const locale of LOCALE_CODES) {
    const existing = documentId ? await docs.findFirst({ locale }) : null;
    if (existing) continue;
    const data = {
      siteName: SITE_SETTING_DEFAULTS.siteName,
      publisherName: SITE_SETTING_DEFAULTS.publisherName,
      siteUrl: SITE_SETTING_DEFAULTS.siteUrl,
      description: SITE_SETTING_DEFAULTS.description[locale] ?? null,
    };
    const written = documentId ? await docs.update({ documentId, locale, data }) : await docs.create({ locale, data });
    documentId = written?.documentId ?? documentId;
    strapi.log.info(`[site-settings] created ${locale}`);
  }
};
