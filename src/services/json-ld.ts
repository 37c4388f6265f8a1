import type { Core } from '@strapi/strapi';
import { LOCALE_CODES } from '../lib/locales';
import { NEWSROOM_TIME_ZONE, toZonedIso } from '../lib/time-zone';
import { articleUrl, authorUrl, mediaUrl } from '../lib/urls';
import { SOURCE_LOCALE } from '../api/article/document-middlewares/translation-status';
import { getSite, type Site } from './site';
import { findPublishedArticleBySlug, lastModified, publishedVersions, type ArticleView } from './published-articles';

type JsonLd = Record<string, unknown>;

const imageObject = (site: Site, article: ArticleView): JsonLd | null => {
  const cover = article.cover ?? article.seo?.shareImage ?? null;
  if (cover?.url) {
    return {
      '@type': 'ImageObject',
      url: mediaUrl(site.cmsUrl, cover.url),
      ...(cover.width ? { width: cover.width } : {}),
      ...(cover.height ? { height: cover.height } : {}),
      ...(article.coverCaption ? { caption: article.coverCaption } : {}),
      ...(article.coverCredit ? { creditText: article.coverCredit } : {}),
    };
  }
  if (site.defaultShareImage) {
    return { '@type': 'ImageObject', url: site.defaultShareImage.url };
  }
  return null;
};

const sourceWork = (source: ArticleView['sources'][number]): JsonLd => ({
  '@type': 'CreativeWork',
  ...(source.url ? { url: source.url } : {}),
  publisher: { '@type': 'Organization', name: source.name },
});

/**
 * Corrections and clarifications become schema.org CorrectionComments (the
 * `correction` property of CreativeWork); an update adds news rather than
 * fixing an error, so it only moves `dateModified`.
 */
const correctionComments = (article: ArticleView, zone: string): JsonLd[] =>
  (article.corrections ?? [])
    .filter((c) => c.kind !== 'update')
    .map((c) => ({
      '@type': 'CorrectionComment',
      name: c.kind === 'clarification' ? 'Clarification' : 'Correction',
      text: c.text,
      datePublished: toZonedIso(c.date, zone),
    }));

const versionRef = (site: Site, locale: string, slug: string): JsonLd => ({
  '@type': 'NewsArticle',
  '@id': articleUrl(site.url, locale, slug),
  url: articleUrl(site.url, locale, slug),
  inLanguage: locale,
});

/**
 * schema.org NewsArticle of one published locale version. Dates are shown in
 * the article's time zone with its offset. Wire sources "reported by"
 * (dilansir) become `isBasedOn`, "quoted from" (dikutip dari) `citation`.
 * The Indonesian original lists its translations in `workTranslation`; a
 * translation names the original in `translationOfWork`.
 */
export const articleJsonLd = async (strapi: Core.Strapi, slug: string, locale: string): Promise<JsonLd | null> => {
  const article = await findPublishedArticleBySlug(strapi, slug, locale);
  if (!article) return null;
  const site = await getSite(strapi, locale);
  const zone = article.timeZone || NEWSROOM_TIME_ZONE;
  const url = articleUrl(site.url, locale, article.slug);
  const versions = (await publishedVersions(strapi, LOCALE_CODES, [article.documentId])).get(article.documentId);
  const others = [...(versions ?? new Map<string, { slug: string }>()).entries()].filter(([code]) => code !== locale);
  const image = imageObject(site, article);
  const basedOn = article.sources.filter((s) => s.relation !== 'quoted-from').map(sourceWork);
  const cited = article.sources.filter((s) => s.relation === 'quoted-from').map(sourceWork);
  const original = others.find(([code]) => code === SOURCE_LOCALE);
  const corrections = correctionComments(article, zone);

  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    headline: article.title,
    ...(article.excerpt ? { description: article.excerpt } : {}),
    ...(image ? { image: [image] } : {}),
    datePublished: toZonedIso(article.firstPublishedAt ?? article.publishedAt, zone),
    dateModified: toZonedIso(lastModified(article), zone),
    ...(article.author
      ? {
          author: [
            {
              '@type': 'Person',
              name: article.author.name,
              ...(article.author.slug ? { url: authorUrl(site.url, locale, article.author.slug) } : {}),
              ...(article.author.jobTitle ? { jobTitle: article.author.jobTitle } : {}),
            },
          ],
        }
      : {}),
    publisher: {
      '@type': 'Organization',
      name: site.publisherName,
      url: site.url,
      ...(site.logo
        ? {
            logo: {
              '@type': 'ImageObject',
              url: site.logo.url,
              ...(site.logo.width ? { width: site.logo.width } : {}),
              ...(site.logo.height ? { height: site.logo.height } : {}),
            },
          }
        : {}),
    },
    inLanguage: locale,
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name) } : {}),
    ...(basedOn.length ? { isBasedOn: basedOn } : {}),
    ...(cited.length ? { citation: cited } : {}),
    ...(corrections.length ? { correction: corrections } : {}),
    ...(article.readingTimeMinutes ? { timeRequired: `PT${article.readingTimeMinutes}M` } : {}),
    ...(locale === SOURCE_LOCALE
      ? others.length
        ? { workTranslation: others.map(([code, v]) => versionRef(site, code, v.slug)) }
        : {}
      : original
        ? { translationOfWork: versionRef(site, original[0], original[1].slug) }
        : {}),
  };
};
