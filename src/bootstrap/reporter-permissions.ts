import type { Core } from '@strapi/strapi';
import { LOCALE_CODES } from '../lib/locales';
import { ARTICLE_UID, AUTHOR_UID, RELATED_LINK_UID, TAG_UID } from '../lib/uids';
import { SCHEDULE_FIELDS } from '../api/article/document-middlewares/schedule-rules';
import { AUTHOR_ROLE_CODE } from './admin-accounts';
import { adminRoleServices, sameSet, type AdminPermission as Permission } from './admin-role-services';

/** Strapi's built-in Author role: the newsroom's reporters. */
export const REPORTER_ROLE_CODE = AUTHOR_ROLE_CODE;
export const IS_CREATOR = 'admin::is-creator';

const explorer = (action: string): string => `plugin::content-manager.explorer.${action}`;

/**
 * What a reporter may do, per action and content type. `own`: only on
 * documents the reporter created (Strapi's is-creator condition); `schedule`:
 * false leaves publishAt/unpublishAt out of the permitted fields, so Strapi
 * refuses (403) a write that carries them and the edit view shows them read-only.
 */
type Grant = { action: string; subject: string; own: boolean; schedule: boolean };

export const REPORTER_GRANTS: readonly Grant[] = [
  { action: explorer('create'), subject: ARTICLE_UID, own: false, schedule: false },
  { action: explorer('read'), subject: ARTICLE_UID, own: true, schedule: true },
  { action: explorer('update'), subject: ARTICLE_UID, own: true, schedule: false },
  // Links for the "read also" box and "Berita Terkait": their own.
  { action: explorer('create'), subject: RELATED_LINK_UID, own: false, schedule: true },
  { action: explorer('read'), subject: RELATED_LINK_UID, own: false, schedule: true },
  { action: explorer('update'), subject: RELATED_LINK_UID, own: true, schedule: true },
  // The byline and tags are chosen, not made, by a reporter.
  { action: explorer('read'), subject: AUTHOR_UID, own: false, schedule: true },
  { action: explorer('read'), subject: TAG_UID, own: false, schedule: true },
];

/** The media library: every image may be picked (agency photos), only one's own edited. */
export const REPORTER_UPLOAD_GRANTS: readonly { action: string; own: boolean }[] = [
  { action: 'plugin::upload.read', own: false },
  { action: 'plugin::upload.configure-view', own: false },
  { action: 'plugin::upload.assets.create', own: false },
  { action: 'plugin::upload.assets.update', own: true },
  { action: 'plugin::upload.assets.download', own: false },
  { action: 'plugin::upload.assets.copy-link', own: false },
];

const samePermission = (have: Permission, want: Permission): boolean =>
  have.action === want.action &&
  (have.subject ?? null) === (want.subject ?? null) &&
  sameSet(have.conditions, want.conditions) &&
  (want.properties?.fields === undefined || sameSet(have.properties?.fields, want.properties.fields)) &&
  (want.properties?.locales === undefined || sameSet(have.properties?.locales, want.properties.locales));

/** The role's permissions as they must be: REPORTER_GRANTS with every field Strapi knows, both locales. */
const wantedPermissions = (strapi: Core.Strapi): Permission[] => {
  const { permissions, contentTypes } = adminRoleServices(strapi);
  const actions = permissions.actionProvider.values();
  const content = REPORTER_GRANTS.map((grant) => {
    const action = actions.find((a) => a.actionId === grant.action);
    if (!action) throw new Error(`[permissions] Strapi has no action ${grant.action}`);
    const [nested] = contentTypes.getPermissionsWithNestedFields([{ ...action, subjects: [grant.subject] }]);
    const fields = (nested?.properties?.fields ?? []).filter(
      (f) => grant.schedule || !(SCHEDULE_FIELDS as readonly string[]).includes(f),
    );
    return {
      action: grant.action,
      subject: grant.subject,
      properties: { fields, locales: [...LOCALE_CODES] },
      conditions: grant.own ? [IS_CREATOR] : [],
    };
  });
  const upload = REPORTER_UPLOAD_GRANTS.map((g) => ({
    action: g.action,
    subject: null,
    properties: {},
    conditions: g.own ? [IS_CREATOR] : [],
  }));
  return [...content, ...upload];
};

/**
 * Fits Strapi's built-in Author role to the newsroom's reporters at every
 * boot (a sibling of editor-permissions.ts): reporters write and translate
 * their own drafts and upload media; they cannot publish, unpublish, delete
 * or schedule, nor open anyone else's article. The role then holds exactly
 * REPORTER_GRANTS and REPORTER_UPLOAD_GRANTS: anything else (Strapi's own
 * publish/delete defaults, a grant someone added in Settings) is revoked.
 */
export const ensureReporterPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const { roles, permissions } = adminRoleServices(strapi);
  const role = await roles.findOne({ code: REPORTER_ROLE_CODE });
  if (!role) {
    strapi.log.warn(
      `[permissions] Strapi's Author role (${REPORTER_ROLE_CODE}) is missing: reporter permissions not set`,
    );
    return;
  }
  const wanted = wantedPermissions(strapi);
  // All or nothing, like the Editor's fit: a permission and its role link are two statements in Strapi.
  await strapi.db.transaction(async () => {
    const existing = await permissions.findMany({ where: { role: { id: role.id } } });
    const kept = new Set<number>();
    const toAdd: Permission[] = [];
    for (const want of wanted) {
      const match = existing.find((p) => p.id !== undefined && !kept.has(p.id) && samePermission(p, want));
      if (match?.id !== undefined) kept.add(match.id);
      else toAdd.push(want);
    }
    const toDelete = existing.filter((p) => p.id !== undefined && !kept.has(p.id)).map((p) => p.id as number);
    if (toDelete.length > 0) await permissions.deleteByIds(toDelete);
    if (toAdd.length > 0) await roles.addPermissions(role.id, toAdd);
    if (toDelete.length > 0 || toAdd.length > 0) {
      strapi.log.info(`[permissions] Author (reporter) role: ${toAdd.length} set, ${toDelete.length} revoked`);
    }
  });
};
