import type { Core } from '@strapi/strapi';
import { Feed } from 'feed';
import { articleUrl, authorUrl, feedUrl, localeHomeUrl, mediaUrl } from '../lib/urls';
import { bodyToHtml } from '../lib/blocks';
import { getSite } from './site';
import { findPublishedArticles, lastModified, type ArticleView } from './published-articles';

/** How many of the newest articles a feed carries. */
export const FEED_SIZE = 50;

const date = (value: string | null | undefined, fallback: string): Date => new Date(value ?? fallback);

const buildFeed = async (strapi: Core.Strapi, locale: string): Promise<{ feed: Feed; articles: ArticleView[] }> => {
  const site = await getSite(strapi, locale);
  const articles = await findPublishedArticles(strapi, locale, { limit: FEED_SIZE });
  const newest = articles.reduce<Date | undefined>((max, a) => {
    const d = lastModified(a);
    return !max || d > max ? d : max;
  }, undefined);

  const feed = new Feed({
    id: localeHomeUrl(site.url, locale),
    title: site.name,
    description: site.description ?? site.name,
    link: localeHomeUrl(site.url, locale),
    language: locale,
    // A fixed "updated" (the newest change) keeps the output identical between requests.
    updated: newest ?? new Date(0),
    generator: site.name,
    feedLinks: { rss: feedUrl(site.cmsUrl, locale, 'xml'), json: feedUrl(site.cmsUrl, locale, 'json') },
    copyright: `© ${site.publisherName}`,
    ...(site.logo ? { image: site.logo.url } : {}),
  });

  for (const article of articles) {
    const url = articleUrl(site.url, locale, article.slug);
    const cover = article.cover?.url ? article.cover : null;
    feed.addItem({
      id: url,
      guid: url,
      title: article.title,
      link: url,
      description: article.excerpt ?? undefined,
      content: bodyToHtml(article.body) || undefined,
      // The item's "updated": its last change, moved by a correction or update note.
      date: lastModified(article),
      published: date(article.firstPublishedAt, article.publishedAt),
      ...(article.author
        ? {
            author: [
              {
                name: article.author.name,
                ...(article.author.slug ? { link: authorUrl(site.url, locale, article.author.slug) } : {}),
              },
            ],
          }
        : {}),
      category: article.tags.map((t) => ({ name: t.name })),
      ...(cover
        ? {
            image: {
              url: mediaUrl(site.cmsUrl, cover.url),
              type: cover.mime ?? 'image/jpeg',
              length: cover.size ? Math.round(cover.size * 1024) : 0,
            },
          }
        : {}),
    });
  }
  return { feed, articles };
};

/** RSS 2.0 of the newest published articles of one locale. */
export const rssFeed = async (strapi: Core.Strapi, locale: string): Promise<string> =>
  (await buildFeed(strapi, locale)).feed.rss2();

/**
 * JSON Feed 1.1 of the newest published articles of one locale. The feed
 * library writes JSON Feed 1; 1.1 adds `language` and `authors` (an array), and
 * keeps 1.0's `author` valid, so the library output is upgraded in place.
 */
export const jsonFeed = async (strapi: Core.Strapi, locale: string): Promise<string> => {
  const { feed } = await buildFeed(strapi, locale);
  const doc = JSON.parse(feed.json1()) as {
    version: string;
    language?: string;
    items: {
      id: string;
      language?: string;
      authors?: unknown[];
      author?: unknown;
      image?: string | { url?: string };
    }[];
  };
  doc.version = 'https://jsonfeed.org/version/1.1';
  doc.language = locale;
  doc.items.forEach((item) => {
    item.language = locale;
    if (item.author) item.authors = [item.author];
    // JSON Feed's item `image` is a URL; the library copies the RSS enclosure object there.
    if (item.image && typeof item.image === 'object') item.image = item.image.url;
  });
  return JSON.stringify(doc);
};
