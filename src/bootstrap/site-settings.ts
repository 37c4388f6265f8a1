import type { Core } from '@strapi/strapi';
import { LOCALE_CODES } from '../lib/locales';
import { SITE_SETTING_UID } from '../lib/uids';

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

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

/** The only public action on the site settings: read them. */
export const SITE_SETTING_PUBLIC_ACTIONS: readonly string[] = [`${SITE_SETTING_UID}.find`];

/**
 * Creates the site settings in every locale when missing (never overwriting
 * what an editor saved) and makes the Public role's permissions on them
 * exactly `find`. Idempotent.
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

  const role = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions: the Public role is missing');
  const granted: { id: number; action: string }[] = await strapi.db
    .query(PERMISSION_UID)
    .findMany({ select: ['id', 'action'], where: { role: role.id, action: { $startsWith: `${SITE_SETTING_UID}.` } } });
  const stray = granted.filter((p) => !SITE_SETTING_PUBLIC_ACTIONS.includes(p.action));
  if (stray.length > 0) {
    await strapi.db.query(PERMISSION_UID).deleteMany({ where: { id: { $in: stray.map((p) => p.id) } } });
    strapi.log.warn(`[permissions] revoked public ${stray.map((p) => p.action).join(', ')}`);
  }
  for (const action of SITE_SETTING_PUBLIC_ACTIONS.filter((a) => !granted.some((p) => p.action === a))) {
    await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
  }
};
