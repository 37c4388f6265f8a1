import type { Core } from '@strapi/strapi';
import {
  ADMIN_PERMISSION_UID,
  ADMIN_ROLE_UID,
  ADMIN_USER_UID,
  API_TOKEN_UID,
  UP_PERMISSION_UID,
  UP_ROLE_UID,
  UP_USER_UID,
} from '../lib/uids';

/**
 * Completes Strapi's own first-boot set-up when a first boot was killed half-way.
 *
 * On an empty database Strapi creates the admin roles (Super Admin, Editor,
 * Author) and then their permissions, the users-permissions roles (Public,
 * Authenticated) and then their default permissions, and two default API
 * tokens — as separate writes, and only when no role (no token) exists yet. A
 * process killed in between (found by tests/int/seed-crash.test.ts: `npm run
 * seed` killed during its first boot on PostgreSQL left the Editor and Author
 * roles with 12 permissions missing) leaves them incomplete for good, since
 * later boots see that roles exist.
 *
 * So the first boot that gets this far (Strapi's bootstraps done) and finds no
 * mark of a completed first boot, on a database that has no admin and no
 * users-permissions user yet (nobody can have configured a role or seen a
 * token), replaces both role sets with Strapi's defaults, made by Strapi's own
 * services, creates a default API token that is missing, and sets the mark —
 * all in one transaction, so the repair itself is crash-safe. Once the mark is
 * set this does nothing; content is never touched.
 */
const MARK = { type: 'plugin', name: 'newsroom', key: 'first_boot_complete' } as const;

type AdminRoleService = { createRolesIfNoneExist(): Promise<void>; resetSuperAdminPermissions(): Promise<void> };
type AdminPermissionService = { cleanPermissionsInDatabase(): Promise<void> };
type UsersPermissionsService = { initialize(): Promise<void> };
type ApiTokenService = { create(attributes: Record<string, unknown>): Promise<unknown> };

/** Strapi 5.54's default API tokens (@strapi/admin server/src/services/constants.js `DEFAULT_API_TOKENS`). */
const DEFAULT_API_TOKENS = [
  {
    name: 'Read Only',
    description: 'A default API token with read-only permissions, only used for accessing resources',
    type: 'read-only',
    lifespan: null,
  },
  {
    name: 'Full Access',
    description: 'A default API token with full access permissions, used for accessing or modifying resources',
    type: 'full-access',
    lifespan: null,
  },
] as const;

export const completeFirstBoot = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: MARK.type, name: MARK.name });
  if (await store.get({ key: MARK.key })) return;
  await strapi.db.transaction(async () => {
    const admins = await strapi.db.query(ADMIN_USER_UID).count();
    const users = await strapi.db.query(UP_USER_UID).count();
    if (admins === 0 && users === 0) {
      // Every permission, those with no role link too: a kill between a permission's row and its link leaves one.
      await strapi.db.query(ADMIN_PERMISSION_UID).deleteMany({});
      await strapi.db.query(ADMIN_ROLE_UID).deleteMany({});
      const roles = strapi.service('admin::role') as unknown as AdminRoleService;
      await roles.createRolesIfNoneExist();
      await roles.resetSuperAdminPermissions();
      // As Strapi's bootstrap does after them: drops the defaults the registered actions do not allow
      // (e.g. delete and publish with a locale property); the next boot would drop them otherwise.
      await (strapi.service('admin::permission') as unknown as AdminPermissionService).cleanPermissionsInDatabase();

      await strapi.db.query(UP_PERMISSION_UID).deleteMany({});
      await strapi.db.query(UP_ROLE_UID).deleteMany({});
      await (
        strapi.plugin('users-permissions').service('users-permissions') as unknown as UsersPermissionsService
      ).initialize();

      // Made one after the other by the admin's bootstrap, and only while no token exists: a kill between leaves one.
      const tokens = strapi.service('admin::api-token-content-api') as unknown as ApiTokenService;
      for (const token of DEFAULT_API_TOKENS) {
        if (!(await strapi.db.query(API_TOKEN_UID).findOne({ where: { name: token.name } }))) {
          await tokens.create({ ...token });
        }
      }
    }
    await store.set({ key: MARK.key, value: true });
  });
};
