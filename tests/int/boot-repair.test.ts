import { startStrapi, type TestApp } from '../helpers/strapi';
import {
  ADMIN_PERMISSION_UID,
  ADMIN_ROLE_UID,
  API_TOKEN_UID,
  ARTICLE_UID,
  SITE_SETTING_UID,
  TAG_UID,
  UP_PERMISSION_UID,
  UP_ROLE_UID,
} from '../../src/lib/uids';
import { removeOrphanPermissions } from '../../src/bootstrap/permission-orphans';

/**
 * A boot killed in the middle of its role and permission writes is repaired by
 * the next boot, completely. Strapi creates a permission's row and its role link
 * as two statements (and users-permissions creates its two roles one after the
 * other), so a SIGKILL between them leaves a permission that no role holds, a
 * role short of a permission, or a role set short of a role
 * (tests/int/seed-crash.test.ts found such an orphan on PostgreSQL). Here the
 * test writes those states itself, through Strapi's own query engine the way a
 * killed boot leaves them, restarts the CMS on the same database, and compares
 * every role's permissions with those of a boot that was never interrupted.
 * Runs on SQLite, and on PostgreSQL with TEST_DATABASE=postgres.
 */

// No first-setup accounts: a database with no admin user is one Strapi's first-boot repair may rebuild.
// All three are named: an earlier test file in this Jest process may have left one set (the reporter's).
const ENV = { ADMIN_EMAIL: '', EDITOR_EMAIL: '', REPORTER_EMAIL: '' };

let app: TestApp;

const sql = async <T extends object>(query: string): Promise<T[]> => {
  const result = (await app.strapi.db.connection.raw(query)) as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
};

type State = {
  counts: Record<string, number>;
  /** Permissions that no role holds. */
  orphans: { up: number; admin: number };
  /** `role type: action` of every users-permissions permission a role holds. */
  up: string[];
  /** `role code: action subject` of every admin permission a role holds. */
  admin: string[];
  /** The API tokens' names (Strapi makes two at first boot). */
  tokens: string[];
};

const state = async (): Promise<State> => {
  const count = async (table: string): Promise<number> =>
    Number((await sql<{ n: number | string }>(`select count(*) as n from ${table}`))[0]?.n);
  const counts: Record<string, number> = {};
  for (const table of [
    'up_roles',
    'up_permissions',
    'up_permissions_role_lnk',
    'admin_roles',
    'admin_permissions',
    'admin_permissions_role_lnk',
  ])
    counts[table] = await count(table);
  const orphanCount = async (table: string): Promise<number> =>
    Number(
      (
        await sql<{ n: number | string }>(
          `select count(*) as n from ${table} p
            where not exists (select 1 from ${table}_role_lnk l where l.permission_id = p.id)`,
        )
      )[0]?.n,
    );
  const up = await sql<{ role: string; action: string }>(
    `select r.type as role, p.action from up_permissions p
       join up_permissions_role_lnk l on l.permission_id = p.id
       join up_roles r on r.id = l.role_id`,
  );
  const admin = await sql<{ role: string; action: string; subject: string | null }>(
    `select r.code as role, p.action, p.subject from admin_permissions p
       join admin_permissions_role_lnk l on l.permission_id = p.id
       join admin_roles r on r.id = l.role_id`,
  );
  return {
    counts,
    orphans: { up: await orphanCount('up_permissions'), admin: await orphanCount('admin_permissions') },
    up: up.map((p) => `${p.role}: ${p.action}`).sort(),
    admin: admin.map((p) => `${p.role}: ${p.action} ${p.subject ?? ''}`).sort(),
    tokens: (await sql<{ name: string }>('select name from strapi_api_tokens')).map((t) => t.name).sort(),
  };
};

/** What an interrupted `strapi.db.query(uid).create()` leaves: the row, without its role link. */
const orphanUpPermission = (action: string) => app.strapi.db.query(UP_PERMISSION_UID).create({ data: { action } });
const orphanAdminPermission = (action: string, subject: string | null) =>
  app.strapi.db
    .query(ADMIN_PERMISSION_UID)
    .create({ data: { action, subject, actionParameters: {}, properties: {}, conditions: [] } });

const roleId = async (uid: typeof UP_ROLE_UID | typeof ADMIN_ROLE_UID, where: Record<string, string>) =>
  ((await app.strapi.db.query(uid).findOne({ where })) as { id: number }).id;

/** Deletes a role's permission (as if the boot was killed before writing it). */
const dropPermission = async (
  uid: typeof UP_PERMISSION_UID | typeof ADMIN_PERMISSION_UID,
  role: number,
  where: Record<string, string>,
) => {
  const found = (await app.strapi.db.query(uid).findMany({ where: { ...where, role: { id: role } } })) as {
    id: number;
  }[];
  expect(found.length).toBeGreaterThan(0); // the damage is real
  await app.strapi.db.query(uid).deleteMany({ where: { id: { $in: found.map((p) => p.id) } } });
};

const restart = async (): Promise<void> => {
  await app.stop();
  app = await startStrapi({ dir: app.dir, env: ENV });
};

let complete: State;

beforeAll(async () => {
  app = await startStrapi({ env: ENV });
  complete = await state();
}, 300000);

afterAll(async () => {
  await app?.stop();
});

it('a boot that was never interrupted leaves every permission held by a role', () => {
  expect(complete.orphans).toEqual({ up: 0, admin: 0 });
  expect(complete.counts.up_permissions).toBe(complete.counts.up_permissions_role_lnk);
  expect(complete.counts.admin_permissions).toBe(complete.counts.admin_permissions_role_lnk);
  expect(complete.up).toContain(`public: ${ARTICLE_UID}.find`);
  expect(complete.up).toContain(`authenticated: ${SITE_SETTING_UID}.find`);
  expect(complete.admin.some((p) => p.startsWith('strapi-editor: plugin::content-manager.explorer.publish'))).toBe(
    true,
  );
  expect(complete.tokens).toEqual(['Full Access', 'Read Only']);
});

it('after a boot killed in its permission writes, the next boot removes the orphans and completes the roles', async () => {
  // Rows whose role link was never written: users-permissions (a read and a write) and the admin's.
  await orphanUpPermission(`${ARTICLE_UID}.find`);
  await orphanUpPermission(`${ARTICLE_UID}.create`);
  await orphanAdminPermission('plugin::content-manager.explorer.delete', ARTICLE_UID);
  await orphanAdminPermission('admin::users.read', null);
  // Permissions the killed boot had not written yet, in our policy's roles and in Strapi's admin roles.
  const publicRole = await roleId(UP_ROLE_UID, { type: 'public' });
  const authenticatedRole = await roleId(UP_ROLE_UID, { type: 'authenticated' });
  await dropPermission(UP_PERMISSION_UID, publicRole, { action: `${TAG_UID}.findOne` });
  await dropPermission(UP_PERMISSION_UID, authenticatedRole, { action: `${SITE_SETTING_UID}.find` });
  const editorRole = await roleId(ADMIN_ROLE_UID, { code: 'strapi-editor' });
  const superAdminRole = await roleId(ADMIN_ROLE_UID, { code: 'strapi-super-admin' });
  await dropPermission(ADMIN_PERMISSION_UID, editorRole, {
    action: 'plugin::content-manager.explorer.publish',
    subject: ARTICLE_UID,
  });
  await dropPermission(ADMIN_PERMISSION_UID, superAdminRole, { action: 'admin::roles.read' });

  const damaged = await state();
  expect(damaged.orphans).toEqual({ up: 2, admin: 2 });
  expect(damaged.up).not.toEqual(complete.up);
  expect(damaged.admin).not.toEqual(complete.admin);

  await restart();

  expect(await state()).toEqual(complete);
  // Over HTTP: the reader's rights are whole again, and the orphaned write granted nothing.
  expect((await app.http().get('/api/tags?locale=id')).status).toBe(200);
  expect((await app.http().get('/api/site-setting?locale=id')).status).toBe(200);
  expect(
    (
      await app
        .http()
        .post('/api/articles')
        .send({ data: { title: 'x' } })
    ).status,
  ).toBe(403);
});

it('after a first boot killed while Strapi created its roles, the next boot rebuilds them, orphans included', async () => {
  // users-permissions creates Authenticated, then Public, then the default permissions; the admin creates
  // Super Admin, Editor and Author, then their permissions, and later its two default API tokens.
  // Killed after Authenticated and before Author (and, in another boot, between the two tokens):
  await app.strapi.db.query(UP_PERMISSION_UID).deleteMany({});
  await app.strapi.db.query(UP_ROLE_UID).deleteMany({ where: { type: 'public' } });
  // The Author role's permissions lose their link with it, as a kill before their links leaves them.
  await app.strapi.db.query(ADMIN_ROLE_UID).deleteMany({ where: { code: 'strapi-author' } });
  await orphanUpPermission('plugin::users-permissions.auth.register');
  await app.strapi.db.query(API_TOKEN_UID).deleteMany({ where: { name: 'Full Access' } });
  await app.strapi.store({ type: 'plugin', name: 'newsroom' }).delete({ key: 'first_boot_complete' });

  const damaged = await state();
  expect(damaged.counts.up_roles).toBe(1);
  expect(damaged.counts.admin_roles).toBe(complete.counts.admin_roles - 1);
  expect(damaged.orphans.up).toBe(1);
  expect(damaged.orphans.admin).toBeGreaterThan(0);
  expect(damaged.tokens).toEqual(['Read Only']);

  await restart();

  expect(await state()).toEqual(complete);
  expect((await app.http().get('/api/articles?locale=id')).status).toBe(200);
  expect((await app.http().get('/api/site-setting?locale=en')).status).toBe(200);
  expect(
    (
      await app
        .http()
        .post('/api/tags')
        .send({ data: { name: 'x' } })
    ).status,
  ).toBe(403);
});

it('the sweep keeps an admin permission that an admin API token holds instead of a role', async () => {
  const token = (await app.strapi.db.query(API_TOKEN_UID).create({
    data: { name: 'boot-repair admin token', kind: 'admin', accessKey: 'not-a-real-key-hash' },
  })) as { id: number };
  const held = (await app.strapi.db.query(ADMIN_PERMISSION_UID).create({
    data: {
      action: 'admin::users.read',
      subject: null,
      actionParameters: {},
      properties: {},
      conditions: [],
      apiToken: token.id,
    },
  })) as { id: number };
  const orphan = (await orphanAdminPermission('admin::roles.read', null)) as { id: number };

  await removeOrphanPermissions(app.strapi);

  const left = (await app.strapi.db
    .query(ADMIN_PERMISSION_UID)
    .findMany({ select: ['id'], where: { id: { $in: [held.id, orphan.id] } } })) as { id: number }[];
  expect(left.map((p) => p.id)).toEqual([held.id]);
});
