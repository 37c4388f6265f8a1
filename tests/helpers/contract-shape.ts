/**
 * The article page contract as a field tree, used three ways: to list every
 * field a public article must carry, to build the GraphQL selection asking for
 * exactly those fields, and to project REST and GraphQL answers onto the same
 * shape so they can be compared field for field.
 */
export type Shape = { [field: string]: true | Shape | Union };
export type Union = { __union: Record<string, { component: string; shape: Shape }> };

const isUnion = (value: true | Shape | Union): value is Union => typeof value === 'object' && '__union' in value;

const media: Shape = { url: true, alternativeText: true, formats: true, width: true, height: true, mime: true };
const articleLink: Shape = { documentId: true, title: true, slug: true, locale: true };
const relatedLink: Shape = {
  documentId: true,
  title: true,
  kind: true,
  label: true,
  url: true,
  locale: true,
  target: articleLink,
};

export const ARTICLE_PAGE: Shape = {
  documentId: true,
  title: true,
  slug: true,
  excerpt: true,
  locale: true,
  firstPublishedAt: true,
  publishedAt: true,
  timeZone: true,
  coverCaption: true,
  coverCredit: true,
  cover: media,
  author: { documentId: true, name: true, slug: true, jobTitle: true, locale: true, avatar: media },
  tags: { documentId: true, name: true, slug: true, locale: true },
  body: {
    __union: {
      ComponentContentRichText: { component: 'content.rich-text', shape: { body: true } },
      ComponentContentReadAlso: { component: 'content.read-also', shape: { link: relatedLink } },
    },
  },
  relatedLinks: relatedLink,
  sources: { name: true, relation: true, url: true },
  corrections: { date: true, kind: true, text: true },
  seo: { metaTitle: true, metaDescription: true, canonicalUrl: true, shareImage: media },
  localizations: { documentId: true, locale: true, slug: true, title: true },
};

const articleCard: Shape = {
  documentId: true,
  title: true,
  slug: true,
  excerpt: true,
  firstPublishedAt: true,
  locale: true,
  cover: media,
};

export const AUTHOR_PAGE: Shape = {
  documentId: true,
  name: true,
  slug: true,
  jobTitle: true,
  bio: true,
  locale: true,
  avatar: media,
  articles: articleCard,
  localizations: { documentId: true, locale: true, slug: true },
};

export const TAG_PAGE: Shape = {
  documentId: true,
  name: true,
  slug: true,
  description: true,
  locale: true,
  articles: articleCard,
  localizations: { documentId: true, locale: true, slug: true, name: true },
};

/** The GraphQL selection set for a shape. */
export const toSelection = (shape: Shape): string =>
  Object.entries(shape)
    .map(([field, sub]) => {
      if (sub === true) return field;
      if (isUnion(sub)) {
        const fragments = Object.entries(sub.__union).map(
          ([type, { shape: s }]) => `... on ${type} { ${toSelection(s)} }`,
        );
        return `${field} { __typename ${fragments.join(' ')} }`;
      }
      return `${field} { ${toSelection(sub)} }`;
    })
    .join(' ');

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths of the shape that the value does not carry (a null value counts as carried). */
export const missingFields = (value: Json, shape: Shape, at = ''): string[] => {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => missingFields(v, shape, `${at}[${i}]`));
  if (!isObject(value)) return [`${at} (not an object)`];
  return Object.entries(shape).flatMap(([field, sub]) => {
    const path = at ? `${at}.${field}` : field;
    if (!(field in value)) return [path];
    if (sub === true) return [];
    const child = value[field];
    if (isUnion(sub)) {
      if (!Array.isArray(child)) return [`${path} (not a list)`];
      return child.flatMap((block, i) => {
        const entry = Object.values(sub.__union).find((u) => isObject(block) && block.__component === u.component);
        return entry ? missingFields(block, entry.shape, `${path}[${i}]`) : [`${path}[${i}] (unknown component)`];
      });
    }
    return missingFields(child, sub, path);
  });
};

/** REST enum values (`read-also`) as GraphQL spells them (`read_also`) are the same value. */
const ENUM_FIELDS = new Set(['kind', 'relation']);

/**
 * Projects a REST or GraphQL answer onto the shape, in one vocabulary:
 * dynamic-zone entries are named by their component UID (`__component`), enum
 * values use REST's spelling. What is left can be compared with toEqual.
 */
export const project = (value: Json, shape: Shape): Json => {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => project(v, shape));
  if (!isObject(value)) return value;
  const out: Record<string, Json> = {};
  for (const [field, sub] of Object.entries(shape)) {
    const child = value[field];
    if (sub === true) {
      out[field] = ENUM_FIELDS.has(field) && typeof child === 'string' ? child.replace(/_/g, '-') : (child ?? null);
    } else if (isUnion(sub)) {
      out[field] = Array.isArray(child)
        ? child.map((block) => {
            if (!isObject(block)) return block;
            const entry =
              Object.values(sub.__union).find((u) => block.__component === u.component) ??
              (typeof block.__typename === 'string' ? sub.__union[block.__typename] : undefined);
            if (!entry) return { __component: 'unknown' };
            return { __component: entry.component, ...(project(block, entry.shape) as Record<string, Json>) };
          })
        : null;
    } else {
      out[field] = project(child, sub);
    }
  }
  return out;
};
