import type { Core } from '@strapi/strapi';
import { bodyToText } from '../lib/blocks';
import type { LocaleCode } from '../lib/locales';
import { ARTICLE_UID, AUTHOR_UID, TAG_UID } from '../lib/uids';

/** What a search can find, as named in `?type=` (the REST collection names). */
export const SEARCH_TYPES = ['articles', 'authors', 'tags'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const UID_OF_TYPE = { articles: ARTICLE_UID, authors: AUTHOR_UID, tags: TAG_UID } as const;
export type SearchUid = (typeof UID_OF_TYPE)[SearchType];

export const typeOfUid = (uid: string): SearchType | undefined =>
  SEARCH_TYPES.find((type) => UID_OF_TYPE[type] === uid);

/**
 * One published locale version as search sees it. The five ranked fields, in
 * their order of weight: title, standfirst, body, then tags and author.
 * Articles: title, excerpt, the rich-text body, tag names, author name.
 * Authors: name, job title, bio. Tags: name, description.
 */
export type SearchSource = {
  type: SearchType;
  documentId: string;
  locale: LocaleCode;
  slug: string | null;
  title: string;
  standfirst: string;
  body: string;
  tags: string;
  author: string;
  /** Recency, for ties: an article's first publication, otherwise the publication. */
  publishedMs: number;
};

type Loaded = {
  documentId: string;
  slug?: string | null;
  title?: string | null;
  name?: string | null;
  excerpt?: string | null;
  jobTitle?: string | null;
  bio?: string | null;
  description?: string | null;
  body?: unknown;
  tags?: { name?: string | null }[] | null;
  author?: { name?: string | null } | null;
  firstPublishedAt?: string | Date | null;
  publishedAt?: string | Date | null;
};

const POPULATE = {
  articles: { body: true, tags: { fields: ['name'] }, author: { fields: ['name'] } },
  authors: {},
  tags: {},
} as const;

const ms = (value: string | Date | null | undefined): number => (value ? new Date(value).getTime() || 0 : 0);

const toSource = (type: SearchType, locale: LocaleCode, doc: Loaded): SearchSource => ({
  type,
  documentId: doc.documentId,
  locale,
  slug: doc.slug ?? null,
  title: (type === 'articles' ? doc.title : doc.name) ?? '',
  standfirst: (type === 'articles' ? doc.excerpt : type === 'authors' ? doc.jobTitle : doc.description) ?? '',
  body: type === 'articles' ? bodyToText(doc.body) : type === 'authors' ? (doc.bio ?? '') : '',
  tags: (doc.tags ?? [])
    .map((t) => t.name ?? '')
    .filter(Boolean)
    .join(', '),
  author: doc.author?.name ?? '',
  publishedMs: ms(doc.firstPublishedAt) || ms(doc.publishedAt),
});

/**
 * The published versions of these documents in one locale, read through the
 * Document Service (inside the caller's transaction, when there is one).
 * A document with no published version in the locale is simply absent.
 */
export const loadSources = async (
  strapi: Core.Strapi,
  type: SearchType,
  documentIds: readonly string[],
  locale: LocaleCode,
): Promise<SearchSource[]> => {
  if (documentIds.length === 0) return [];
  const docs = (await strapi.documents(UID_OF_TYPE[type]).findMany({
    filters: { documentId: { $in: [...documentIds] } },
    locale,
    status: 'published',
    populate: POPULATE[type] as never,
    limit: documentIds.length,
  })) as unknown as Loaded[];
  return docs.map((doc) => toSource(type, locale, doc));
};
