import type { Core } from '@strapi/strapi';
import type { Settings } from '../config/settings';
import { switches } from './switch';
import { ensureIndexes } from './indexes';
import { optimizeSqlite } from './sqlite-optimize';
import { cacheSqliteStatements } from './sqlite-statement-cache';
import { memoizePublicPermissions } from './public-permissions-memo';
import { batchRelationLoads } from './batch-relation-loads';
import { memoizeDocumentParamChecks } from './document-params-memo';
import { memoizeContentApiQueries } from './content-api-query-memo';
import { sanitizeOutputInOneWalk } from './content-api-output';

/**
 * The project's patches to Strapi 5.54.0 internals, each in its own file with
 * the Strapi source it changes and the upstream issue it works around; all
 * behind one switch (PERF_OPTIMIZATIONS, ./switch.ts). Run in `bootstrap()`,
 * after Strapi's schema sync.
 */
export const applyStrapiPatches = async (strapi: Core.Strapi, settings: Settings): Promise<void> => {
  const on = switches(settings).strapiPatches;
  // Module state shared by the apps of a process: each boot switches it (./document-params-memo.ts).
  memoizeDocumentParamChecks(on);
  if (!on) return;
  await ensureIndexes(strapi);
  await optimizeSqlite(strapi);
  cacheSqliteStatements(strapi);
  memoizePublicPermissions(strapi, settings.permissionsCacheMs);
  batchRelationLoads(strapi);
  memoizeContentApiQueries(strapi);
  sanitizeOutputInOneWalk(strapi);
};
