import type { Core } from '@strapi/strapi';
import { LOCALE_CODES } from '../lib/locales';
import { NEWSROOM_UIDS } from '../lib/uids';
import { EDITOR_ROLE_CODE } from './admin-accounts';
import { adminRoleServices, sameSet, type AdminPermission as Permission } from './admin-role-services';

/** What an editor does with the newsroom's content, in every field and both locales. */
export const EDITOR_CONTENT_ACTIONS = ['create', 'read', 'update', 'delete', 'publish'].map(
  (a) => `plugin::content-manager.explorer.${a}`,
);

/** The media library: Strapi's own default set for its Editor role. */
export const EDITOR_UPLOAD_ACTIONS = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

/**
 * What the newsroom wants of one of Strapi's admin roles: content-manager
 * actions on the newsroom types (every field, both locales) with the given
 * conditions, plugin permissions, and nothing in the "settings" section.
 * Strapi's Author role (reporters) is fitted by reporter-permissions.ts instead: it needs
 * conditions and field exclusions per grant, and exactly its grants (this fit leaves others alone).
 */
export type AdminRoleFit = {
  /** Strapi's role code (`strapi-editor`, `strapi-author`, …). */
  roleCode: string;
  /** Its name in log lines. */
  label: string;
  contentActions: readonly string[];
  /** Conditions on every content permission (e.g. `admin::is-creator`); none for the Editor. */
  contentConditions: readonly string[];
  pluginPermissions: readonly { action: string; conditions: readonly string[] }[];
};

export const EDITOR_FIT: AdminRoleFit = {
  roleCode: EDITOR_ROLE_CODE,
  label: 'Editor',
  contentActions: EDITOR_CONTENT_ACTIONS,
  contentConditions: [],
  pluginPermissions: EDITOR_UPLOAD_ACTIONS.map((action) => ({ action, conditions: [] })),
};

/**
 * Makes one of Strapi's admin roles fit the newsroom, at every boot:
 *
 * - its content actions on articles, authors, tags and related links, every
 *   field, both locales. Strapi gives its roles their content permissions when
 *   it creates them, before our `id` locale or a field added later exist; a
 *   permission that lacks a field or a locale, or has other conditions, is replaced.
 * - its plugin permissions (the media library).
 * - nothing in the "settings" section (users, roles, API tokens, webhooks,
 *   locales…): such a permission, if someone granted it, is revoked.
 *
 * Other permissions of the role (e.g. site settings) are left as they are.
 * All or nothing, in one transaction: Strapi writes a permission and its role
 * link as two statements, and a boot killed between them would leave a
 * permission no role holds (src/bootstrap/permission-orphans.ts sweeps those).
 */
export const fitAdminRole = async (strapi: Core.Strapi, fit: AdminRoleFit): Promise<void> => {
  const { roles, permissions, contentTypes } = adminRoleServices(strapi);

  const role = await roles.findOne({ code: fit.roleCode });
  if (!role) {
    strapi.log.warn(
      `[permissions] Strapi's ${fit.label} role (${fit.roleCode}) is missing: ${fit.label.toLowerCase()} permissions not set`,
    );
    return;
  }

  const actions = permissions.actionProvider
    .values()
    .filter((a) => fit.contentActions.includes(a.actionId))
    .map((a) => ({
      ...a,
      subjects: (a.subjects ?? []).filter((s) => (NEWSROOM_UIDS as readonly string[]).includes(s)),
    }));
  const wanted: Permission[] = [
    ...contentTypes.getPermissionsWithNestedFields(actions).map((p) => ({
      action: p.action,
      subject: p.subject,
      properties: { ...p.properties, locales: [...LOCALE_CODES] },
      conditions: [...fit.contentConditions],
    })),
    ...fit.pluginPermissions.map(({ action, conditions }) => ({
      action,
      subject: null,
      properties: {},
      conditions: [...conditions],
    })),
  ];

  await strapi.db.transaction(async () => {
    const existing = await permissions.findMany({ where: { role: { id: role.id } } });
    const toDelete: number[] = [];
    const toAdd: Permission[] = [];

    for (const want of wanted) {
      const have = existing.filter((p) => p.action === want.action && (p.subject ?? null) === want.subject);
      const complete = have.find(
        (p) =>
          sameSet(p.conditions, want.conditions) &&
          (want.properties?.fields === undefined ||
            (want.properties.fields ?? []).every((f) => p.properties?.fields?.includes(f))) &&
          (want.properties?.locales === undefined || sameSet(p.properties?.locales, want.properties.locales)),
      );
      if (complete) continue;
      toDelete.push(...have.map((p) => p.id as number));
      toAdd.push(want);
    }

    const settingsActions = new Set(
      permissions.actionProvider
        .values()
        .filter((a) => a.section === 'settings')
        .map((a) => a.actionId),
    );
    const forbidden = existing.filter((p) => settingsActions.has(p.action));
    toDelete.push(...forbidden.map((p) => p.id as number));

    if (toDelete.length > 0) await permissions.deleteByIds(toDelete);
    if (toAdd.length > 0) await roles.addPermissions(role.id, toAdd);
    if (forbidden.length > 0) {
      strapi.log.warn(`[permissions] revoked from the ${fit.label} role: ${forbidden.map((p) => p.action).join(', ')}`);
    }
    if (toAdd.length > 0) strapi.log.info(`[permissions] ${fit.label} role: ${toAdd.length} permission(s) set`);
  });
};

/** Strapi's built-in Editor role: every content action on the newsroom types, the media library, no settings. */
export const ensureEditorPermissions = (strapi: Core.Strapi): Promise<void> => fitAdminRole(strapi, EDITOR_FIT);
