import type { Core } from '@strapi/strapi';
import { LOCALE_CODES } from '../lib/locales';
import { NEWSROOM_UIDS } from '../lib/uids';
import { EDITOR_ROLE_CODE } from './admin-accounts';

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

type Permission = {
  id?: number;
  action: string;
  subject?: string | null;
  properties?: { fields?: string[]; locales?: string[] };
  conditions?: string[];
};
type Action = { actionId: string; section: string; subjects?: string[] };
type PermissionService = {
  findMany(params: { where: Record<string, unknown> }): Promise<Permission[]>;
  deleteByIds(ids: number[]): Promise<void>;
  actionProvider: { values(): Action[]; get(id: string): Action | undefined };
};
type RoleService = {
  findOne(params: { code: string }): Promise<{ id: number } | null>;
  addPermissions(roleId: number, permissions: Permission[]): Promise<unknown>;
};
type ContentTypeService = {
  getPermissionsWithNestedFields(actions: Action[], options?: Record<string, unknown>): Permission[];
};

const sameSet = (a: readonly string[] = [], b: readonly string[] = []): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * Makes Strapi's built-in Editor role fit the newsroom, at every boot:
 *
 * - create/read/update/delete/publish on articles, authors, tags and related
 *   links, every field, both locales. Strapi gives the role its content
 *   permissions when it creates the role, before our `id` locale or a field
 *   added later exist; a permission that lacks a field or a locale is replaced.
 * - the media library (upload, edit, read).
 * - nothing in the "settings" section (users, roles, API tokens, webhooks,
 *   locales…): such a permission, if someone granted it, is revoked.
 *
 * Other permissions of the role (e.g. site settings) are left as they are.
 */
export const ensureEditorPermissions = async (strapi: Core.Strapi): Promise<void> => {
  const roles = strapi.service('admin::role') as unknown as RoleService;
  const permissions = strapi.service('admin::permission') as unknown as PermissionService;
  const contentTypes = strapi.service('admin::content-type') as unknown as ContentTypeService;

  const role = await roles.findOne({ code: EDITOR_ROLE_CODE });
  if (!role) {
    strapi.log.warn(`[permissions] Strapi's Editor role (${EDITOR_ROLE_CODE}) is missing: editor permissions not set`);
    return;
  }

  const actions = permissions.actionProvider
    .values()
    .filter((a) => EDITOR_CONTENT_ACTIONS.includes(a.actionId))
    .map((a) => ({
      ...a,
      subjects: (a.subjects ?? []).filter((s) => (NEWSROOM_UIDS as readonly string[]).includes(s)),
    }));
  const wanted: Permission[] = [
    ...contentTypes.getPermissionsWithNestedFields(actions).map((p) => ({
      action: p.action,
      subject: p.subject,
      properties: { ...p.properties, locales: [...LOCALE_CODES] },
      conditions: [],
    })),
    ...EDITOR_UPLOAD_ACTIONS.map((action) => ({ action, subject: null, properties: {}, conditions: [] })),
  ];

  const existing = await permissions.findMany({ where: { role: { id: role.id } } });
  const toDelete: number[] = [];
  const toAdd: Permission[] = [];

  for (const want of wanted) {
    const have = existing.filter((p) => p.action === want.action && (p.subject ?? null) === want.subject);
    const complete = have.find(
      (p) =>
        (p.conditions ?? []).length === 0 &&
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
    strapi.log.warn(`[permissions] revoked from the Editor role: ${forbidden.map((p) => p.action).join(', ')}`);
  }
  if (toAdd.length > 0) strapi.log.info(`[permissions] Editor role: ${toAdd.length} permission(s) set`);
};
