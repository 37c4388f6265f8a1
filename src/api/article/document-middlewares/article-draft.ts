import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../../../lib/uids';

/** The stored draft row of one locale version of an article, with what the text-derived fields need. */
export type StoredArticleText = {
  id: number;
  title?: string | null;
  excerpt?: string | null;
  coverCaption?: string | null;
  body?: unknown;
  seo?: { metaTitle?: string | null; metaDescription?: string | null } | null;
  contentEditedAt?: string | Date | null;
};

export const loadArticleDraft = async (
  strapi: Core.Strapi,
  documentId: string,
  locale: string,
): Promise<StoredArticleText | null> =>
  (await strapi.db.query(ARTICLE_UID).findOne({
    where: { documentId, locale, publishedAt: null },
    populate: { body: true, seo: true },
  })) as StoredArticleText | null;

/** A field's value after a write: the one sent when sent, the stored one otherwise. */
export const after = <K extends keyof StoredArticleText>(
  data: Record<string, unknown>,
  stored: StoredArticleText | null,
  key: K,
): unknown => (key in data ? data[key] : stored?.[key]);
