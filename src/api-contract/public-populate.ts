/**
 * What a public read returns without the client asking: the whole page data of
 * an article, author or tag in one request. One module so REST controllers,
 * the slug route and the GraphQL resolvers agree on the shape.
 *
 * Merge rule with the client's own `populate` (see `mergePopulate`): the
 * defaults are the base; every top-level key the client names replaces the
 * default entry for that key (the client's entry wins, it is never dropped);
 * keys the client does not name keep their defaults. `populate=*` and
 * `populate=true` mean "the defaults". The client's `fields` only chooses the
 * top-level scalar fields and is passed through untouched.
 *
 * An article has two views (`?view=card|page`, src/api-contract/public-view.ts):
 * `page` (the default) is ARTICLE_POPULATE with every scalar; `card` is
 * ARTICLE_CARD_FIELDS with ARTICLE_CARD_POPULATE, what a home-page card shows.
 * The client's `populate` merges with the chosen view's population by the rule
 * above, and the client's `fields`, when given, replaces the view's fields.
 */
import type { ArticleView } from './types';

export type PopulateEntry = true | PopulateNode;
export type PopulateNode = {
  fields?: readonly string[];
  populate?: Record<string, PopulateEntry>;
  on?: Record<string, PopulateEntry>;
  sort?: readonly string[] | string;
  filters?: Record<string, unknown>;
};
export type PopulateTree = Record<string, PopulateEntry>;

const MEDIA_FIELDS = ['url', 'alternativeText', 'caption', 'width', 'height', 'formats', 'mime'] as const;
const media: PopulateNode = { fields: MEDIA_FIELDS };

/** A link to another article: enough to render an anchor. */
const ARTICLE_LINK_FIELDS = ['title', 'slug', 'locale'] as const;

const relatedLink: PopulateNode = {
  fields: ['title', 'kind', 'label', 'url', 'locale'],
  populate: { target: { fields: ARTICLE_LINK_FIELDS } },
};

/** An article as a list entry on an author or tag page. */
const articleCard: PopulateNode = {
  fields: ['title', 'slug', 'excerpt', 'firstPublishedAt', 'locale'],
  sort: ['firstPublishedAt:desc'],
  populate: { cover: media },
};

export const ARTICLE_POPULATE: PopulateTree = {
  author: {
    fields: ['name', 'slug', 'jobTitle', 'locale'],
    populate: { avatar: media },
  },
  tags: { fields: ['name', 'slug', 'locale'] },
  cover: media,
  body: {
    on: {
      'content.rich-text': true,
      'content.read-also': { populate: { link: relatedLink } },
    },
  },
  relatedLinks: relatedLink,
  sources: true,
  corrections: true,
  seo: { populate: { shareImage: media } },
  localizations: { fields: ['locale', 'slug', 'title'] },
};

/**
 * The scalars of an article card (`view=card`; Strapi adds `id` and `documentId`):
 * the headline, its link, the teaser, the language, the date line (the time
 * zone formats `firstPublishedAt` as the newsroom's local time) and "5 min read".
 */
export const ARTICLE_CARD_FIELDS = [
  'title',
  'slug',
  'excerpt',
  'locale',
  'firstPublishedAt',
  'timeZone',
  'readingTimeMinutes',
] as const;

/** The relations of an article card: the picture, the byline and the tag chips; no body, SEO or links. */
export const ARTICLE_CARD_POPULATE: PopulateTree = {
  cover: media,
  author: { fields: ['name', 'slug'] },
  tags: { fields: ['name', 'slug'] },
};

/** One shape of a public answer: its top-level scalars (every one when absent) and its population. */
export type PublicView = { fields?: readonly string[]; populate: PopulateTree };

/** The views of a type by name, and the one a request that names none gets. */
export type PublicViews<V extends string = string> = {
  byName: Readonly<Record<V, PublicView>>;
  fallback: V;
};

/**
 * The views of an article: the whole page (the default, as before views
 * existed) and the card of a list.
 */
export const ARTICLE_VIEWS: PublicViews<ArticleView> = {
  byName: {
    page: { populate: ARTICLE_POPULATE },
    card: { fields: ARTICLE_CARD_FIELDS, populate: ARTICLE_CARD_POPULATE },
  },
  fallback: 'page',
};

export const AUTHOR_POPULATE: PopulateTree = {
  avatar: media,
  articles: articleCard,
  localizations: { fields: ['locale', 'slug'] },
};

export const TAG_POPULATE: PopulateTree = {
  articles: articleCard,
  localizations: { fields: ['locale', 'slug', 'name'] },
};

export const RELATED_LINK_POPULATE: PopulateTree = {
  target: { fields: ARTICLE_LINK_FIELDS },
  localizations: { fields: ['locale', 'title'] },
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `true`, `'*'`, `'true'`, an empty string/array: the client did not choose anything. */
const meansDefaults = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === true ||
  value === '*' ||
  value === 'true' ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (Array.isArray(value) && value.length === 1 && value[0] === '*');

/**
 * Client populate in any of Strapi's accepted forms (`'a,b'`, `['a','b']`,
 * `{ a: true }`, `{ a: { fields: [...] } }`) as an object keyed by attribute.
 */
export const normalizePopulate = (value: unknown): Record<string, unknown> => {
  if (meansDefaults(value)) return {};
  if (typeof value === 'string') {
    return Object.fromEntries(
      value
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean)
        .map((key) => [key, true]),
    );
  }
  if (Array.isArray(value)) {
    return Object.fromEntries(value.filter((key): key is string => typeof key === 'string').map((key) => [key, true]));
  }
  if (isRecord(value)) return { ...value };
  return {};
};

/** The defaults, with every top-level entry the client named taking precedence. */
export const mergePopulate = (defaults: PopulateTree, clientPopulate: unknown): Record<string, unknown> => {
  const client = normalizePopulate(clientPopulate);
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, entry] of Object.entries(client)) merged[key] = entry;
  return merged;
};
