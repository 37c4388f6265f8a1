import { randomBytes } from 'crypto';
import type { TestApp } from './strapi';

/** A random password meeting Strapi's admin rules (lower, upper, digit, 8+). */
export const testPassword = (): string => `${randomBytes(9).toString('hex')}Aa1`;

/** Admin panel accounts for a test app: pass `accountEnv(...)` as `startStrapi({ env })`. */
export const adminAccounts = () => ({
  admin: { email: 'chief@newsroom.test', password: testPassword() },
  editor: { email: 'editor@newsroom.test', password: testPassword() },
  reporter: { email: 'reporter@newsroom.test', password: testPassword() },
});
export type AdminAccounts = ReturnType<typeof adminAccounts>;

export const accountEnv = (accounts: AdminAccounts): Record<string, string> => ({
  ADMIN_EMAIL: accounts.admin.email,
  ADMIN_PASSWORD: accounts.admin.password,
  EDITOR_EMAIL: accounts.editor.email,
  EDITOR_PASSWORD: accounts.editor.password,
  REPORTER_EMAIL: accounts.reporter.email,
  REPORTER_PASSWORD: accounts.reporter.password,
});

/** Logs in through the admin panel's own endpoint (POST /admin/login) and returns the access token. */
export const adminLogin = async (app: TestApp, email: string, password: string): Promise<string> => {
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200 || typeof res.body?.data?.token !== 'string') {
    throw new Error(`admin login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.data.token as string;
};

/** supertest requests carrying an admin token. */
export const asAdmin = (app: TestApp, token: string) => ({
  get: (url: string) => app.http().get(url).set('Authorization', `Bearer ${token}`),
  post: (url: string) => app.http().post(url).set('Authorization', `Bearer ${token}`),
  put: (url: string) => app.http().put(url).set('Authorization', `Bearer ${token}`),
  delete: (url: string) => app.http().delete(url).set('Authorization', `Bearer ${token}`),
});
