import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../lib/uids';
import { articleUrl } from '../lib/urls';
import { getSite } from './site';
import type { ArticleFindMany } from './published-articles';

export const RELATED_DEFAULT_LIMIT = 5;
export const RELATED_MAX_LIMIT = 20;
/** How many recent same-tag articles are weighed when filling; enough for any page. */
const CANDIDATE_POOL = 200;

export type RelatedItem = {
  /** `editor`: one of the article's own related links, in the editor's order; `tags`: filled automatically. */
  origin: 'editor' | 'tags';
  title: string;
  /** Site URL of an internal article, the external URL, or null for a headline-only link. */
  url: string | null;
  documentId: string | null;
  slug: string | null;
  locale: string;
  kind: string | null;
  label: string | null;
  firstPublishedAt: string | null;
  /** Tags shared with the article (automatic items only; 0 for the editor's links). */
  sharedTags: number;
};

type TargetRow = { documentId: string; slug: string; title: string; locale: string; firstPublishedAt: string | null };
type LinkRow = {
  documentId: string;
  title: string;
  kind: string | null;
  label: string | null;
  url: string | null;
  target: TargetRow | null;
};
type ArticleRow = {
  documentId: string;
  locale: string;
  slug: string;
  title: string;
  firstPublishedAt: string | null;
  tags: { documentId: string }[];
  relatedLinks: LinkRow[];
};

const time = (value: string | null): number => (value ? new Date(value).getTime() : 0);

/** Shared tag count desc, then original publication desc, then documentId: a total, stable order. */
export const compareCandidates = (
  a: { sharedTags: number; firstPublishedAt: string | null; documentId: string },
  b: { sharedTags: number; firstPublishedAt: string | null; documentId: string },
): number =>
  b.sharedTags - a.sharedTags ||
  time(b.firstPublishedAt) - time(a.firstPublishedAt) ||
  (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0);

/**
 * Related articles of a published article in one locale: the editor's own
 * related links first, in their order, then published articles of the same
 * locale sharing at least one tag (most shared tags first, then newest),
 * never the article itself, never an article already linked, never another
 * locale. Null when the article is not published in that locale.
 */
export const relatedArticles = async (
  strapi: Core.Strapi,
  ref: { documentId?: string; slug?: string; locale: string },
  limit: number = RELATED_DEFAULT_LIMIT,
): Promise<RelatedItem[] | null> => {
  const { locale } = ref;
  const filters = ref.documentId ? { documentId: { $eq: ref.documentId } } : { slug: { $eq: ref.slug } };
  const article = (await strapi.documents(ARTICLE_UID).findFirst({
    locale,
    status: 'published',
    filters,
    fields: ['slug', 'title', 'locale', 'firstPublishedAt'],
    populate: {
      tags: { fields: ['documentId'] },
      relatedLinks: {
        fields: ['title', 'kind', 'label', 'url'],
        populate: { target: { fields: ['slug', 'title', 'locale', 'firstPublishedAt'] } },
      },
    },
  })) as unknown as ArticleRow | null;
  if (!article) return null;
  const site = await getSite(strapi, locale);

  const items: RelatedItem[] = [];
  const seen = new Set<string>([article.documentId]);
  for (const link of article.relatedLinks ?? []) {
    if (items.length >= limit) break;
    const target = link.target;
    if (target && seen.has(target.documentId)) continue;
    if (target) seen.add(target.documentId);
    items.push({
      origin: 'editor',
      title: link.title || target?.title || '',
      url: target ? articleUrl(site.url, target.locale, target.slug) : link.url || null,
      documentId: target?.documentId ?? null,
      slug: target?.slug ?? null,
      locale: target?.locale ?? locale,
      kind: link.kind ?? null,
      label: link.label ?? null,
      firstPublishedAt: target?.firstPublishedAt ?? null,
      sharedTags: 0,
    });
  }

  const tagIds = new Set((article.tags ?? []).map((t) => t.documentId));
  if (items.length < limit && tagIds.size > 0) {
    const candidates = (await strapi.documents(ARTICLE_UID).findMany({
      locale,
      status: 'published',
      filters: { documentId: { $notIn: [...seen] }, tags: { documentId: { $in: [...tagIds] } } },
      fields: ['slug', 'title', 'locale', 'firstPublishedAt'],
      populate: { tags: { fields: ['documentId'] } },
      sort: ['firstPublishedAt:desc', 'documentId:asc'],
      limit: CANDIDATE_POOL,
    } as ArticleFindMany)) as unknown as ArticleRow[];
    const ranked = candidates
      .filter((c) => c.locale === locale && !seen.has(c.documentId))
      .map((c) => ({
        ...c,
        sharedTags: new Set((c.tags ?? []).map((t) => t.documentId).filter((id) => tagIds.has(id))).size,
      }))
      .sort(compareCandidates);
    for (const c of ranked.slice(0, limit - items.length)) {
      items.push({
        origin: 'tags',
        title: c.title,
        url: articleUrl(site.url, locale, c.slug),
        documentId: c.documentId,
        slug: c.slug,
        locale,
        kind: null,
        label: null,
        firstPublishedAt: c.firstPublishedAt,
        sharedTags: c.sharedTags,
      });
    }
  }
  return items;
};
