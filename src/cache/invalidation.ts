import type { Core, Modules } from '@strapi/strapi';
import { isLocaleCode, LOCALE_CODES } from '../lib/locales';
import { docKey, embeddedKey, listKey } from './dependencies';
import { ALL_KEY, type ResponseStore } from './store';
import { publicWrite, type DocumentContext } from '../document-middlewares/public-write';

/** Models written outside the Document Service whose changes reach every public answer. */
export const LIFECYCLE_MODELS = [
  'plugin::upload.file', // covers, avatars, logos: url, alt text, formats
  'plugin::users-permissions.permission', // what the Public role may read
  'plugin::users-permissions.role',
  'plugin::i18n.locale',
];

const relationNames = (ctx: DocumentContext): string[] =>
  Object.entries(ctx.contentType.attributes)
    .filter(([, a]) => a.type === 'relation' && a.target?.startsWith('api::'))
    .map(([name]) => name);

/**
 * Precise invalidation (the rule is documented in docs/performance.md): a
 * public write of a document purges `doc:<its id>` (every answer containing
 * it), the list keys of its type in the locale(s) written, `embedded:<type>`
 * (GraphQL answers) and `doc:` of the documents it now points to (its tags,
 * its author: their pages may now show it; those that showed it before
 * contain its id). A draft save purges nothing. Uploads, permissions, roles,
 * locales and the site settings purge everything.
 *
 * The purge happens after the write and, when it ran inside a longer
 * transaction (a seed/import batch), again when that transaction commits, so
 * no reader can cache the pre-commit state after the purge.
 */
export const registerCacheInvalidation = (
  strapi: Core.Strapi,
  store: ResponseStore | undefined,
  onPurge?: (keys: string[]) => void,
): void => {
  if (!store) return;
  const purge = async (keys: string[]): Promise<void> => {
    try {
      await store.purge(keys);
    } catch (error) {
      strapi.log.error(`[response-cache] could not purge ${keys.length} key(s): ${(error as Error).message}`);
    }
    onPurge?.(keys);
  };

  const afterWrite = async (keys: string[]): Promise<void> => {
    await purge(keys);
    if (strapi.db.inTransaction()) {
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => void purge(keys));
      });
    }
  };

  /** The documents the written one points to now (published version), as `doc:` keys. */
  const relatedKeys = async (ctx: DocumentContext, documentId: string, locale: unknown): Promise<string[]> => {
    const names = relationNames(ctx);
    if (names.length === 0 || ctx.action === 'delete' || ctx.action === 'unpublish') return [];
    const populate = Object.fromEntries(names.map((name) => [name, { fields: ['documentId'] }]));
    const locales = isLocaleCode(locale) ? [locale] : LOCALE_CODES;
    const keys: string[] = [];
    for (const code of locales) {
      const found = (await strapi.documents(ctx.uid as 'api::article.article').findOne({
        documentId,
        locale: code,
        status: 'published',
        populate,
      } as never)) as Record<string, unknown> | null;
      for (const name of names) {
        const value = found?.[name];
        for (const item of Array.isArray(value) ? value : value ? [value] : []) {
          const id = (item as { documentId?: unknown }).documentId;
          if (typeof id === 'string') keys.push(docKey(id));
        }
      }
    }
    return keys;
  };

  const documentMiddleware: Modules.Documents.Middleware.Middleware = async (context, next) => {
    const ctx = context as unknown as DocumentContext;
    const kind = publicWrite(ctx);
    if (kind === 'none') return next();
    const result = await next();
    if (kind === 'everything') {
      await afterWrite([ALL_KEY]);
      return result;
    }
    const documentId =
      typeof ctx.params.documentId === 'string'
        ? ctx.params.documentId
        : (result as { documentId?: unknown } | null)?.documentId;
    const locale = ctx.params.locale;
    const locales = isLocaleCode(locale) ? [locale] : LOCALE_CODES;
    const keys = [embeddedKey(ctx.uid), ...locales.map((code) => listKey(ctx.uid, code))];
    if (typeof documentId === 'string') {
      keys.push(docKey(documentId));
      try {
        keys.push(...(await relatedKeys(ctx, documentId, locale)));
      } catch (error) {
        // Not knowing the relations: purge everything rather than serve a stale tag or author page.
        strapi.log.warn(`[response-cache] relations of ${documentId} unknown: ${(error as Error).message}`);
        keys.push(ALL_KEY);
      }
    } else keys.push(ALL_KEY);
    await afterWrite([...new Set(keys)]);
    return result;
  };
  strapi.documents.use(documentMiddleware);

  const onModelWrite = (): Promise<void> => afterWrite([ALL_KEY]);
  strapi.db.lifecycles.subscribe({
    models: LIFECYCLE_MODELS,
    afterCreate: onModelWrite,
    afterCreateMany: onModelWrite,
    afterUpdate: onModelWrite,
    afterUpdateMany: onModelWrite,
    afterDelete: onModelWrite,
    afterDeleteMany: onModelWrite,
  });
};
