import { ARTICLE_UID, AUTHOR_UID, RELATED_LINK_UID, SITE_SETTING_UID, TAG_UID, type NewsroomUid } from '../lib/uids';

/**
 * Who may do what through the content API, as data: the README's policy table
 * ("Access" → "Policy") for the users-permissions roles. For each role type, the
 * controller actions it gets on each type the policy governs; an action not
 * listed is refused (403). API tokens are Strapi's own token types and not in
 * this table; editors use the admin panel's roles (src/bootstrap/editor-permissions.ts).
 *
 * `syncRolePermissions()` (src/access/sync-role-permissions.ts) makes a role's
 * permissions on the governed types exactly its row here, at every boot. Its
 * other permissions (users-permissions' own account routes: `auth.*`, `user.me`…)
 * are Strapi's and left alone.
 */

/** The content types the policy governs: the newsroom's types and the site settings. */
export type GovernedUid = NewsroomUid | typeof SITE_SETTING_UID;

/** The actions of Strapi's core controllers (collection types: all five; single types: find, update, delete). */
export type ContentAction = 'find' | 'findOne' | 'create' | 'update' | 'delete';

export type RolePolicy = Readonly<Record<GovernedUid, readonly ContentAction[]>>;

/** A reader reads the published content and the site settings, and writes nothing. */
const READER: RolePolicy = {
  [ARTICLE_UID]: ['find', 'findOne'],
  [AUTHOR_UID]: ['find', 'findOne'],
  [TAG_UID]: ['find', 'findOne'],
  [RELATED_LINK_UID]: ['find', 'findOne'],
  [SITE_SETTING_UID]: ['find'],
};

/**
 * The users-permissions role types (`up_roles.type`) and their rows. Public is
 * anonymous; Authenticated is a site account (a JWT), which adds nothing but its
 * own profile (`/api/users/me`, Strapi's default permission of that role).
 * A role added later gets a row here and is synced by the same function.
 */
export const ACCESS_POLICY = {
  public: READER,
  authenticated: READER,
} as const satisfies Record<string, RolePolicy>;

export type RoleType = keyof typeof ACCESS_POLICY;

export const ROLE_TYPES = Object.keys(ACCESS_POLICY) as RoleType[];

/** A policy row as users-permissions action names (`api::article.article.find`, …). */
export const grantedActions = (policy: RolePolicy): string[] =>
  Object.entries(policy).flatMap(([uid, actions]) => actions.map((action) => `${uid}.${action}`));

/** The action-name prefixes of the governed types (`api::article.article.`, …). */
export const governedPrefixes = (policy: RolePolicy): string[] => Object.keys(policy).map((uid) => `${uid}.`);
