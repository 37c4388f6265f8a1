import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sendError } from '../../../http/errors';
import { isLocaleCode, LOCALE_CODES } from '../../../lib/locales';
import { articleJsonLd } from '../../../services/json-ld';
import { jsonFeed, rssFeed } from '../../../services/feeds';
import { newsSitemapXml, sitemapXml } from '../../../services/sitemaps';
import { relatedArticles, RELATED_DEFAULT_LIMIT, RELATED_MAX_LIMIT } from '../../../services/related-articles';
import { missingTranslations } from '../../../services/missing-translations';

export const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  jsonFeed: 'application/feed+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  jsonLd: 'application/ld+json; charset=utf-8',
} as const;

/** Strapi's error body shape (src/http/errors.ts), so clients handle these like any other API error. */
const fail = (
  ctx: Context,
  status: 400 | 404,
  name: string,
  message: string,
  details: Record<string, unknown> = {},
): void => sendError(ctx, status, message, details, name);

const query = (ctx: Context, key: string): string | undefined => {
  const value = (ctx.query as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
};

/** `?locale=` (default: the default locale); a 400 naming the allowed ones otherwise. */
const localeOf = (ctx: Context): string | null => {
  const raw = (ctx.query as Record<string, unknown>).locale;
  const locale = raw === undefined ? LOCALE_CODES[0] : raw;
  if (isLocaleCode(locale)) return locale;
  const shown = typeof locale === 'string' ? `"${locale}"` : JSON.stringify(locale);
  fail(ctx, 400, 'ValidationError', `Unknown locale ${shown}: use one of ${LOCALE_CODES.join(', ')}`, { locale });
  return null;
};

/**
 * Feeds and sitemaps answer with their content type and body only: ETag, 304
 * and Cache-Control come from the one HTTP-cache path (global::http-cache,
 * src/http/http-cache.ts), as for the API.
 */
const send = (ctx: Context, type: string, body: string): void => {
  ctx.type = type;
  ctx.body = body;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async jsonLd(ctx: Context) {
    const locale = localeOf(ctx);
    if (!locale) return;
    const { slug } = ctx.params as { slug: string };
    const doc = await articleJsonLd(strapi, slug, locale);
    if (!doc) return fail(ctx, 404, 'NotFoundError', `No published article with slug "${slug}" in locale "${locale}"`);
    ctx.type = CONTENT_TYPES.jsonLd;
    ctx.body = JSON.stringify(doc);
  },

  async related(ctx: Context) {
    const locale = localeOf(ctx);
    if (!locale) return;
    const raw = query(ctx, 'limit');
    const limit = raw === undefined ? RELATED_DEFAULT_LIMIT : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > RELATED_MAX_LIMIT) {
      return fail(ctx, 400, 'ValidationError', `limit must be a whole number from 1 to ${RELATED_MAX_LIMIT}`, {
        limit: raw,
      });
    }
    const { slug } = ctx.params as { slug: string };
    const items = await relatedArticles(strapi, { slug, locale }, limit);
    if (!items)
      return fail(ctx, 404, 'NotFoundError', `No published article with slug "${slug}" in locale "${locale}"`);
    ctx.body = { data: items, meta: { locale, limit } };
  },

  async missingTranslations(ctx: Context) {
    const locale = localeOf(ctx);
    if (!locale) return;
    const data = await missingTranslations(strapi, locale);
    ctx.body = { data, meta: { locale, total: data.length } };
  },

  async feed(ctx: Context) {
    const { file } = ctx.params as { file: string };
    const match = /^([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.(xml|json)$/.exec(file);
    if (!match || !isLocaleCode(match[1])) {
      return fail(
        ctx,
        404,
        'NotFoundError',
        `No feed "${file}": feeds are ${LOCALE_CODES.map((l) => `${l}.xml, ${l}.json`).join(', ')}`,
      );
    }
    const [, locale, format] = match;
    if (format === 'xml') send(ctx, CONTENT_TYPES.rss, await rssFeed(strapi, locale));
    else send(ctx, CONTENT_TYPES.jsonFeed, await jsonFeed(strapi, locale));
  },

  async sitemap(ctx: Context) {
    send(ctx, CONTENT_TYPES.xml, await sitemapXml(strapi));
  },

  async newsSitemap(ctx: Context) {
    send(ctx, CONTENT_TYPES.xml, await newsSitemapXml(strapi));
  },
});
