import fs from 'fs';
import os from 'os';
import path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, startCms, type Cms } from './support/cms';
import newsroomFixture from '../../database/seed/newsroom';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
/** Screenshots the desk's guide shows (docs/desk.md), kept in the repository. */
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');
const ARTICLE_LIST = '/admin/content-manager/collection-types/api::article.article';

const seeded = newsroomFixture.articles[0];
if (!seeded) throw new Error('the seed fixture has no article');
const titleId = seeded.locales.id.title;
const titleEn = seeded.locales.en?.title as string;
const slugEn = seeded.locales.en?.slug as string;

let cms: Cms;
let context: BrowserContext;
let page: Page;
let profile: string;
let step = 0;

/** A numbered full-page screenshot in artifacts/e2e (git-ignored). */
const shot = async (name: string): Promise<void> => {
  step += 1;
  await page.screenshot({ path: path.join(ARTIFACTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
};

/** A viewport screenshot for docs/desk.md, as docs/images/desk-<name>.png. */
const docShot = async (name: string): Promise<void> => {
  fs.mkdirSync(DOC_IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(DOC_IMAGES, `desk-${name}.png`) });
};

const publicArticle = async (slug: string, locale: string): Promise<{ excerpt: string; title: string }> => {
  const res = await fetch(`${cms.baseUrl}/api/articles/slug/${slug}?locale=${locale}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { excerpt: string; title: string } }).data;
};

/** The draft of a document as the admin panel reads it, with a token from POST /admin/login. */
const adminDocument = async (editUrl: string, locale: string): Promise<Record<string, unknown>> => {
  const documentId = new URL(editUrl).pathname.split('/').pop() as string;
  const login = await fetch(`${cms.baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(cms.editor),
  });
  expect(login.status).toBe(200);
  const { data } = (await login.json()) as { data: { token: string } };
  const res = await fetch(`${cms.baseUrl}${ARTICLE_LIST.replace('/admin', '')}/${documentId}?locale=${locale}`, {
    headers: { authorization: `Bearer ${data.token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: Record<string, unknown> }).data;
};

beforeAll(async () => {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  cms = await startCms();
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    viewport: { width: 1440, height: 1000 },
    locale: 'en-US',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30000);
  // Offline: the admin panel must not call out of the machine.
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    external.push(url.href);
    return route.abort();
  });
  (globalThis as { externalRequests?: string[] }).externalRequests = external;
});

afterAll(async () => {
  await context?.close();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  await cms?.stop();
});

describe('an editor in the admin panel', () => {
  it('logs in with the printed credentials', async () => {
    await page.goto(`${cms.baseUrl}/admin`);
    await page.locator('input[name="email"]').fill(cms.editor.email);
    await page.locator('input[name="password"]').fill(cms.editor.password);
    await shot('login');
    await page.getByRole('button', { name: 'Login' }).click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'));
    await page
      .getByRole('link', { name: /Content Manager/ })
      .first()
      .waitFor();
    await shot('home');
  });

  it('opens the article list and sees the seeded article with its columns', async () => {
    await page.goto(`${cms.baseUrl}${ARTICLE_LIST}?plugins[i18n][locale]=id`);
    await page.getByText(titleId, { exact: true }).waitFor();
    const headers = (await page.locator('thead th').allTextContents()).map((h) => h.trim().toLowerCase());
    for (const column of ['headline', 'author', 'tags', 'translation', 'available in', 'first published', 'status']) {
      expect(headers).toContain(column);
    }
    // The seeded article exists in both languages: the locale column says so.
    const row = page.getByRole('row').filter({ hasText: titleId });
    await row.getByText('English (en)', { exact: false }).first().waitFor();
    await shot('article-list-id');
  });

  it('switches to en and opens the English version', async () => {
    await page.getByRole('combobox', { name: 'Select a locale' }).click();
    await page.getByRole('option', { name: 'English (en)' }).click();
    await page.getByText(titleEn, { exact: true }).waitFor();
    await shot('article-list-en');
    await page.getByText(titleEn, { exact: true }).click();
    await page.waitForURL((url) => url.search.includes('locale]=en') || url.search.includes('locale%5D=en'));
    await page.locator('textarea[name="excerpt"]').waitFor();
    expect(await page.locator('label').allTextContents()).toEqual(
      expect.arrayContaining(['Standfirst', 'Credit line', 'Translation']),
    );
    await shot('article-edit-en');
  });

  it('edits the standfirst of the draft, saves and publishes it; the API serves the change', async () => {
    const before = await publicArticle(slugEn, 'en');
    const standfirst = `${before.excerpt.slice(0, 120)} (edited in the browser test ${Date.now()})`;
    const field = page.locator('textarea[name="excerpt"]');
    await field.fill(standfirst);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved document').first().waitFor();
    await shot('standfirst-saved');

    // Saved as a draft: stored (the admin API has it, "modified"), but readers still get the published text.
    const draft = await adminDocument(page.url(), 'en');
    expect(draft).toMatchObject({ excerpt: standfirst, status: 'modified', locale: 'en' });
    expect((await publicArticle(slugEn, 'en')).excerpt).toBe(before.excerpt);

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published document').first().waitFor();
    await shot('standfirst-published');
    const after = await publicArticle(slugEn, 'en');
    expect(after.excerpt).toBe(standfirst);
    expect(after.title).toBe(titleEn);
    // The Indonesian version is untouched.
    expect((await publicArticle(seeded.locales.id.slug as string, 'id')).title).toBe(titleId);
  });

  it('sees an unpublished change of the English draft in Preview, as a reader would see it', async () => {
    const draftText = `Preview-only standfirst, not yet published (${Date.now()})`;
    await page.locator('textarea[name="excerpt"]').fill(draftText);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved document').first().waitFor();
    expect((await publicArticle(slugEn, 'en')).excerpt).not.toBe(draftText);
    const open = page.getByRole('link', { name: 'Open preview' });
    await open.waitFor();
    await docShot('edit-view-schedule-and-preview');
    await open.click();
    const frame = page.frameLocator('iframe');
    await frame.getByText(draftText).waitFor();
    await frame.getByText('Draft preview: not published').waitFor();
    await frame.locator('h1', { hasText: titleEn }).waitFor();
    await shot('preview-en-draft');
    await docShot('preview-en-draft');
  });

  it('shows the Scheduled column in the article list', async () => {
    await page.goto(`${cms.baseUrl}${ARTICLE_LIST}?plugins[i18n][locale]=en`);
    await page.getByText(titleEn, { exact: true }).waitFor();
    const headers = (await page.locator('thead th').allTextContents()).map((h) => h.trim().toLowerCase());
    expect(headers).toContain('scheduled');
    await docShot('article-list-scheduled');
  });

  it('opens an article the WordPress import wrote on the bulk path, edits and publishes it', async () => {
    const title = 'Harga Beras Naik di Pasar Induk';
    const slug = 'harga-beras-naik';
    const before = await publicArticle(slug, 'id');
    expect(before.title).toBe(title);
    await page.goto(`${cms.baseUrl}${ARTICLE_LIST}?plugins[i18n][locale]=id`);
    await page.getByText(title, { exact: true }).click();
    const field = page.locator('textarea[name="excerpt"]');
    await field.waitFor();
    expect(await field.inputValue()).toBe(before.excerpt);
    const standfirst = `Diedit di uji peramban (${Date.now()})`;
    await field.fill(standfirst);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved document').first().waitFor();
    expect((await publicArticle(slug, 'id')).excerpt).toBe(before.excerpt);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published document').first().waitFor();
    await shot('imported-article-published');
    expect(await publicArticle(slug, 'id')).toMatchObject({ title, excerpt: standfirst });
  });

  it('can switch the admin interface to Bahasa Indonesia', async () => {
    await page.goto(`${cms.baseUrl}/admin/me`);
    await page.getByRole('combobox', { name: 'Interface language' }).click();
    await page.getByRole('option', { name: 'Indonesian' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('html[lang="id"]').waitFor({ state: 'attached' });
    await page.getByText('Nama depan').first().waitFor();
    await shot('profile-bahasa-indonesia');
    await page.goto(`${cms.baseUrl}${ARTICLE_LIST}?plugins[i18n][locale]=id`);
    await page.getByText(titleId, { exact: true }).waitFor();
    await shot('article-list-bahasa-indonesia');
  });

  it("logs in once as a reporter, writes a draft and has no Publish; others' articles are not listed", async () => {
    await context.clearCookies();
    // The editor's session lives in cookies and storage; a fresh login follows.
    await page.evaluate('localStorage.clear(); sessionStorage.clear();');
    await page.goto(`${cms.baseUrl}/admin`);
    await page.locator('input[name="email"]').fill(cms.reporter.email);
    await page.locator('input[name="password"]').fill(cms.reporter.password);
    await page.getByRole('button', { name: /Login|Masuk/ }).click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/'));
    await page.goto(`${cms.baseUrl}${ARTICLE_LIST}/create?plugins[i18n][locale]=id`);
    const title = `Draf reporter ${Date.now()}`;
    await page.locator('input[name="title"]').fill(title);
    await page.getByRole('button', { name: /^(Save|Simpan)$/ }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/create'));
    const publish = page.getByRole('button', { name: /^(Publish|Terbitkan)$/ });
    expect((await publish.count()) === 0 || (await publish.first().isDisabled())).toBe(true);
    await docShot('reporter-draft');
    await page.goto(`${cms.baseUrl}${ARTICLE_LIST}?plugins[i18n][locale]=id`);
    await page.getByText(title, { exact: true }).waitFor();
    expect(await page.getByText(titleId, { exact: true }).count()).toBe(0);
    await shot('reporter-list');
  });

  it('made no request out of the machine', () => {
    expect((globalThis as { externalRequests?: string[] }).externalRequests).toEqual([]);
  });
});
