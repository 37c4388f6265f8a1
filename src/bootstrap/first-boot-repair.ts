import type { Core } from '@strapi/strapi';
import {
  ADMIN_PERMISSION_UID,
  ADMIN_ROLE_UID,
  ADMIN_USER_UID,
  UP_PERMISSION_UID,
  UP_ROLE_UID,
  UP_USER_UID,
} from '../lib/uids';

/**
 * Completes Strapi's own first-boot set-up when a first boot was killed half-way.
 *
 * On an empty database Strapi creates the admin roles (Super Admin, Editor,
 * Author) and then their permissions, and the users-permissions roles (Public,
 * Authenticated) and then their default permissions — as separate writes, and
 * only when no role exists yet. A process killed in between (found by
 * tests/int/seed-crash.test.ts: `npm run seed` killed during its first boot on
 * PostgreSQL left the Editor and Author roles with 12 permissions missing) leaves
 * the roles incomplete for good, since later boots see that roles exist.
 *
 * So the first boot that gets this far (Strapi's bootstraps done) and finds no
 * mark of a completed first boot, on a database that has no admin and no
 * users-permissions user yet (nobody can have configured a role), replaces both
 * role sets with Strapi's defaults, made by Strapi's own services, and sets the
 * mark — all in one transaction, so the repair itself is crash-safe. Once the
 * mark is set this does nothing; content is never touched.
 */
const MARK = { type: 'plugin', name: 'newsroom', key: 'first_boot_complete' } as const;

type AdminRoleService = { createRolesIfNoneExist(): Promise<void>; resetSuperAdminPermissions(): Promise<void> };
type AdminPermissionService = { cleanPermissionsInDatabase(): Promise<void> };
type UsersPermissionsService = { initialize(): Promise<void> };

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
    }
    await store.set({ key: MARK.key, value: true });
  });
};
