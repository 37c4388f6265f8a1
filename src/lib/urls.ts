/**
 * Every public URL of the site is built here, from the site URL (site settings,
 * overridden by SITE_URL): articles at {site}/{locale}/{slug}.
 */

export const DEFAULT_SITE_URL = 'http://localhost:3000';

/** The site URL without a trailing slash: SITE_URL when set, then the stored setting, then the default. */
export const resolveSiteUrl = (stored: string | null | undefined, env: string | undefined): string =>
  (env?.trim() || stored?.trim() || DEFAULT_SITE_URL).replace(/\/+$/, '');

const seg = (value: string): string => encodeURIComponent(value);

export const articleUrl = (site: string, locale: string, slug: string): string => `${site}/${seg(locale)}/${seg(slug)}`;
export const authorUrl = (site: string, locale: string, slug: string): string =>
  `${site}/${seg(locale)}/author/${seg(slug)}`;
export const tagUrl = (site: string, locale: string, slug: string): string => `${site}/${seg(locale)}/tag/${seg(slug)}`;
export const localeHomeUrl = (site: string, locale: string): string => `${site}/${seg(locale)}`;

/** Where the CMS serves the feeds (they live on the CMS, next to the API). */
export const feedUrl = (cms: string, locale: string, format: 'xml' | 'json'): string =>
  `${cms}/feeds/${seg(locale)}.${format}`;

/** An uploaded file's absolute URL: provider URLs are kept, local `/uploads/…` paths get the CMS origin. */
export const mediaUrl = (cms: string, url: string): string =>
  /^https?:\/\//i.test(url) ? url : `${cms}${url.startsWith('/') ? '' : '/'}${url}`;
