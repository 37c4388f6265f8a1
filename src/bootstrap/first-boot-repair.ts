import type { Core } from '@strapi/strapi';

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
    const admins = await strapi.db.query('admin::user').count();
    const users = await strapi.db.query('plugin::users-permissions.user').count();
    if (admins === 0 && users === 0) {
      const adminRoles = (await strapi.db.query('admin::role').findMany({ select: ['id'] })) as { id: number }[];
      const roleIds = adminRoles.map((r) => r.id);
      await strapi.db.query('admin::permission').deleteMany({ where: { role: { id: { $in: roleIds } } } });
      await strapi.db.query('admin::role').deleteMany({ where: { id: { $in: roleIds } } });
      const roles = strapi.service('admin::role') as unknown as AdminRoleService;
      await roles.createRolesIfNoneExist();
      await roles.resetSuperAdminPermissions();
      // As Strapi's bootstrap does after them: drops the defaults the registered actions do not allow
      // (e.g. delete and publish with a locale property); the next boot would drop them otherwise.
      await (strapi.service('admin::permission') as unknown as AdminPermissionService).cleanPermissionsInDatabase();

      await strapi.db.query('plugin::users-permissions.permission').deleteMany({});
      await strapi.db.query('plugin::users-permissions.role').deleteMany({});
      await (
        strapi.plugin('users-permissions').service('users-permissions') as unknown as UsersPermissionsService
      ).initialize();
    }
    await store.set({ key: MARK.key, value: true });
  });
};
