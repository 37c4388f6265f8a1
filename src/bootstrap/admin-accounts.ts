import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';

export const SUPER_ADMIN_ROLE_CODE = 'strapi-super-admin';
export const EDITOR_ROLE_CODE = 'strapi-editor';
/** Strapi's Author role, fitted to reporters by src/bootstrap/reporter-permissions.ts. */
export const AUTHOR_ROLE_CODE = 'strapi-author';

type AdminRole = { id: number; code: string };
type AdminUser = { id: number; email: string };
type UserService = {
  findOneByEmail(email: string): Promise<AdminUser | null>;
  create(attributes: Record<string, unknown>): Promise<AdminUser>;
};
type RoleService = { findOne(params: { code: string }): Promise<AdminRole | null> };

export type AccountSpec = {
  label: 'super admin' | 'editor' | 'reporter';
  roleCode: string;
  emailVar: string;
  passwordVar: string;
  firstname: string;
};

export const ACCOUNTS: readonly AccountSpec[] = [
  {
    label: 'super admin',
    roleCode: SUPER_ADMIN_ROLE_CODE,
    emailVar: 'ADMIN_EMAIL',
    passwordVar: 'ADMIN_PASSWORD',
    firstname: 'Admin',
  },
  {
    label: 'editor',
    roleCode: EDITOR_ROLE_CODE,
    emailVar: 'EDITOR_EMAIL',
    passwordVar: 'EDITOR_PASSWORD',
    firstname: 'Editor',
  },
  {
    label: 'reporter',
    roleCode: AUTHOR_ROLE_CODE,
    emailVar: 'REPORTER_EMAIL',
    passwordVar: 'REPORTER_PASSWORD',
    firstname: 'Reporter',
  },
];

/**
 * Strapi's own rules for an admin password (admin validation/common-validators):
 * 8 characters or more, at most 72 bytes, a lowercase and an uppercase letter and a digit.
 * Returns what is wrong, or null.
 */
export const passwordProblem = (password: string): string | null => {
  if (password.length < 8) return 'must be at least 8 characters';
  if (Buffer.byteLength(password, 'utf8') > 72) return 'must be at most 72 bytes';
  if (!/[a-z]/.test(password)) return 'must contain a lowercase letter';
  if (!/[A-Z]/.test(password)) return 'must contain an uppercase letter';
  if (!/\d/.test(password)) return 'must contain a digit';
  return null;
};

/** A random password that meets Strapi's rules (same recipe as scripts/env.mjs). */
export const randomPassword = (): string => {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url');
    if (passwordProblem(candidate) === null) return candidate;
  }
};

/** What the store remembers, so an account an operator deleted is not created again. */
const STORE = { type: 'core' as const, name: 'newsroom', key: 'admin-accounts' };
type Remembered = { created: string[] };

/**
 * First-setup accounts: a super admin (ADMIN_EMAIL / ADMIN_PASSWORD), an
 * editor with Strapi's built-in Editor role (EDITOR_EMAIL / EDITOR_PASSWORD)
 * and a reporter with its Author role (REPORTER_EMAIL / REPORTER_PASSWORD).
 *
 * - An account is created only when its e-mail is set and no admin user has
 *   that e-mail; existing users are never changed (password, role, name).
 * - An account this function created once is not created again after someone
 *   deleted it (remembered in Strapi's core store).
 * - A missing password: in development one is generated and printed once (the
 *   account is created once); in production nothing is created.
 * - A password that breaks Strapi's rules stops the boot with a message.
 */
/** The account variables, from the settings (src/config/settings.ts `accounts`). */
export type AccountEnv = Readonly<Record<string, string | undefined>>;

export const ensureAdminAccounts = async (strapi: Core.Strapi, env: AccountEnv): Promise<void> => {
  const production = env.NODE_ENV === 'production';
  const users = strapi.service('admin::user') as unknown as UserService;
  const roles = strapi.service('admin::role') as unknown as RoleService;
  const store = strapi.store(STORE);
  const remembered = ((await store.get({})) as Remembered | null) ?? { created: [] };

  for (const spec of ACCOUNTS) {
    const email = env[spec.emailVar]?.trim().toLowerCase();
    if (!email) continue;
    if (await users.findOneByEmail(email)) continue;
    if (remembered.created.includes(email)) {
      strapi.log.info(
        `[accounts] ${spec.label} ${email} was created at first setup and later removed: not created again`,
      );
      continue;
    }

    let password = env[spec.passwordVar];
    let generated = false;
    if (!password) {
      if (production) {
        strapi.log.warn(
          `[accounts] ${spec.emailVar} is set but ${spec.passwordVar} is not: no ${spec.label} created (production)`,
        );
        continue;
      }
      password = randomPassword();
      generated = true;
    }
    const problem = passwordProblem(password);
    if (problem) throw new Error(`[accounts] ${spec.passwordVar} ${problem} (Strapi's admin password rules)`);

    const role = await roles.findOne({ code: spec.roleCode });
    if (!role) throw new Error(`[accounts] Strapi's role ${spec.roleCode} is missing`);
    // One transaction: Strapi writes the user row and its role link as two statements, and a boot killed
    // between them would leave a user with no role, which the next boot finds by e-mail and keeps.
    await strapi.db.transaction(async () => {
      await users.create({
        email,
        firstname: spec.firstname,
        lastname: '',
        password,
        isActive: true,
        registrationToken: null,
        roles: [role.id],
      });
      await store.set({ value: { created: [...remembered.created, email] } });
    });
    remembered.created.push(email);
    strapi.log.info(
      generated
        ? `[accounts] created ${spec.label} ${email} with the generated password ${password} (shown once; set ${spec.passwordVar} to choose one)`
        : `[accounts] created ${spec.label} ${email} (password from ${spec.passwordVar})`,
    );
  }
};
