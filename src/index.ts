import type { Core } from '@strapi/strapi';
import { settingsOf } from './config/settings';
import { openRuntime, closeRuntime } from './runtime';
import { slugMiddleware } from './document-middlewares/slug';
import { firstPublishedAtGuard } from './document-middlewares/first-published-at';
import { relatedLinkRules } from './api/related-link/document-middlewares/related-link-rules';
import { publishedOnlyForReaders } from './document-middlewares/published-only-for-readers';
import { readingTimeMiddleware } from './api/article/document-middlewares/reading-time';
import { translationStatusMiddleware } from './api/article/document-middlewares/translation-status';
import { registerNewsroomGraphql } from './extensions/graphql/newsroom-queries';
import { registerCacheInvalidation } from './cache/invalidation';
import { createPurgeHook } from './cache/purge-hook';
import { acquireBootLock, releaseBootLock } from './bootstrap/boot-lock';
import { completeFirstBoot } from './bootstrap/first-boot-repair';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { ensureSiteSettings } from './bootstrap/site-settings';
import { ensureAuthenticatedPermissions } from './bootstrap/authenticated-permissions';
import { registerPublishingRoutes } from './bootstrap/publishing-routes';
import { ensureEditorPermissions } from './bootstrap/editor-permissions';
import { ensureAdminAccounts } from './bootstrap/admin-accounts';
import { ensureContentManagerViews } from './bootstrap/content-manager-views';
import { answerClientErrorsAsJson } from './bootstrap/client-errors';
import { applyStrapiPatches } from './strapi-patches';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // Settings, the Redis connection and the response store, owned here until destroy().
    const runtime = await openRuntime(strapi);
    strapi.documents.use(firstPublishedAtGuard);
    strapi.documents.use(slugMiddleware(strapi));
    strapi.documents.use(relatedLinkRules(strapi));
    strapi.documents.use(publishedOnlyForReaders(strapi));
    strapi.documents.use(readingTimeMiddleware(strapi));
    strapi.documents.use(translationStatusMiddleware(strapi));
    registerNewsroomGraphql(strapi);
    const { purgeUrl } = runtime.settings.responseCache;
    registerCacheInvalidation(
      strapi,
      runtime.responseStore,
      purgeUrl ? createPurgeHook({ url: purgeUrl, log: strapi.log }) : undefined,
    );
    await acquireBootLock(strapi); // released at the end of bootstrap(): instances on one database boot one at a time
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const settings = settingsOf(strapi);
    await completeFirstBoot(strapi);
    await ensureLocales(strapi);
    await ensurePublicPermissions(strapi);
    await ensureSiteSettings(strapi);
    await ensureAuthenticatedPermissions(strapi);
    registerPublishingRoutes(strapi);
    await ensureEditorPermissions(strapi);
    await ensureAdminAccounts(strapi, settings.accounts);
    await ensureContentManagerViews(strapi);
    answerClientErrorsAsJson(strapi);
    await applyStrapiPatches(strapi, settings);
    await releaseBootLock(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await closeRuntime(strapi);
  },
};
