import type { Core } from '@strapi/strapi';
import { settingsOf } from './config/settings';
import { openRuntime, closeRuntime, runtimeOf } from './runtime';
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
import { removeOrphanPermissions } from './bootstrap/permission-orphans';
import { ensureLocales } from './bootstrap/locales';
import { ensureSiteSettings } from './bootstrap/site-settings';
import { applyAccessPolicy } from './access/sync-role-permissions';
import { registerPublishingRoutes } from './bootstrap/publishing-routes';
import { registerPreviewRoutes } from './bootstrap/preview-routes';
import { ensureEditorPermissions } from './bootstrap/editor-permissions';
import { ensureReporterPermissions } from './bootstrap/reporter-permissions';
import { ensureAdminAccounts } from './bootstrap/admin-accounts';
import { ensureContentManagerViews } from './bootstrap/content-manager-views';
import { answerClientErrorsAsJson } from './bootstrap/client-errors';
import { applyStrapiPatches } from './strapi-patches';
import { openMetrics } from './metrics/metrics';
import { searchIndexMiddleware } from './document-middlewares/search-index';
import { registerSearchGraphql } from './extensions/graphql/search-query';
import { ensureSearchSchema } from './search/schema';
import { reindexAll } from './search/indexer';
import { scheduleRules } from './api/article/document-middlewares/schedule-rules';
import { translationOwnership } from './api/article/document-middlewares/translation-ownership';
import { startScheduler } from './desk/scheduler';
import { ensureImportKeysTable } from './import/keys';
import { onImportBatchCommitted } from './import/after-batch';
import { indexImportedBatch, SEARCH_LISTENER } from './search/import-hook';
import { registerViewQueryParam } from './api-contract/view-query-param';

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
    strapi.documents.use(scheduleRules(strapi));
    strapi.documents.use(translationOwnership(strapi));
    strapi.documents.use(searchIndexMiddleware(strapi));
    registerViewQueryParam(strapi);
    registerNewsroomGraphql(strapi);
    registerSearchGraphql(strapi);
    onImportBatchCommitted(strapi, SEARCH_LISTENER, indexImportedBatch);
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
    // The Prometheus registry (GET /metrics): made once the database exists, read per request.
    openMetrics(strapi, runtimeOf(strapi).redis);
    await completeFirstBoot(strapi);
    await removeOrphanPermissions(strapi);
    // A database from before search gets its index built once, at the boot that creates it.
    if (await ensureSearchSchema(strapi)) await reindexAll(strapi);
    await ensureLocales(strapi);
    await ensureSiteSettings(strapi);
    await applyAccessPolicy(strapi);
    registerPublishingRoutes(strapi);
    registerPreviewRoutes(strapi);
    await ensureEditorPermissions(strapi);
    await ensureReporterPermissions(strapi);
    await ensureAdminAccounts(strapi, settings.accounts);
    await ensureContentManagerViews(strapi);
    answerClientErrorsAsJson(strapi);
    await applyStrapiPatches(strapi, settings);
    await ensureImportKeysTable(strapi);
    await releaseBootLock(strapi);
    await startScheduler(strapi); // after the boot lock: each due version is claimed by one instance
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await closeRuntime(strapi);
  },
};
