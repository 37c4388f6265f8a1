import type { Core } from '@strapi/strapi';
import { UP_PERMISSION_UID, UP_ROLE_UID } from '../lib/uids';
import { ACCESS_POLICY, ROLE_TYPES, governedPrefixes, grantedActions, type RolePolicy } from './policy';

type Permission = { id: number; action: string };

/**
 * Makes the permissions of the users-permissions role of type `roleType` on the
 * governed types exactly `policy` (by default its row of ACCESS_POLICY): grants
 * the missing actions and revokes any other action on those types that an
 * operator or an older version granted. Permissions on other types and
 * users-permissions' own routes are left alone. Idempotent.
 *
 * All or nothing: users-permissions writes a permission row and its role link as
 * two statements, so a process killed between them leaves a permission that no
 * role holds (tests/int/seed-crash.test.ts found one on PostgreSQL). In one
 * transaction a kill leaves the role as it was, and the next boot syncs it again.
 */
export const syncRolePermissions = async (
  strapi: Core.Strapi,
  roleType: string,
  policy: RolePolicy | undefined = (ACCESS_POLICY as Readonly<Record<string, RolePolicy>>)[roleType],
): Promise<void> => {
  if (!policy) throw new Error(`access policy: no row for the role type "${roleType}"`);
  const wanted = grantedActions(policy);
  const prefixes = governedPrefixes(policy);

  await strapi.db.transaction(async () => {
    const role = (await strapi.db.query(UP_ROLE_UID).findOne({ where: { type: roleType } })) as { id: number } | null;
    if (!role) throw new Error(`users-permissions: the role of type "${roleType}" is missing`);

    const granted = (await strapi.db
      .query(UP_PERMISSION_UID)
      .findMany({ select: ['id', 'action'], where: { role: role.id } })) as Permission[];

    const stray = granted.filter(
      (p) => prefixes.some((prefix) => p.action.startsWith(prefix)) && !wanted.includes(p.action),
    );
    if (stray.length > 0) {
      await strapi.db.query(UP_PERMISSION_UID).deleteMany({ where: { id: { $in: stray.map((p) => p.id) } } });
      strapi.log.warn(`[permissions] revoked ${roleType} ${stray.map((p) => p.action).join(', ')}`);
    }

    const have = new Set(granted.map((p) => p.action));
    for (const action of wanted.filter((a) => !have.has(a))) {
      await strapi.db.query(UP_PERMISSION_UID).create({ data: { action, role: role.id } });
    }
  });
};

/** Applies every row of the access policy (Public, Authenticated, and any role type added to it). */
export const applyAccessPolicy = async (strapi: Core.Strapi): Promise<void> => {
  for (const roleType of ROLE_TYPES) await syncRolePermissions(strapi, roleType);
};
