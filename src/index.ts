import type { Core } from '@strapi/strapi';
import { slugMiddleware } from './document-middlewares/slug';
import { firstPublishedAtGuard } from './document-middlewares/first-published-at';
import { relatedLinkRules } from './api/related-link/document-middlewares/related-link-rules';
import { publishedOnlyForReaders } from './document-middlewares/published-only-for-readers';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { readingTimeMiddleware } from './api/article/document-middlewares/reading-time';
import { translationStatusMiddleware } from './api/article/document-middlewares/translation-status';
import { ensureSiteSettings } from './bootstrap/site-settings';
import { registerPublishingRoutes } from './bootstrap/publishing-routes';
import { registerNewsroomGraphql } from './extensions/graphql/newsroom-queries';
import { ensureEditorPermissions } from './bootstrap/editor-permissions';
import { ensureAdminAccounts } from './bootstrap/admin-accounts';
import { ensureContentManagerViews } from './bootstrap/content-manager-views';
import { answerClientErrorsAsJson } from './bootstrap/client-errors';
import { ensureAuthenticatedPermissions } from './bootstrap/authenticated-permissions';
import { closeRateLimitStores } from './middlewares/rate-limit';
import { registerCacheInvalidation, closeResponseCache } from './cache/invalidation';
import { ensureIndexes } from './bootstrap/indexes';
import { optimizeSqlite } from './bootstrap/sqlite-optimize';
import { memoizePublicPermissions } from './lean/public-permissions-memo';
import { batchRelationLoads } from './lean/batch-relation-loads';
import { acquireBootLock, releaseBootLock } from './bootstrap/boot-lock';
import { completeFirstBoot } from './bootstrap/first-boot-repair';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    strapi.documents.use(firstPublishedAtGuard);
    strapi.documents.use(slugMiddleware(strapi));
    strapi.documents.use(relatedLinkRules(strapi));
    strapi.documents.use(publishedOnlyForReaders(strapi));
    strapi.documents.use(readingTimeMiddleware(strapi));
    strapi.documents.use(translationStatusMiddleware(strapi));
    registerNewsroomGraphql(strapi);
    registerCacheInvalidation(strapi);
    await acquireBootLock(strapi); // released at the end of bootstrap(): instances on one database boot one at a time
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await completeFirstBoot(strapi);
    await ensureLocales(strapi);
    await ensurePublicPermissions(strapi);
    await ensureSiteSettings(strapi);
    await ensureAuthenticatedPermissions(strapi);
    registerPublishingRoutes(strapi);
    await ensureEditorPermissions(strapi);
    await ensureAdminAccounts(strapi);
    await ensureContentManagerViews(strapi);
    answerClientErrorsAsJson(strapi);
    await ensureIndexes(strapi);
    await optimizeSqlite(strapi);
    memoizePublicPermissions(strapi);
    batchRelationLoads(strapi);
    await releaseBootLock(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    closeRateLimitStores();
    await closeResponseCache(strapi);
  },
};
