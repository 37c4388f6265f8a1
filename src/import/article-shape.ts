/**
 * The one typed shape of an article to import, shared by the seed fixtures
 * (database/seed/types.ts), the bench corpus and the archive importers. Scalar
 * fields take their types from the generated Strapi types, so an input that no
 * longer fits the content model fails `tsc`.
 */
import type { Modules, UID } from '@strapi/strapi';
import type { BlockNode } from '../lib/blocks';
import type { LocaleCode } from '../lib/locales';

type Input<T extends UID.Schema> = Modules.Documents.Params.Data.Input<T>;
type ArticleInput = Input<'api::article.article'>;
type LinkInput = Input<'api::related-link.related-link'>;
type SourceInput = Input<'content.source'>;

/** A value written once per content locale (`id` and `en`). */
export type Localized<T> = { readonly [L in LocaleCode]: T };

export type Paragraphs = readonly string[];

/** Strapi "blocks" rich text as an importer builds it: paragraphs, headings, lists, quotes, links, images. */
export type RichTextBlocks = readonly BlockNode[];

/** One entry of the body dynamic zone: story text (plain paragraphs or pre-built blocks) or a "Baca juga" box. */
export type BulkBodyBlock =
  | { type: 'rich-text'; paragraphs: Paragraphs }
  | { type: 'rich-text'; blocks: RichTextBlocks }
  /** Index into the article's `relatedLinks`. */
  | { type: 'read-also'; link: number };

export type RelatedLinkKind = NonNullable<LinkInput['kind']>;

export type ArticleSource = {
  readonly name: NonNullable<SourceInput['name']>;
  readonly relation: NonNullable<SourceInput['relation']>;
  readonly url?: NonNullable<SourceInput['url']>;
};

export type BulkArticleText = {
  title: NonNullable<ArticleInput['title']>;
  /** Optional: derived from the title, unique within the locale, when missing. */
  slug?: NonNullable<ArticleInput['slug']>;
  excerpt: NonNullable<ArticleInput['excerpt']>;
  coverCaption?: NonNullable<ArticleInput['coverCaption']>;
  body: readonly BulkBodyBlock[];
  seo?: { metaTitle?: string; metaDescription?: string };
};

export type BulkRelatedLink = {
  kind: RelatedLinkKind;
  locales: Record<LocaleCode, { title: string; label?: string }>;
  /** External URL, or… */
  url?: string;
  /** …documentId of an article of this site (already imported). */
  target?: string;
};

export type BulkArticle = {
  /**
   * Natural key of the item within its import `source` (e.g. a WordPress post id). Default: the
   * Indonesian slug (given, or derived from the title). A key already imported is skipped.
   */
  key?: string;
  /** `published` (default): draft and published rows per locale; `draft`: draft rows only. */
  status?: 'published' | 'draft';
  locales: Record<LocaleCode, BulkArticleText>;
  /** ISO 8601; required for a published article, optional for a draft. */
  firstPublishedAt?: string;
  timeZone?: NonNullable<ArticleInput['timeZone']>;
  coverCredit?: NonNullable<ArticleInput['coverCredit']>;
  /** Upload file id (shared by both locales). */
  cover?: number;
  /** documentId of an author. */
  author?: string;
  /** documentIds of tags. */
  tags?: readonly string[];
  /** The article's own "Berita Terkait" links, created with it; `read-also` body blocks point into this list. */
  relatedLinks?: readonly BulkRelatedLink[];
  sources?: readonly ArticleSource[];
};

/**
 * An archive's article as the WordPress importer brings it: some locales only,
 * each published or a draft (default: the article's `status`), or new locale
 * versions joining an existing document. Every BulkArticle is one. The import
 * path (src/lib/bulk-import.ts) writes a new one with the bulk writer and sends
 * one with `documentId` through the Document Service, in the same transaction.
 */
export type PartialArticle = Omit<BulkArticle, 'locales'> & {
  /** At least one locale. */
  locales: Partial<Record<LocaleCode, BulkArticleText & { status?: 'published' | 'draft' }>>;
  /** Add these locale versions to this existing document instead of creating one. */
  documentId?: string;
};

/** One document of a simple content type (author, tag): its fields per locale. */
export type TranslatedItem = Record<LocaleCode, Record<string, unknown>>;
