import { DEFAULT_LOCALE, isLocaleCode, LOCALE_CODES } from '../lib/locales';
import { NEWSROOM_UIDS } from '../lib/uids';
import type { SurfaceKind } from '../http/surface';

/**
 * What a cached answer was built from, as dependency keys (the one rule,
 * no per-route path lists):
 * - `doc:<documentId>` for every object carrying a `documentId` anywhere in the
 *   answer (REST and GraphQL alike; documentIds are unique across types), so
 *   an answer embedding a tag or an author depends on it;
 * - `list:<uid>:<locale>` when the answer lists a type: a REST answer whose
 *   `data` is an array (the type from the matched route's handler), a GraphQL
 *   top-level field that returns a list, every feed and sitemap (they list
 *   the newsroom's types). A type or locale that cannot be told apart is
 *   listed in full: over-invalidating is allowed, serving stale is not.
 * - `embedded:<uid>` for every GraphQL answer and every newsroom type: a
 *   selection may leave out the `documentId` of an embedded tag, author or
 *   article, so a GraphQL answer cannot be tied to the documents in it; it is
 *   made stale by any public write of a type (REST answers always carry the
 *   documentIds, Strapi 5 adds them to every populated relation).
 * src/cache/invalidation.ts purges the same keys.
 */
export const docKey = (documentId: string): string => `doc:${documentId}`;
export const listKey = (uid: string, locale: string): string => `list:${uid}:${locale}`;
export const embeddedKey = (uid: string): string => `embedded:${uid}`;

/** Bound of the keys an answer records (a 100-card list with tags and authors is well below it). */
export const MAX_KEYS = 2000;

const collectDocumentIds = (value: unknown, into: Set<string>): void => {
  if (Array.isArray(value)) for (const item of value) collectDocumentIds(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const [name, inner] of Object.entries(value)) {
      if (name === 'documentId' && typeof inner === 'string') into.add(docKey(inner));
      else collectDocumentIds(inner, into);
    }
  }
};

const camel = (name: string): string => name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

export type DependencyInput = {
  kind: SurfaceKind;
  /** The parsed answer (JSON), or undefined for XML/text. */
  parsed: unknown;
  /** `ctx.state.route.handler` of a REST answer (`api::article.article.find`). */
  handler?: string;
  /** `locale` of the REST query or of the GraphQL variables. */
  locale?: unknown;
  /** The content types by GraphQL plural field name (`articles`, `articles_connection`). */
  graphqlLists: ReadonlyMap<string, string>;
};

const allLists = (uids: readonly string[], locales: readonly string[]): string[] =>
  uids.flatMap((uid) => locales.map((locale) => listKey(uid, locale)));

/** The dependency keys of an answer; `null` when there are too many to record (the answer is not cached). */
export const dependenciesOf = (input: DependencyInput): string[] | null => {
  const keys = new Set<string>();
  collectDocumentIds(input.parsed, keys);
  const locales = isLocaleCode(input.locale) ? [input.locale] : LOCALE_CODES;
  if (input.kind === 'feed' || input.kind === 'sitemap') {
    for (const k of allLists(NEWSROOM_UIDS, LOCALE_CODES)) keys.add(k);
  } else if (input.kind === 'rest') {
    const data = (input.parsed as { data?: unknown } | null | undefined)?.data;
    if (Array.isArray(data)) {
      // A route of a content type lists that type; any other list (search) may show any of them.
      const routeUid = /^(api::[\w-]+\.[\w-]+)\./.exec(input.handler ?? '')?.[1];
      const uid = (NEWSROOM_UIDS as readonly string[]).includes(routeUid ?? '') ? routeUid : undefined;
      // A REST list without `locale` is the default locale's (Strapi's rule).
      const restLocales = input.locale === undefined ? [DEFAULT_LOCALE] : locales;
      for (const k of allLists(uid ? [uid] : NEWSROOM_UIDS, restLocales)) keys.add(k);
    }
  } else if (input.kind === 'graphql') {
    for (const uid of NEWSROOM_UIDS) keys.add(embeddedKey(uid));
    const data = (input.parsed as { data?: Record<string, unknown> } | null | undefined)?.data ?? {};
    for (const [field, value] of Object.entries(data)) {
      const isList = Array.isArray(value) || (value !== null && typeof value === 'object' && 'nodes' in value);
      if (!isList) continue;
      const uid = input.graphqlLists.get(field);
      for (const k of allLists(uid ? [uid] : NEWSROOM_UIDS, locales)) keys.add(k);
    }
  }
  return keys.size > MAX_KEYS ? null : [...keys];
};

/** GraphQL list fields of the content types (`articles`, `articles_connection`, `relatedLinks`…). */
export const graphqlListFields = (
  contentTypes: Record<string, { info: { pluralName: string }; kind?: string }>,
): Map<string, string> => {
  const fields = new Map<string, string>();
  for (const [uid, ct] of Object.entries(contentTypes)) {
    if (!uid.startsWith('api::')) continue;
    const plural = camel(ct.info.pluralName);
    fields.set(plural, uid);
    fields.set(`${plural}_connection`, uid);
  }
  return fields;
};
