import type { Core, Modules } from '@strapi/strapi';
import type { ResponseStore } from './store';

/** Document Service actions that can change what a public read returns. */
export const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft']);

/** Models written outside the Document Service whose changes reach public answers. */
export const LIFECYCLE_MODELS = [
  'plugin::upload.file', // covers, avatars, logos: url, alt text, formats
  'plugin::users-permissions.permission', // what the Public role may read
  'plugin::users-permissions.role',
  'plugin::i18n.locale',
];

/**
 * Makes every cached answer stale after each write that may change one. The
 * rule is deliberately coarse — any write to any content type, an upload, a
 * permission or a locale starts a new cache generation — because a page
 * embeds other documents (a tag's name is in every article of that tag, an
 * author's in every byline): exact dependency tracking would be easy to get
 * wrong, and news sites read far more than they write.
 *
 * The bump happens after the write and, when it ran inside a longer
 * transaction (a seed/import batch), again when that transaction commits, so
 * no reader can cache the pre-commit state under the new generation.
 */
export const registerCacheInvalidation = (strapi: Core.Strapi, store: ResponseStore | undefined): void => {
  if (!store) return;
  const bump = async (): Promise<void> => {
    try {
      await store.bump();
    } catch (error) {
      strapi.log.error(`[response-cache] could not start a new generation: ${(error as Error).message}`);
    }
  };

  const afterWrite = async (): Promise<void> => {
    await bump();
    if (strapi.db.inTransaction()) {
      await strapi.db.transaction(async ({ onCommit }) => {
        onCommit(() => void bump());
      });
    }
  };

  const documentMiddleware: Modules.Documents.Middleware.Middleware = async (ctx, next) => {
    if (!WRITE_ACTIONS.has(ctx.action)) return next();
    const result = await next();
    await afterWrite();
    return result;
  };
  strapi.documents.use(documentMiddleware);

  const onModelWrite = (): Promise<void> => afterWrite();
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
