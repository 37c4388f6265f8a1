/**
 * The shape of a seed fixture. Scalar fields take their types from the generated
 * Strapi types (types/generated), so a fixture that no longer fits the content
 * model fails `tsc`. Relations are written by natural key — a slug (authors,
 * tags, articles), the headline (related links) or the file name
 * (media) — and resolved to documentIds when the seed runs; never numeric ids.
 */
import type { Modules, UID } from '@strapi/strapi';
import type { ArticleSource, Localized, RelatedLinkKind } from '../../src/import/article-shape';

// One article shape for the seed and the archive import (src/import/article-shape.ts): the fixture
// types below are that shape with relations written by natural key instead of documentId.
export type { Localized, RelatedLinkKind };

type Input<T extends UID.Schema> = Modules.Documents.Params.Data.Input<T>;
type ArticleInput = Input<'api::article.article'>;
type AuthorInput = Input<'api::author.author'>;
type TagInput = Input<'api::tag.tag'>;
type LinkInput = Input<'api::related-link.related-link'>;

/** An image shipped in the repository and uploaded through Strapi's upload service. */
export type MediaFixture = {
  /** Natural key: the file name Strapi stores (`files.name`). */
  readonly name: string;
  /** Path relative to the application root. */
  readonly path: string;
  readonly mime: 'image/png' | 'image/jpeg' | 'image/webp';
  readonly alternativeText: string;
  readonly caption?: string;
};

export type AuthorFixture = {
  /** Natural key, shared by both locales (the slug is not localized). */
  readonly slug: NonNullable<AuthorInput['slug']>;
  readonly name: NonNullable<AuthorInput['name']>;
  readonly jobTitle: Localized<NonNullable<AuthorInput['jobTitle']>>;
  readonly bio?: Localized<NonNullable<AuthorInput['bio']>>;
};

export type TagFixture = {
  /** Natural keys: slug + locale. */
  readonly locales: Localized<{
    readonly name: NonNullable<TagInput['name']>;
    readonly slug: NonNullable<TagInput['slug']>;
    readonly description?: NonNullable<TagInput['description']>;
  }>;
};

export type RelatedLinkFixture = {
  /**
   * Natural key: the headline + locale (a related link has no slug; its headline
   * is what identifies it on the page). Articles refer to a link by its
   * Indonesian headline (`locales.id.title`).
   */
  readonly kind: RelatedLinkKind;
  /** External http(s) URL, only when one is known (the seed document has none). */
  readonly url?: NonNullable<LinkInput['url']>;
  readonly locales: Localized<{
    readonly title: NonNullable<LinkInput['title']>;
    readonly label?: NonNullable<LinkInput['label']>;
  }>;
};

/** One block of the body dynamic zone, with relations by natural key. */
export type BodyBlockFixture =
  | { readonly type: 'rich-text'; readonly paragraphs: Localized<readonly string[]> }
  /** A "Baca juga" box: the Indonesian headline of a related link of the fixture. */
  | { readonly type: 'read-also'; readonly link: string };

export type SourceFixture = ArticleSource;

export type ArticleFixture = {
  readonly locales: Localized<{
    /** Natural key of the article: slug + locale (the `id` slug identifies the document). */
    readonly slug: NonNullable<ArticleInput['slug']>;
    readonly title: NonNullable<ArticleInput['title']>;
    readonly excerpt: NonNullable<ArticleInput['excerpt']>;
    readonly coverCaption?: NonNullable<ArticleInput['coverCaption']>;
  }>;
  readonly body: readonly BodyBlockFixture[];
  /** Media natural key (file name). */
  readonly cover?: string;
  readonly coverCredit?: NonNullable<ArticleInput['coverCredit']>;
  /** Author natural key (slug). */
  readonly author?: string;
  /** Tag natural keys (the `id` slugs), in order. */
  readonly tags: readonly string[];
  /** Related link natural keys (the Indonesian headlines), in page order. */
  readonly relatedLinks: readonly string[];
  readonly sources: readonly SourceFixture[];
  /** ISO 8601 with an offset; written at creation (Strapi's own firstPublishedAt). */
  readonly firstPublishedAt: string;
  readonly timeZone: NonNullable<ArticleInput['timeZone']>;
};

export type SeedFixture = {
  readonly media: readonly MediaFixture[];
  readonly authors: readonly AuthorFixture[];
  readonly tags: readonly TagFixture[];
  readonly relatedLinks: readonly RelatedLinkFixture[];
  readonly articles: readonly ArticleFixture[];
};
