import type { Core } from '@strapi/strapi';
import { NEWSROOM_UIDS } from '../lib/uids';

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

/** What an anonymous reader may do: read the published newsroom content, nothing else. */
export const PUBLIC_ACTIONS: readonly string[] = NEWSROOM_UIDS.flatMap((uid) => [`${uid}.find`, `${uid}.findOne`]);

/**
 * Makes the Public role's permissions on the newsroom types exactly
 * `find`/`findOne`: grants the missing ones and revokes any write an operator
 * or an older version may have granted. Idempotent.
 */
export const ensurePublicPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const role = await strapi.db.query(ROLE_UID).findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions: the Public role is missing');

  const newsroomPrefixes = NEWSROOM_UIDS.map((uid) => `${uid}.`);
  const granted: { id: number; action: string }[] = await strapi.db
    .query(PERMISSION_UID)
    .findMany({ select: ['id', 'action'], where: { role: role.id } });

  const stray = granted.filter(
    (p) => newsroomPrefixes.some((prefix) => p.action.startsWith(prefix)) && !PUBLIC_ACTIONS.includes(p.action),
  );
  if (stray.length > 0) {
    await strapi.db.query(PERMISSION_UID).deleteMany({ where: { id: { $in: stray.map((p) => p.id) } } });
    strapi.log.warn(`[permissions] revoked public ${stray.map((p) => p.action).join(', ')}`);
  }

  const have = new Set(granted.map((p) => p.action));
  for (const action of PUBLIC_ACTIONS.filter((a) => !have.has(a))) {
    await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
  }
};
