/**
 * The public JSON of the newsroom as a frontend receives it from REST with the
 * default population (src/api-contract/public-populate.ts). A web or app
 * frontend can copy these types, or import them from this file, to type
 * `@strapi/client` answers (see docs/frontend-api.md).
 */
import type { LocaleCode } from '../lib/locales';

export type Media = {
  id: number;
  documentId: string;
  url: string;
  alternativeText: string | null;
  caption: string | null;
  width: number | null;
  height: number | null;
  formats: Record<string, { url: string; width: number; height: number }> | null;
  mime: string;
};

export type ArticleLink = { id: number; documentId: string; title: string; slug: string; locale: LocaleCode };

export type RelatedLink = {
  id: number;
  documentId: string;
  title: string;
  kind: 'related' | 'read-also' | 'fact-check';
  label: string | null;
  url: string | null;
  locale: LocaleCode;
  /** The article it points to (its slug in the same locale), or null for an external link. */
  target: ArticleLink | null;
};

export type BlocksNode = { type: string; children?: BlocksNode[]; text?: string; [key: string]: unknown };

export type BodyBlock =
  | { __component: 'content.rich-text'; id: number; body: BlocksNode[] }
  | { __component: 'content.read-also'; id: number; link: RelatedLink | null };

export type CorrectionKind = 'correction' | 'update' | 'clarification';
export type Correction = { id: number; date: string; kind: CorrectionKind; text: string };

export type Localization = { id: number; documentId: string; locale: LocaleCode; slug: string; title?: string };

export type ArticlePage = {
  id: number;
  documentId: string;
  title: string;
  slug: string;
  excerpt: string | null;
  locale: LocaleCode;
  firstPublishedAt: string;
  publishedAt: string;
  createdAt: string;
  updatedAt: string;
  timeZone: string;
  /** Minutes to read the excerpt and body, computed on the server at every save. */
  readingTimeMinutes: number | null;
  coverCaption: string | null;
  coverCredit: string | null;
  cover: Media | null;
  author: {
    id: number;
    documentId: string;
    name: string;
    slug: string;
    jobTitle: string | null;
    locale: LocaleCode;
    avatar: Media | null;
  } | null;
  tags: { id: number; documentId: string; name: string; slug: string; locale: LocaleCode }[];
  body: BodyBlock[];
  relatedLinks: RelatedLink[];
  sources: { id: number; name: string; relation: 'reported-by' | 'quoted-from'; url: string | null }[];
  /** Notes to readers about changes since publication, oldest first (date is ISO 8601 UTC). */
  corrections: Correction[];
  seo: {
    id: number;
    metaTitle: string | null;
    metaDescription: string | null;
    canonicalUrl: string | null;
    shareImage: Media | null;
  } | null;
  /** The other language versions: build the language switcher from these. */
  localizations: Localization[];
};

/**
 * `?view=` of the article REST reads (`GET /api/articles`, `/api/articles/:documentId`,
 * `/api/articles/slug/:slug`): `page` (the default) answers ArticlePage, `card` ArticleCardView.
 */
export type ArticleView = 'card' | 'page';

/** An article as `?view=card` answers it: what a home-page card shows (src/api-contract/public-populate.ts). */
export type ArticleCardView = Pick<
  ArticlePage,
  | 'id'
  | 'documentId'
  | 'title'
  | 'slug'
  | 'excerpt'
  | 'locale'
  | 'firstPublishedAt'
  | 'timeZone'
  | 'readingTimeMinutes'
  | 'cover'
> & {
  author: { id: number; documentId: string; name: string; slug: string } | null;
  tags: { id: number; documentId: string; name: string; slug: string }[];
};

/** An article as an entry of an author or tag page (`articles` there). */
export type ArticleCard = Pick<
  ArticlePage,
  'id' | 'documentId' | 'title' | 'slug' | 'excerpt' | 'firstPublishedAt' | 'locale' | 'cover'
>;

export type AuthorPage = {
  id: number;
  documentId: string;
  name: string;
  slug: string;
  jobTitle: string | null;
  bio: string | null;
  locale: LocaleCode;
  avatar: Media | null;
  /** Published articles in the requested locale, newest first. */
  articles: ArticleCard[];
  localizations: { id: number; documentId: string; locale: LocaleCode; slug: string }[];
};

export type TagPage = {
  id: number;
  documentId: string;
  name: string;
  slug: string;
  description: string | null;
  locale: LocaleCode;
  articles: ArticleCard[];
  localizations: { id: number; documentId: string; locale: LocaleCode; slug: string; name: string }[];
};
