import type { Core } from '@strapi/strapi';
import { SITE_SETTING_UID } from '../lib/uids';
import { mediaUrl, resolveSiteUrl } from '../lib/urls';
import { settingsOf } from '../config/settings';
import { SITE_SETTING_DEFAULTS } from '../bootstrap/site-settings';

export type SiteImage = { url: string; width: number | null; height: number | null; alternativeText: string | null };

/** The site as publishing outputs see it, in one locale. */
export type Site = {
  name: string;
  publisherName: string;
  /** Public site URL without trailing slash (SITE_URL overrides the stored setting). */
  url: string;
  /** Where the CMS itself is reached: uploads and feeds are served from here. */
  cmsUrl: string;
  description: string | null;
  logo: SiteImage | null;
  defaultShareImage: SiteImage | null;
};

type StoredMedia = {
  url?: string;
  width?: number | null;
  height?: number | null;
  alternativeText?: string | null;
} | null;
type StoredSettings = {
  siteName?: string | null;
  publisherName?: string | null;
  siteUrl?: string | null;
  description?: string | null;
  logo?: StoredMedia;
  defaultShareImage?: StoredMedia;
};

/**
 * Where the CMS is reached from outside: Strapi's absolute server URL (set
 * PUBLIC_URL in production). A wildcard listen address is not reachable, so
 * it is shown as localhost.
 */
export const cmsUrl = (strapi: Core.Strapi): string =>
  String(strapi.config.get('server.absoluteUrl') ?? 'http://localhost:1337')
    .replace(/^(https?:\/\/)(0\.0\.0\.0|\[::\])(?=[:/]|$)/, '$1localhost')
    .replace(/\/+$/, '');

export const toSiteImage = (cms: string, media: StoredMedia | undefined): SiteImage | null =>
  media?.url
    ? {
        url: mediaUrl(cms, media.url),
        width: media.width ?? null,
        height: media.height ?? null,
        alternativeText: media.alternativeText ?? null,
      }
    : null;

/** Reads the site settings of a locale, with safe defaults when a field is empty. */
export const getSite = async (strapi: Core.Strapi, locale: string): Promise<Site> => {
  const stored = (await strapi.documents(SITE_SETTING_UID).findFirst({
    locale,
    populate: { logo: true, defaultShareImage: true },
  })) as unknown as StoredSettings | null;
  const cms = cmsUrl(strapi);
  const name = stored?.siteName || SITE_SETTING_DEFAULTS.siteName;
  return {
    name,
    publisherName: stored?.publisherName || name,
    url: resolveSiteUrl(stored?.siteUrl, settingsOf(strapi).siteUrl),
    cmsUrl: cms,
    description: stored?.description ?? null,
    logo: toSiteImage(cms, stored?.logo),
    defaultShareImage: toSiteImage(cms, stored?.defaultShareImage),
  };
};
