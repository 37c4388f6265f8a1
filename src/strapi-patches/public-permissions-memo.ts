/**
 * Strapi patch — targets @strapi/plugin-users-permissions 5.54.0: its `permission`
 * service's `findPublicPermissions` (server/services/permission.js), read by the
 * content API's authentication strategy (server/strategies/users-permissions.js)
 * on every anonymous request, with no cache upstream.
 */
import type { Core } from '@strapi/strapi';
import { UP_PERMISSION_UID, UP_ROLE_UID } from '../lib/uids';

type PermissionService = { findPublicPermissions: () => Promise<unknown[]> };

/**
 * users-permissions reads the Public role's permissions from the database on
 * every anonymous request (`findPublicPermissions`, one join query). They
 * change only when an operator edits a role, so the answer is kept for
 * `PERMISSIONS_CACHE_MS` (default 10 s, 0 turns the memo off) and dropped at
 * once when a permission or role row of this instance is created, updated or
 * deleted (database lifecycles, which the admin's role editor goes through).
 * The time bound covers an edit made on another instance.
 * Applied by ./index.ts (PERF_OPTIMIZATIONS).
 */
export const memoizePublicPermissions = (strapi: Core.Strapi, ttl: number): void => {
  if (!(ttl > 0)) return;

  const service = strapi.plugin('users-permissions').service('permission') as PermissionService;
  const original = service.findPublicPermissions.bind(service);
  let cached: { at: number; value: Promise<unknown[]> } | undefined;

  service.findPublicPermissions = () => {
    const now = Date.now();
    if (cached && now - cached.at < ttl) return cached.value;
    const value = original();
    const entry = { at: now, value };
    cached = entry;
    // A failed read is not remembered.
    value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return value;
  };

  const forget = (): void => {
    cached = undefined;
  };
  strapi.db.lifecycles.subscribe({
    models: [UP_PERMISSION_UID, UP_ROLE_UID],
    afterCreate: forget,
    afterCreateMany: forget,
    afterUpdate: forget,
    afterUpdateMany: forget,
    afterDelete: forget,
    afterDeleteMany: forget,
  });
};
