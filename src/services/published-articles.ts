import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../lib/uids';

export type MediaView = {
  url: string;
  alternativeText?: string | null;
  caption?: string | null;
  width?: number | null;
  height?: number | null;
  mime?: string | null;
  /** Size in kilobytes, as Strapi's upload plugin stores it. */
  size?: number | null;
};

export type SourceView = { name: string; relation: 'reported-by' | 'quoted-from'; url?: string | null };
export type CorrectionView = { date: string; kind: 'correction' | 'update' | 'clarification'; text: string };
export type TagView = { documentId: string; name: string; slug: string | null };
export type AuthorView = { documentId: string; name: string; slug: string | null; jobTitle?: string | null };

/** A published locale version of an article, with what the publishing outputs read. */
export type ArticleView = {
  id: number;
  documentId: string;
  locale: string;
  title: string;
  slug: string;
  excerpt: string | null;
  body: unknown;
  cover: MediaView | null;
  coverCaption: string | null;
  coverCredit: string | null;
  timeZone: string | null;
  firstPublishedAt: string | null;
  publishedAt: string;
  updatedAt: string;
  readingTimeMinutes: number | null;
  author: AuthorView | null;
  tags: TagView[];
  sources: SourceView[];
  corrections: CorrectionView[];
  seo: { metaTitle?: string | null; metaDescription?: string | null; shareImage?: MediaView | null } | null;
};

/** Document Service findMany parameters for articles (sorts on system fields need the cast). */
export type ArticleFindMany = Parameters<ReturnType<Core.Strapi['documents']>['findMany']>[0];

export const ARTICLE_VIEW_POPULATE = {
  cover: true,
  author: { fields: ['name', 'slug', 'jobTitle'] },
  tags: { fields: ['name', 'slug'], sort: ['name:asc'] },
  sources: true,
  corrections: true,
  seo: { populate: { shareImage: true } },
  body: true,
} as const;

/**
 * When a published version last changed for its readers: its last save, or the
 * date of its newest correction or update if that is later (an editor may date
 * a note to when the change was made, before saving it).
 */
export const lastModified = (article: Pick<ArticleView, 'updatedAt' | 'corrections'>): Date =>
  (article.corrections ?? []).reduce((max, c) => {
    const d = new Date(c.date);
    return Number.isNaN(d.getTime()) || d <= max ? max : d;
  }, new Date(article.updatedAt));

/** Newest first by original publication, then by document, so equal dates still order the same way. */
export const NEWEST_FIRST = ['firstPublishedAt:desc', 'documentId:asc'];

/** Published articles of one locale, newest first. */
export const findPublishedArticles = async (
  strapi: Core.Strapi,
  locale: string,
  options: { limit?: number; since?: Date; filters?: Record<string, unknown> } = {},
): Promise<ArticleView[]> => {
  const filters: Record<string, unknown> = { ...(options.filters ?? {}) };
  if (options.since) filters.firstPublishedAt = { $gte: options.since.toISOString() };
  const rows = await strapi.documents(ARTICLE_UID).findMany({
    locale,
    status: 'published',
    filters,
    sort: NEWEST_FIRST,
    populate: ARTICLE_VIEW_POPULATE,
    ...(options.limit ? { limit: options.limit } : {}),
  } as ArticleFindMany);
  return rows as unknown as ArticleView[];
};

/** One published article by its slug in a locale, or null. */
export const findPublishedArticleBySlug = async (
  strapi: Core.Strapi,
  slug: string,
  locale: string,
): Promise<ArticleView | null> =>
  (await findPublishedArticles(strapi, locale, { limit: 1, filters: { slug: { $eq: slug } } }))[0] ?? null;

export type VersionView = {
  slug: string;
  title: string;
  updatedAt: string;
  firstPublishedAt: string | null;
  publishedAt: string;
};

/** The published locale versions of documents: documentId → (locale → version), newest first within each locale. */
export const publishedVersions = async (
  strapi: Core.Strapi,
  locales: readonly string[],
  documentIds?: readonly string[],
): Promise<Map<string, Map<string, VersionView>>> => {
  const versions = new Map<string, Map<string, VersionView>>();
  for (const locale of locales) {
    const rows = (await strapi.documents(ARTICLE_UID).findMany({
      locale,
      status: 'published',
      fields: ['slug', 'title', 'updatedAt', 'firstPublishedAt', 'publishedAt'],
      sort: NEWEST_FIRST,
      ...(documentIds ? { filters: { documentId: { $in: [...documentIds] } } } : {}),
    } as ArticleFindMany)) as unknown as ({
      documentId: string;
    } & VersionView)[];
    for (const row of rows) {
      const perDoc = versions.get(row.documentId) ?? new Map<string, VersionView>();
      perDoc.set(locale, {
        slug: row.slug,
        title: row.title,
        updatedAt: row.updatedAt,
        firstPublishedAt: row.firstPublishedAt,
        publishedAt: row.publishedAt,
      });
      versions.set(row.documentId, perDoc);
    }
  }
  return versions;
};
