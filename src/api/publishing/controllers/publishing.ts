import type { Core } from '@strapi/strapi';
import { createHash } from 'crypto';
import type { Context } from 'koa';
import { cacheControlValue, type HttpCacheConfig } from '../../../middlewares/http-cache';
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

/** Strapi's error body shape, so clients handle these like any other API error. */
const fail = (
  ctx: Context,
  status: 400 | 404,
  name: string,
  message: string,
  details: Record<string, unknown> = {},
): void => {
  ctx.status = status;
  ctx.type = 'application/json';
  ctx.body = { data: null, error: { status, name, message, details } };
};

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

/** The configuration of the global http-cache middleware (config/middlewares.ts), so every public output caches alike. */
const httpCacheConfig = (strapi: Core.Strapi): HttpCacheConfig => {
  const entries = (strapi.config.get('middlewares') ?? []) as unknown[];
  const entry = entries.find(
    (m): m is { name: string; config?: HttpCacheConfig } =>
      typeof m === 'object' && m !== null && (m as { name?: unknown }).name === 'global::http-cache',
  );
  return entry?.config ?? {};
};

/**
 * Feeds and sitemaps live outside /api, where the global http-cache middleware
 * does not reach: give them the same Cache-Control and a weak ETag, and answer
 * a matching If-None-Match with 304, as feed readers and crawlers expect.
 */
const sendCacheable = (strapi: Core.Strapi, ctx: Context, type: string, body: string): void => {
  ctx.type = type;
  ctx.body = body;
  ctx.set('Cache-Control', cacheControlValue(httpCacheConfig(strapi)));
  ctx.set('ETag', `W/"${createHash('sha1').update(body).digest('base64url')}"`);
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
  }
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
    if (format === 'xml') sendCacheable(strapi, ctx, CONTENT_TYPES.rss, await rssFeed(strapi, locale));
    else sendCacheable(strapi, ctx, CONTENT_TYPES.jsonFeed, await jsonFeed(strapi, locale));
  },

  async sitemap(ctx: Context) {
    sendCacheable(strapi, ctx, CONTENT_TYPES.xml, await sitemapXml(strapi));
  },

  async newsSitemap(ctx: Context) {
    sendCacheable(strapi, ctx, CONTENT_TYPES.xml, await newsSitemapXml(strapi));
  },
});
