import type { Core } from '@strapi/strapi';
import { ADMIN_PERMISSION_UID, UP_PERMISSION_UID } from '../lib/uids';

/**
 * Deletes the permissions that no role holds, users-permissions' and the admin's.
 *
 * Strapi's entity manager creates a row and then, in a second statement, its
 * relation links (@strapi/database `create()`: the insert, then
 * `attachRelations` in its own transaction). A process killed between the two
 * leaves a permission with no role link: invisible in the admin panel, never
 * repaired by Strapi, which only looks at a role's own permissions, and found by
 * tests/int/seed-crash.test.ts on PostgreSQL (32 `up_permissions` rows for 31
 * `up_permissions_role_lnk` links). Our own role syncs now write in
 * transactions, but Strapi's do not: users-permissions' `syncPermissions()` and
 * the admin's `resetSuperAdminPermissions()` run outside any at every boot, and
 * a database may still hold a row left by an older version. Such a row grants
 * nothing, so it is safe to delete; this runs at every boot, before the role
 * syncs, in one transaction. (Strapi's admin `cleanPermissionsInDatabase()` also
 * drops admin permissions with neither a role nor an API token, but it pages
 * with an offset while deleting, so it can skip some; this sweep does not.)
 */
export const removeOrphanPermissions = async (strapi: Core.Strapi): Promise<void> => {
  await strapi.db.transaction(async () => {
    // An admin permission may belong to an admin API token instead of a role (Strapi 5.5x): that one stays.
    const sweeps = [
      { uid: UP_PERMISSION_UID, where: { role: { id: { $null: true } } } },
      { uid: ADMIN_PERMISSION_UID, where: { role: { id: { $null: true } }, apiToken: { id: { $null: true } } } },
    ];
    for (const { uid, where } of sweeps) {
      const orphans = (await strapi.db.query(uid).findMany({ select: ['id', 'action'], where })) as {
        id: number;
        action: string;
      }[];
      if (orphans.length === 0) continue;
      await strapi.db.query(uid).deleteMany({ where: { id: { $in: orphans.map((p) => p.id) } } });
      strapi.log.warn(
        `[permissions] removed ${orphans.length} ${uid} row(s) that no role holds (left by an interrupted boot): ` +
          orphans.map((p) => p.action).join(', '),
      );
    }
  });
};
