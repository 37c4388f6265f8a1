import type { Core } from '@strapi/strapi';

/**
 * The admin services the boot's role fits use (src/bootstrap/editor-permissions.ts
 * for the Editor, reporter-permissions.ts for the Author role), typed once:
 * Strapi 5.54 ships them untyped.
 */
export type AdminPermission = {
  id?: number;
  action: string;
  subject?: string | null;
  properties?: { fields?: string[]; locales?: string[] };
  conditions?: string[];
};
export type AdminAction = { actionId: string; section: string; subjects?: string[] };

type PermissionService = {
  findMany(params: { where: Record<string, unknown> }): Promise<AdminPermission[]>;
  deleteByIds(ids: number[]): Promise<void>;
  actionProvider: { values(): AdminAction[]; get(id: string): AdminAction | undefined };
};
type RoleService = {
  findOne(params: { code: string }): Promise<{ id: number } | null>;
  addPermissions(roleId: number, permissions: AdminPermission[]): Promise<unknown>;
};
type ContentTypeService = {
  getPermissionsWithNestedFields(actions: AdminAction[], options?: Record<string, unknown>): AdminPermission[];
};

export const adminRoleServices = (strapi: Core.Strapi) => ({
  roles: strapi.service('admin::role') as unknown as RoleService,
  permissions: strapi.service('admin::permission') as unknown as PermissionService,
  contentTypes: strapi.service('admin::content-type') as unknown as ContentTypeService,
});

/** The same members, in any order (conditions, fields, locales of a permission). */
export const sameSet = (a: readonly string[] = [], b: readonly string[] = []): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));
