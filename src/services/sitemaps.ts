import { Readable } from 'stream';
import type { Core } from '@strapi/strapi';
import { SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import { DEFAULT_LOCALE, LOCALE_CODES } from '../lib/locales';
import { ARTICLE_UID } from '../lib/uids';
import { NEWSROOM_TIME_ZONE, toZonedIso } from '../lib/time-zone';
import { articleUrl } from '../lib/urls';
import { getSite } from './site';
import { publishedVersions, type ArticleFindMany } from './published-articles';

/** Google News sitemaps list the articles of the last two days, at most 1000. */
export const NEWS_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
export const NEWS_MAX_URLS = 1000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';

const render = async (items: SitemapItemLoose[], xmlns: { xhtml?: boolean; news?: boolean }): Promise<string> => {
  if (items.length === 0) {
    // The library refuses to end an empty stream (EmptySitemap); an empty site
    // (or a quiet news day) still gets a valid, empty urlset.
    const ns = [
      `xmlns="${SITEMAP_NS}"`,
      ...(xmlns.news ? [`xmlns:news="${NEWS_NS}"`] : []),
      ...(xmlns.xhtml ? [`xmlns:xhtml="${XHTML_NS}"`] : []),
    ];
    return `<?xml version="1.0" encoding="UTF-8"?><urlset ${ns.join(' ')}></urlset>`;
  }
  const stream = new SitemapStream({
    xmlns: { news: Boolean(xmlns.news), xhtml: Boolean(xmlns.xhtml), image: false, video: false },
  });
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
};

/**
 * Every published locale version of every article, newest first, each with
 * `xhtml:link rel="alternate"` entries for the locale versions that exist
 * (and `x-default`, the Indonesian one when published, else the first).
 */
export const sitemapXml = async (strapi: Core.Strapi): Promise<string> => {
  const site = await getSite(strapi, DEFAULT_LOCALE);
  const versions = await publishedVersions(strapi, LOCALE_CODES);
  const entries: { item: SitemapItemLoose; published: number; documentId: string; locale: string }[] = [];
  for (const [documentId, perLocale] of versions) {
    const existing = LOCALE_CODES.filter((code) => perLocale.has(code));
    const urlOf = (code: string): string => articleUrl(site.url, code, perLocale.get(code)?.slug ?? '');
    const links = [
      ...existing.map((code) => ({ lang: code, hreflang: code, url: urlOf(code) })),
      {
        lang: 'x-default',
        hreflang: 'x-default',
        url: urlOf(existing.includes(DEFAULT_LOCALE) ? DEFAULT_LOCALE : existing[0]),
      },
    ];
    for (const code of existing) {
      const v = perLocale.get(code);
      if (!v) continue;
      entries.push({
        item: { url: urlOf(code), lastmod: new Date(v.updatedAt).toISOString(), links },
        published: new Date(v.firstPublishedAt ?? v.publishedAt).getTime(),
        documentId,
        locale: code,
      });
    }
  }
  entries.sort(
    (a, b) =>
      b.published - a.published ||
      a.documentId.localeCompare(b.documentId) ||
      LOCALE_CODES.indexOf(a.locale as (typeof LOCALE_CODES)[number]) -
        LOCALE_CODES.indexOf(b.locale as (typeof LOCALE_CODES)[number]),
  );
  return render(
    entries.map((e) => e.item),
    { xhtml: true },
  );
};

/** Google News sitemap: published article versions first published in the last two days, newest first, at most 1000. */
export const newsSitemapXml = async (strapi: Core.Strapi, now: Date = new Date()): Promise<string> => {
  const since = new Date(now.getTime() - NEWS_WINDOW_MS).toISOString();
  const rows: { item: SitemapItemLoose; published: number; documentId: string }[] = [];
  for (const locale of LOCALE_CODES) {
    const site = await getSite(strapi, locale);
    const articles = (await strapi.documents(ARTICLE_UID).findMany({
      locale,
      status: 'published',
      filters: { firstPublishedAt: { $gte: since } },
      fields: ['slug', 'title', 'firstPublishedAt', 'updatedAt', 'timeZone'],
      sort: ['firstPublishedAt:desc', 'documentId:asc'],
      limit: NEWS_MAX_URLS,
    } as ArticleFindMany)) as unknown as {
      documentId: string;
      slug: string;
      title: string;
      firstPublishedAt: string;
      updatedAt: string;
      timeZone: string | null;
    }[];
    for (const a of articles) {
      rows.push({
        published: new Date(a.firstPublishedAt).getTime(),
        documentId: a.documentId,
        item: {
          url: articleUrl(site.url, locale, a.slug),
          lastmod: new Date(a.updatedAt).toISOString(),
          news: {
            publication: { name: site.name, language: locale },
            publication_date: toZonedIso(a.firstPublishedAt, a.timeZone || NEWSROOM_TIME_ZONE),
            title: a.title,
          },
        },
      });
    }
  }
  rows.sort((a, b) => b.published - a.published || a.documentId.localeCompare(b.documentId));
  return render(
    rows.slice(0, NEWS_MAX_URLS).map((r) => r.item),
    { news: true },
  );
};
