import type { Core } from '@strapi/strapi';
import { LOCALE_CODES } from '../lib/locales';
import { articleUrl } from '../lib/urls';
import { getSite } from './site';
import { publishedVersions } from './published-articles';

export type MissingTranslation = {
  documentId: string;
  /** The locales this article is published in. */
  locales: string[];
  /** The version the translation would be made from (the Indonesian one when it exists). */
  from: { locale: string; slug: string; title: string; url: string };
};

/** Published articles that have no published version in `locale`, newest first. */
export const missingTranslations = async (strapi: Core.Strapi, locale: string): Promise<MissingTranslation[]> => {
  const versions = await publishedVersions(strapi, LOCALE_CODES);
  const site = await getSite(strapi, locale);
  const missing: (MissingTranslation & { published: number })[] = [];
  for (const [documentId, perLocale] of versions) {
    if (perLocale.has(locale)) continue;
    const locales = LOCALE_CODES.filter((code) => perLocale.has(code));
    const fromLocale = locales[0];
    const v = perLocale.get(fromLocale);
    if (!v) continue;
    missing.push({
      documentId,
      locales,
      from: { locale: fromLocale, slug: v.slug, title: v.title, url: articleUrl(site.url, fromLocale, v.slug) },
      published: new Date(v.firstPublishedAt ?? v.publishedAt).getTime(),
    });
  }
  return missing
    .sort((a, b) => b.published - a.published || a.documentId.localeCompare(b.documentId))
    .map(({ published: _published, ...rest }) => rest);
};
