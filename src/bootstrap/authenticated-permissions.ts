import type { Core } from '@strapi/strapi';
import { NEWSROOM_UIDS, SITE_SETTING_UID } from '../lib/uids';
import { PUBLIC_ACTIONS } from './public-permissions';
import { SITE_SETTING_PUBLIC_ACTIONS } from './site-settings';

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

/**
 * A signed-in site user (users-permissions JWT, e.g. a reader's account)
 * reads exactly what an anonymous reader reads: the published newsroom
 * content and the site settings, nothing more. Editors work in the admin
 * panel; programs write with an API token. This makes the Authenticated
 * role's permissions on the newsroom types exactly the Public role's and
 * revokes any other (write) permission found on them. The role's own
 * account actions (`me`, …) are left alone. Idempotent.
 */
export const AUTHENTICATED_ACTIONS: readonly string[] = [...PUBLIC_ACTIONS, ...SITE_SETTING_PUBLIC_ACTIONS];

export const ensureAuthenticatedPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const role = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'authenticated' } });
  if (!role) throw new Error('users-permissions: the Authenticated role is missing');

  const prefixes = [...NEWSROOM_UIDS, SITE_SETTING_UID].map((uid) => `${uid}.`);
  const granted: { id: number; action: string }[] = await strapi.db
    .query(PERMISSION_UID)
    .findMany({ select: ['id', 'action'], where: { role: role.id } });

  const stray = granted.filter(
    (p) => prefixes.some((prefix) => p.action.startsWith(prefix)) && !AUTHENTICATED_ACTIONS.includes(p.action),
  );
  if (stray.length > 0) {
    await strapi.db.query(PERMISSION_UID).deleteMany({ where: { id: { $in: stray.map((p) => p.id) } } });
    strapi.log.warn(`[permissions] revoked authenticated ${stray.map((p) => p.action).join(', ')}`);
  }

  const have = new Set(granted.map((p) => p.action));
  for (const action of AUTHENTICATED_ACTIONS.filter((a) => !have.has(a))) {
    await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
  }
};
