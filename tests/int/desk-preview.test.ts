import { startStrapi, type TestApp } from '../helpers/strapi';
import { accountEnv, adminAccounts, adminLogin, asAdmin } from '../helpers/admin';
import { ARTICLE, AUTHOR, LINK, TAG, body, publishIn, uploadImage } from '../helpers/publishing-fixture';
import { signPreviewToken } from '../../src/desk/preview-token';

/**
 * Strapi 5 Preview: the admin panel asks the CMS for a preview URL
 * (config/admin.ts handler); without PREVIEW_URL it is the CMS's own page,
 * behind a signed, expiring link; with it, an external frontend that checks
 * the token at /preview/verify.
 */
const accounts = adminAccounts();
const SECRET = 'desk-preview-test-secret-0123456789';
const ALLOWED = 'https://preview.frontend.test';
let app: TestApp;
let editor: ReturnType<typeof asAdmin>;
let documentId: string;

const previewUrlFor = async (uid: string, id: string, locale: string, status: string): Promise<string> => {
  const res = await editor.get(
    `/content-manager/preview/url/${uid}?documentId=${id}&locale=${locale}&status=${status}`,
  );
  expect(res.status).toBe(200);
  return res.body.data.url as string;
};

const tokenOf = (url: string): string => new URL(url, 'http://cms.test').searchParams.get('token') as string;

beforeAll(async () => {
  app = await startStrapi({
    env: {
      PREVIEW_SECRET: SECRET,
      PREVIEW_TTL_MINUTES: '5',
      PREVIEW_ALLOWED_ORIGINS: ALLOWED,
      ...accountEnv(accounts),
    },
  });
  editor = asAdmin(app, await adminLogin(app, accounts.editor.email, accounts.editor.password));
  const author = await publishIn(app, AUTHOR, {
    id: { name: 'Sari Wulandari', jobTitle: 'Wartawan' },
    en: { name: 'Sari Wulandari', jobTitle: 'Reporter' },
  });
  const tag = await publishIn(app, TAG, { id: { name: 'Ekonomi' }, en: { name: 'Economy' } });
  const link = await publishIn(app, LINK, {
    id: { title: 'Harga beras naik', kind: 'read-also', label: 'Baca juga', url: 'https://example.org/beras' },
    en: { title: 'Rice prices rise', kind: 'read-also', label: 'Read also', url: 'https://example.org/rice' },
  });
  const cover = await uploadImage(app, 'pasar.png');
  const shared = { author, tags: [tag], relatedLinks: [link], cover: cover.id, coverCredit: 'ANTARA/Foto/ab' };
  documentId = await publishIn(
    app,
    ARTICLE,
    { id: { title: 'Inflasi Turun Tipis', excerpt: 'Versi terbit', ...shared } },
    {},
  );
  // The English version exists only as a draft, with everything a page shows.
  await app.strapi.documents(ARTICLE).update({
    documentId,
    locale: 'en',
    data: {
      ...shared,
      title: 'Inflation Eases Slightly UNPUBLISHED',
      excerpt: 'Standfirst not yet public',
      coverCaption: 'Traders at a Jakarta market',
      body: [
        ...(body('First paragraph of the draft.') as never[]),
        { __component: 'content.read-also', link },
        ...(body('Second paragraph.') as never[]),
      ],
      corrections: [{ date: '2026-01-02T03:00:00.000Z', kind: 'correction', text: 'An earlier draft said 3%.' }],
      publishAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
    },
  });
  // And an unpublished change of the Indonesian text.
  await app.strapi.documents(ARTICLE).update({ documentId, locale: 'id', data: { excerpt: 'Perubahan draf rahasia' } });
});

afterAll(async () => {
  await app?.stop();
});

describe('the built-in preview page', () => {
  it("renders the English draft as a reader would see it, in English, through the editor's signed link", async () => {
    const url = await previewUrlFor(ARTICLE, documentId, 'en', 'draft');
    expect(url).toMatch(/^\/preview\?token=[\w-]+\.[\w-]+$/);
    const res = await app.http().get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    const html = res.text;
    for (const text of [
      '<html lang="en"',
      'Draft preview: not published',
      '<h1>Inflation Eases Slightly UNPUBLISHED</h1>',
      'Standfirst not yet public',
      'Traders at a Jakarta market',
      'ANTARA/Foto/ab',
      '<p>First paragraph of the draft.</p>',
      'Read also: <a href="https://example.org/rice"',
      'By Sari Wulandari, Reporter',
      'Topics: Economy',
      'Related</h2>',
      'Corrections and updates',
      'An earlier draft said 3%.',
      'Scheduled to publish: <time>',
      '+07:00</time> (Asia/Jakarta)',
    ])
      expect(html).toContain(text);
    expect(html).toMatch(/<img src="\/uploads\/[^"]+\.png"/);
    // Reading order: paragraph, read-also box, paragraph.
    expect(html.indexOf('First paragraph')).toBeLessThan(html.indexOf('Read also:'));
    expect(html.indexOf('Read also:')).toBeLessThan(html.indexOf('Second paragraph'));
  });

  it('shows the published version for status=published, in Indonesian, without the unpublished change', async () => {
    const html = (await app.http().get(await previewUrlFor(ARTICLE, documentId, 'id', 'published'))).text;
    expect(html).toContain('Pratinjau versi terbit');
    expect(html).toContain('Versi terbit');
    expect(html).not.toContain('Perubahan draf rahasia');
    const draft = (await app.http().get(await previewUrlFor(ARTICLE, documentId, 'id', 'draft'))).text;
    expect(draft).toContain('Perubahan draf rahasia');
  });

  it('previews authors and tags too', async () => {
    const tags = await app.strapi.documents(TAG).findMany({ locale: 'en', status: 'draft' });
    const html = (await app.http().get(await previewUrlFor(TAG, tags[0]?.documentId as string, 'en', 'draft'))).text;
    expect(html).toContain('<h1>Economy</h1>');
  });

  it('is closed without a valid, unexpired token; a reader never reaches the draft', async () => {
    const url = await previewUrlFor(ARTICLE, documentId, 'en', 'draft');
    const token = tokenOf(url);
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, locale: 'id' })).toString('base64url')}.${signature}`;
    const expired = signPreviewToken(
      { ...(claims as Parameters<typeof signPreviewToken>[0]), exp: Math.floor(Date.now() / 1000) - 1 },
      SECRET,
    );
    const otherKey = signPreviewToken(claims as Parameters<typeof signPreviewToken>[0], 'another-secret');
    for (const [query, message] of [
      ['', 'This is not a preview link'],
      ['?token=abc', 'This is not a preview link'],
      [`?token=${forged}`, 'This preview link is not valid'],
      [`?token=${otherKey}`, 'This preview link is not valid'],
      [`?token=${expired}`, 'This preview link has expired: open Preview again in the admin panel'],
    ]) {
      const res = await app.http().get(`/preview${query}`);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ data: null, error: { status: 401, name: 'UnauthorizedError', message, details: {} } });
      expect(res.text).not.toContain('UNPUBLISHED');
    }
    // The link expires after PREVIEW_TTL_MINUTES.
    expect((claims.exp as number) * 1000 - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(claims.sub).toEqual(expect.any(Number));
    const rest = await app.http().get(`/api/articles/${documentId}?locale=en&status=draft`);
    expect(rest.status).toBe(404);
  });

  it('the admin panel may frame it: CSP frame-src has the CMS itself and PREVIEW_ALLOWED_ORIGINS', async () => {
    // One policy for every answer of the CMS, the admin panel's included.
    const page = await app.http().get(await previewUrlFor(ARTICLE, documentId, 'en', 'draft'));
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toMatch(new RegExp(`frame-src 'self' ${ALLOWED.replace(/\./g, '\\.')}`));
    expect(String((await app.http().get('/_health')).headers['content-security-policy'])).toBe(csp);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(page.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
  });
});

describe('an external frontend (PREVIEW_URL)', () => {
  const template = `${ALLOWED}/api/draft?locale={locale}&slug={slug}&id={documentId}&status={status}&token={token}`;

  beforeAll(() => {
    app.strapi.config.set('newsroom.desk.preview.url', template);
  });
  afterAll(() => {
    app.strapi.config.set('newsroom.desk.preview.url', '');
  });

  it("opens the frontend's draft route with the filled template", async () => {
    const url = new URL(await previewUrlFor(ARTICLE, documentId, 'en', 'draft'));
    expect(url.origin).toBe(ALLOWED);
    expect(url.pathname).toBe('/api/draft');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      locale: 'en',
      slug: 'inflation-eases-slightly-unpublished',
      id: documentId,
      status: 'draft',
      token: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
    });
  });

  it('and the CMS verifies the token for it at /preview/verify', async () => {
    const token = new URL(await previewUrlFor(ARTICLE, documentId, 'en', 'draft')).searchParams.get('token');
    const res = await app.http().get(`/preview/verify?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      uid: ARTICLE,
      documentId,
      locale: 'en',
      status: 'draft',
      slug: 'inflation-eases-slightly-unpublished',
      expiresAt: expect.any(String),
    });
    expect((await app.http().get('/preview/verify?token=x.y')).status).toBe(401);
  });
});
