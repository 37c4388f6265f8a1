import { startStrapi, type TestApp } from '../helpers/strapi';
import { accountEnv, adminAccounts, adminLogin, asAdmin, testPassword } from '../helpers/admin';
import { ensureAdminAccounts } from '../../src/bootstrap/admin-accounts';

const accounts = adminAccounts();
let app: TestApp;

type Me = { email: string; roles: { code: string }[]; isActive: boolean };
const me = async (token: string): Promise<Me> => {
  const res = await asAdmin(app, token).get('/admin/users/me');
  expect(res.status).toBe(200);
  return res.body.data as Me;
};
const userCount = () => app.strapi.db.query('admin::user').count();

beforeAll(async () => {
  app = await startStrapi({ env: accountEnv(accounts) });
});

afterAll(async () => {
  await app?.stop();
});

describe('first-setup accounts', () => {
  it('creates a super admin, an editor and a reporter who log in over HTTP with the passwords from the environment', async () => {
    const admin = await me(await adminLogin(app, accounts.admin.email, accounts.admin.password));
    expect(admin).toMatchObject({ email: accounts.admin.email, isActive: true });
    expect(admin.roles.map((r) => r.code)).toEqual(['strapi-super-admin']);

    const editor = await me(await adminLogin(app, accounts.editor.email, accounts.editor.password));
    expect(editor).toMatchObject({ email: accounts.editor.email, isActive: true });
    expect(editor.roles.map((r) => r.code)).toEqual(['strapi-editor']);

    const reporter = await me(await adminLogin(app, accounts.reporter.email, accounts.reporter.password));
    expect(reporter).toMatchObject({ email: accounts.reporter.email, isActive: true });
    expect(reporter.roles.map((r) => r.code)).toEqual(['strapi-author']);
  });

  it('refuses a wrong password', async () => {
    const res = await app
      .http()
      .post('/admin/login')
      .send({ email: accounts.editor.email, password: `${accounts.editor.password}x` });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ name: 'ApplicationError' });
  });

  it('creates nothing in production unless both e-mail and password are set', async () => {
    const before = await userCount();
    await ensureAdminAccounts(app.strapi, {
      NODE_ENV: 'production',
      ADMIN_EMAIL: 'prod-admin@newsroom.test',
      EDITOR_EMAIL: 'prod-editor@newsroom.test',
    });
    await ensureAdminAccounts(app.strapi, { NODE_ENV: 'production' });
    expect(await userCount()).toBe(before);
  });

  it('in development, generates a password when only the e-mail is set and prints it once', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(app.strapi.log, 'info').mockImplementation((line: unknown) => {
      lines.push(String(line));
      return app.strapi.log;
    });
    try {
      await ensureAdminAccounts(app.strapi, { NODE_ENV: 'development', EDITOR_EMAIL: 'second-editor@newsroom.test' });
      await ensureAdminAccounts(app.strapi, { NODE_ENV: 'development', EDITOR_EMAIL: 'second-editor@newsroom.test' });
    } finally {
      spy.mockRestore();
    }
    const printed = lines.filter((l) => l.includes('second-editor@newsroom.test'));
    expect(printed).toHaveLength(1);
    const password = /generated password (\S+)/.exec(printed[0] ?? '')?.[1];
    expect(password).toBeDefined();
    const editor = await me(await adminLogin(app, 'second-editor@newsroom.test', password as string));
    expect(editor.roles.map((r) => r.code)).toEqual(['strapi-editor']);
  });

  it("refuses a password that breaks Strapi's rules, saying which variable and why", async () => {
    await expect(
      ensureAdminAccounts(app.strapi, {
        NODE_ENV: 'development',
        EDITOR_EMAIL: 'weak@newsroom.test',
        EDITOR_PASSWORD: 'alllowercase1',
      }),
    ).rejects.toThrow('EDITOR_PASSWORD must contain an uppercase letter');
    expect(await app.strapi.db.query('admin::user').findOne({ where: { email: 'weak@newsroom.test' } })).toBeNull();
  });
});

describe('after a restart', () => {
  it('leaves existing users as they are (a changed password in the environment changes nothing) and creates no duplicate', async () => {
    const before = await userCount();
    await app.stop();
    app = await startStrapi({ dir: app.dir, env: { ...accountEnv(accounts), EDITOR_PASSWORD: testPassword() } });
    expect(await userCount()).toBe(before);
    await adminLogin(app, accounts.editor.email, accounts.editor.password);
  });

  it('does not bring back an account an administrator deleted', async () => {
    const token = await adminLogin(app, accounts.admin.email, accounts.admin.password);
    const editor = await app.strapi.db
      .query('admin::user')
      .findOne({ where: { email: 'second-editor@newsroom.test' } });
    const res = await asAdmin(app, token).delete(`/admin/users/${editor.id}`);
    expect(res.status).toBe(200);

    await ensureAdminAccounts(app.strapi, { NODE_ENV: 'development', EDITOR_EMAIL: 'second-editor@newsroom.test' });
    expect(
      await app.strapi.db.query('admin::user').findOne({ where: { email: 'second-editor@newsroom.test' } }),
    ).toBeNull();
  });
});
