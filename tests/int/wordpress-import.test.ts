import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn } from 'child_process';
import { ROOT, databaseEnv, startStrapi, type TestApp } from '../helpers/strapi';
import { childEnv, sharedSecrets } from '../helpers/cms-process';
import { gql } from '../helpers/graphql';
import { accountEnv, adminAccounts, adminLogin, asAdmin } from '../helpers/admin';
import { generateWxr } from '../../scripts/wordpress/generate-wxr';
import { importWordPress } from '../../scripts/wordpress/pipeline';
import { ARTICLE_UID, AUTHOR_UID, TAG_UID } from '../../src/lib/uids';

/**
 * `npm run import:wordpress` as an operator runs it: the compiled CLI
 * (dist/scripts/wordpress/cli.js) in a child process against a throwaway
 * database (SQLite, or PostgreSQL with TEST_DATABASE=postgres), on the
 * fixtures of tests/fixtures/wordpress; then the CMS on that database is read
 * over the public REST and GraphQL APIs and the admin API.
 */
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'wordpress');
const SITE = path.join(FIXTURES, 'site.xml');
const POLYLANG = path.join(FIXTURES, 'polylang.xml');
const UPLOADS = path.join(FIXTURES, 'uploads');
const GENERATED_POSTS = 30;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-wp-import-'));
const generated = path.join(dir, 'generated.xml');
const accounts = adminAccounts();
const secrets = sharedSecrets();
let env: Record<string, string> = {};

type Run = { status: number | null; stdout: string; stderr: string };
const runImport = (...args: string[]): Promise<Run> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'scripts', 'wordpress', 'cli.js'), ...args], {
      cwd: ROOT,
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 170000);
    proc.once('error', reject);
    proc.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });

/** The summary line's counts. */
const summary = (run: Run): Record<string, number> => {
  const m = /summary[^:]*: (\d+) created, (\d+) updated, (\d+) skipped, (\d+) failed/.exec(run.stdout);
  if (!m) throw new Error(`no summary line in:\n${run.stdout}\n${run.stderr}`);
  return { created: Number(m[1]), updated: Number(m[2]), skipped: Number(m[3]), failed: Number(m[4]) };
};

const runs: Record<string, Run> = {};
let app: TestApp;

beforeAll(async () => {
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  env = {
    ...(await databaseEnv(dir)),
    PUBLIC_DIR: path.join(dir, 'public'),
    STRAPI_STARTUP_LOG: 'false',
    ...secrets,
    ...accountEnv(accounts),
  };
  await generateWxr(generated, { posts: GENERATED_POSTS, enormous: true });
  // One after the other, as an operator would: each later test reads what these runs left.
  runs.badArgs = await runImport(SITE, '--locale', 'fr');
  runs.malformed = await runImport(path.join(FIXTURES, 'malformed.xml'));
  runs.dryRun = await runImport(SITE, '--dry-run');
  runs.site = await runImport(SITE, '--uploads', UPLOADS);
  runs.polylang = await runImport(POLYLANG);
  runs.polylangUpdate = await runImport(path.join(FIXTURES, 'polylang-update.xml'));
  runs.generated = await runImport(generated, '--batch-size', '7');
  runs.again = await runImport(SITE, '--uploads', UPLOADS);
  for (const [name, run] of Object.entries(runs)) {
    if (!['badArgs', 'malformed'].includes(name) && run.status !== 0)
      throw new Error(`${name} exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
  }
  Object.assign(process.env, secrets);
  app = await startStrapi({ dir, env: { ...accountEnv(accounts), STRAPI_STARTUP_LOG: 'false' } });
}, 1_500_000);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rest = async (url: string) => {
  const res = await app.http().get(url);
  expect({ url, status: res.status }).toEqual({ url, status: 200 });
  return res.body as { data: Record<string, unknown> & Record<string, unknown>[] };
};
type Block = { type: string; text?: string; url?: string; children?: Block[]; [key: string]: unknown };
const walk = (nodes: Block[]): Block[] => nodes.flatMap((n) => [n, ...walk(n.children ?? [])]);

describe('npm run import:wordpress: bad input', () => {
  it('refuses bad arguments with exit code 2, naming the argument, before booting Strapi', () => {
    expect(runs.badArgs?.status).toBe(2);
    expect(runs.badArgs?.stderr).toContain('--locale must be id or en, not "fr"');
  });

  it('stops on malformed XML with exit code 1, naming the line and the last good item, writing nothing', async () => {
    const run = runs.malformed as Run;
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('[wordpress] FAILED: malformed XML at line 19');
    expect(run.stderr).toContain('after item "Berita Utuh", id 1');
    expect(run.stderr).toContain('nothing was written');
    expect(await app.strapi.db.query(ARTICLE_UID).count({ where: { slug: 'berita-utuh' } })).toBe(0);
  });

  it('names each bad item on its own line and counts it, and still exits 0', () => {
    const run = runs.site as Run;
    expect(run.stdout).toContain('[wordpress] failed  item 31 (line 243): missing title');
    expect(run.stdout).toContain(
      '[wordpress] failed  item 32 "Harga Beras Naik Lagi" (line 255): duplicate slug "harga-beras-naik" (id), already used by item 10',
    );
    expect(run.stdout).toContain(
      '[wordpress] skipped item 30 "Sepatu Lari Murah" (line 235): unknown post type "product"',
    );
    const gen = runs.generated as Run;
    expect(gen.stdout).toMatch(
      new RegExp(
        `failed  item ${GENERATED_POSTS + 1} "Posting Raksasa" \\(line \\d+\\): enormous post \\(2100007 characters`,
      ),
    );
    expect(summary(gen)).toEqual({ created: GENERATED_POSTS, updated: 0, skipped: GENERATED_POSTS + 3, failed: 1 });
  });
});

describe('npm run import:wordpress: the report', () => {
  it('counts created, skipped and failed items with their reasons', () => {
    const run = runs.site as Run;
    expect(summary(run)).toEqual({ created: 7, updated: 0, skipped: 8, failed: 2 });
    expect(run.stdout).toContain('[wordpress]   created: 4 id draft, 3 id published');
    expect(run.stdout).toContain(
      '[wordpress]   skipped: 2 comment, 2 attachment, 1 page, 1 menu item, 1 revision, 1 unknown post type',
    );
    expect(run.stdout).toContain('[wordpress]   failed: 1 missing title, 1 duplicate slug');
  });

  it('reports what it could not carry over as it was', () => {
    const out = (runs.site as Run).stdout;
    for (const line of [
      'category "politik" is under "berita": tags have no hierarchy, it is imported as a flat tag',
      'item 10 "Harga Beras Naik di Pasar Induk" (line 29): shortcode [gallery] kept as text',
      'item 10 "Harga Beras Naik di Pasar Induk" (line 29): embed https://www.youtube.com/watch?v=abc123 kept as a link',
      'item 11 "Panduan Lengkap Pemilu 2024" (line 72): <iframe> https://www.google.com/maps/embed?pb=tps kept as a link',
      'item 11 "Panduan Lengkap Pemilu 2024" (line 72): <script> dropped',
      'item 16 "Jadwal Debat Capres" (line 177): scheduled for 2030-02-01 19:00:00 (site time): imported as a draft',
      'item 15 "Catatan Internal Redaksi" (line 165): private post: imported as a draft',
      'slug "kopi-café-baru" has characters a CMS slug cannot hold: made "kopi-cafe-baru"',
      'site time zone Asia/Jakarta',
    ])
      expect(out).toContain(line);
  });

  it('prints progress with rate and ETA (periodic lines when not on a terminal)', () => {
    expect((runs.site as Run).stderr).toMatch(
      /\[wordpress\] progress 15\/15 items \(100%\), [\d.]+ items\/s, ETA 0:00/,
    );
  });

  it('without --uploads, reports featured and inline images by their original URL', () => {
    const dry = (runs.dryRun as Run).stdout;
    expect(dry).toContain(
      'featured image https://kabar.example/wp-content/uploads/2024/01/cover.png recorded by URL (no --uploads): no cover',
    );
    expect(dry).toContain(
      'image https://kabar.example/wp-content/uploads/2024/01/inline-photo.png kept as a link (no --uploads)',
    );
    expect((runs.site as Run).stdout).not.toContain('(no --uploads)');
  });
});

describe('npm run import:wordpress: idempotency and --dry-run', () => {
  it('--dry-run reports what it would create and writes nothing', () => {
    const run = runs.dryRun as Run;
    expect(run.stdout).toContain('summary (dry run: nothing written): 7 created, 0 updated, 8 skipped, 2 failed');
    // The real run after it found none of the seven articles in the database.
    expect(summary(runs.site as Run).created).toBe(7);
  });

  it('a later export with a new translation adds it to the existing article ("updated")', async () => {
    const run = runs.polylangUpdate as Run;
    expect(summary(run)).toEqual({ created: 0, updated: 1, skipped: 0, failed: 0 });
    expect(run.stdout).toContain('[wordpress]   updated: 1 added en published');
    const id = (await rest('/api/articles/slug/pasar-saham-dibuka-datar?locale=id')).data;
    const en = (await rest('/api/articles/slug/stock-market-opens-flat?locale=en')).data;
    expect(en.documentId).toBe(id.documentId);
    expect(en.firstPublishedAt).toBe(id.firstPublishedAt);
  });

  it('records every written article under its natural key, a joining translation under its own', async () => {
    // New documents go through the bulk path, a translation joining an existing article through the
    // Document Service, in the same batch transaction (src/lib/bulk-import.ts); both record their key.
    const keys = (await app.strapi.db
      .connection('nr_import_keys')
      .select('key', 'document_id')
      .where({ source: 'wordpress', uid: ARTICLE_UID })) as { key: string; document_id: string }[];
    expect(keys).toHaveLength(7 + 3 + 1 + GENERATED_POSTS);
    const byKey = new Map(keys.map((k) => [k.key, k.document_id]));
    const pasar = (await rest('/api/articles/slug/pasar-saham-dibuka-datar?locale=id')).data;
    expect(byKey.get('id:pasar-saham-dibuka-datar')).toBe(pasar.documentId);
    expect(byKey.get('en:stock-market-opens-flat')).toBe(pasar.documentId);
    const kopi = (await rest('/api/articles/slug/ekspor-kopi-naik?locale=id')).data;
    expect(byKey.get('id:ekspor-kopi-naik+en:coffee-exports-rise')).toBe(kopi.documentId);
  });

  it('a second run creates nothing and skips every article by slug + locale', async () => {
    const run = runs.again as Run;
    expect(summary(run)).toEqual({ created: 0, updated: 0, skipped: 15, failed: 2 });
    expect(run.stdout).toContain('7 exists');
    // Exactly one document per imported post, author and tag: nothing was written twice.
    const documents = async (uid: typeof ARTICLE_UID | typeof AUTHOR_UID | typeof TAG_UID) =>
      new Set(
        ((await app.strapi.db.query(uid).findMany({ select: ['documentId'] })) as { documentId: string }[]).map(
          (r) => r.documentId,
        ),
      ).size;
    expect(await documents(ARTICLE_UID)).toBe(7 + 3 + GENERATED_POSTS);
    expect(await documents(AUTHOR_UID)).toBe(4);
    expect(await app.strapi.db.query('plugin::upload.file').count()).toBe(2);
  });
});

describe('imported posts over the public APIs', () => {
  it('a published post: slug, title, excerpt, firstPublishedAt from post_date_gmt, site time zone, author, tags, cover', async () => {
    const { data } = await rest('/api/articles/slug/harga-beras-naik?locale=id');
    expect(data.title).toBe('Harga Beras Naik di Pasar Induk');
    expect(data.excerpt).toBe('Harga beras naik lima persen.');
    expect(data.firstPublishedAt).toBe('2024-01-15T03:30:00.000Z');
    expect(data.timeZone).toBe('Asia/Jakarta');
    const author = data.author as Record<string, unknown>;
    expect(author.name).toBe('Sari Wulandari');
    expect(author).not.toHaveProperty('email');
    expect(JSON.stringify(data)).not.toContain('sari.wp@kabar.example');
    const tags = (data.tags as { slug: string; name: string }[]).map((t) => `${t.slug}:${t.name}`).sort();
    expect(tags).toEqual(['jakarta:Jakarta & Sekitarnya', 'pangan:Pangan', 'politik:Politik']);
    const cover = data.cover as { url: string; alternativeText: string } | null;
    expect(cover?.url).toMatch(/^\/uploads\/cover_[0-9a-f]+\.png$/);
  });

  it('post HTML becomes rich-text blocks: paragraphs, marks, links, images; no HTML left in text', async () => {
    const { data } = await rest('/api/articles/slug/harga-beras-naik?locale=id');
    const body = data.body as { __component: string; body: Block[] }[];
    expect(body.map((b) => b.__component)).toEqual(['content.rich-text']);
    const blocks = (body[0] as { body: Block[] }).body;
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Harga beras di ' },
        { type: 'text', text: 'Pasar Induk Cipinang', bold: true },
        { type: 'text', text: ' naik ' },
        { type: 'text', text: 'lima persen', italic: true },
        { type: 'text', text: ' pekan ini.' },
      ],
    });
    const nodes = walk(blocks);
    expect(nodes).toContainEqual({
      type: 'link',
      url: 'https://example.org/jawa-tengah',
      children: [{ type: 'text', text: 'Jawa Tengah' }],
    });
    const image = nodes.find((n) => n.type === 'image') as unknown as {
      image: { url: string; alternativeText: string };
    };
    expect(image.image.url).toMatch(/^\/uploads\/inline_photo_[0-9a-f]+\.png$/);
    expect(image.image.alternativeText).toBe('Karung beras');
    const texts = nodes.filter((n) => n.type === 'text').map((n) => n.text as string);
    expect(texts).toContain('[gallery ids="101,100"]');
    expect(texts).toContain('Operasi pasar & bantuan pangan akan digelar.');
    for (const text of texts) expect(text).not.toMatch(/<\/?[a-z][^>]*>|\[\/?caption/i);
  });

  it('Gutenberg blocks: headings, lists, quotes, code; block comments stripped', async () => {
    const { data } = await rest('/api/articles/slug/panduan-pemilu-2024?locale=id');
    const blocks = (data.body as { body: Block[] }[])[0]?.body as Block[];
    expect(blocks.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'list',
      'list',
      'quote',
      'code',
      'image',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
    expect(blocks[0]).toMatchObject({ level: 2 });
    expect(blocks[2]).toMatchObject({ format: 'unordered' });
    expect(blocks[3]).toMatchObject({ format: 'ordered' });
    expect(JSON.stringify(blocks)).not.toMatch(/wp:|<!--|alert/);
  });

  it('drafts, pending, private and future posts are not public; the admin API shows them as drafts', async () => {
    for (const slug of ['draf-banjir-di-bekasi', 'menunggu-tinjauan', 'catatan-internal', 'jadwal-debat-capres']) {
      expect((await app.http().get(`/api/articles/slug/${slug}?locale=id`)).status).toBe(404);
    }
    const token = await adminLogin(app, accounts.admin.email, accounts.admin.password);
    const res = await asAdmin(app, token).get(
      `/content-manager/collection-types/${ARTICLE_UID}?locale=id&filters[slug][$eq]=jadwal-debat-capres`,
    );
    expect(res.status).toBe(200);
    const [row] = res.body.results as { title: string; status: string; firstPublishedAt: string | null }[];
    expect(row).toMatchObject({ title: 'Jadwal Debat Capres', status: 'draft', firstPublishedAt: null });
  });

  it('Polylang translations are one document in both locales, over REST and GraphQL', async () => {
    const id = (await rest('/api/articles/slug/rupiah-menguat-terhadap-dolar?locale=id')).data;
    const en = (await rest('/api/articles/slug/rupiah-strengthens-against-the-dollar?locale=en')).data;
    expect(en.documentId).toBe(id.documentId);
    expect(en.title).toBe('Rupiah Strengthens Against the Dollar');
    expect(id.firstPublishedAt).toBe('2024-03-04T02:15:00.000Z');
    const query = `query($slug: String!, $locale: I18NLocaleCode) {
      articleBySlug(slug: $slug, locale: $locale) { documentId title locale author { name } }
    }`;
    const gid = await gql<{ articleBySlug: Record<string, unknown> }>(app, query, {
      slug: 'rupiah-menguat-terhadap-dolar',
      locale: 'id',
    });
    const gen = await gql<{ articleBySlug: Record<string, unknown> }>(app, query, {
      slug: 'rupiah-strengthens-against-the-dollar',
      locale: 'en',
    });
    expect(gid.errors).toBeUndefined();
    expect(gid.data?.articleBySlug).toMatchObject({
      documentId: id.documentId,
      locale: 'id',
      author: { name: 'Rina Hartono' },
    });
    expect(gen.data?.articleBySlug).toMatchObject({ documentId: id.documentId, locale: 'en', title: en.title });
    // A post without translation stays in its own locale only; a draft translation is not public.
    await rest('/api/articles/slug/pasar-saham-dibuka-datar?locale=id');
    expect((await app.http().get('/api/articles/slug/coffee-exports-rise?locale=en')).status).toBe(404);
    const kopi = (await rest('/api/articles/slug/ekspor-kopi-naik?locale=id')).data;
    const rows = (await app.strapi.db.query(ARTICLE_UID).findMany({
      where: { documentId: kopi.documentId as string, locale: 'en' },
    })) as { slug: string; publishedAt: unknown }[];
    expect(rows.map((r) => [r.slug, r.publishedAt])).toEqual([['coffee-exports-rise', null]]);
    expect((await app.http().get('/api/articles/slug/die-rupiah-legt-zu?locale=id')).status).toBe(404);
  });

  it('the generated export is listed over REST and GraphQL', async () => {
    const list = await app
      .http()
      .get('/api/articles?locale=id&filters[slug][$startsWith]=berita-arsip&pagination[pageSize]=1');
    expect(list.status).toBe(200);
    expect(list.body.meta.pagination.total).toBe(GENERATED_POSTS);
    const res = await gql<{ tags: { slug: string }[] }>(
      app,
      '{ tags(locale: "en", filters: { slug: { eq: "arsip" } }) { slug } }',
    );
    expect(res.data?.tags).toEqual([{ slug: 'arsip' }]);
  });
});

describe('an article an editor renamed since its import', () => {
  // Last: it changes a slug the tests above read.
  it('is skipped by its natural key (nr_import_keys), not imported a second time', async () => {
    const rows = await app.strapi.db.query(ARTICLE_UID).count({});
    await app.strapi.db.query(ARTICLE_UID).updateMany({
      where: { slug: 'harga-beras-naik', locale: 'id' },
      data: { slug: 'harga-beras-naik-diubah' },
    });
    const lines: string[] = [];
    const { report } = await importWordPress(app.strapi, {
      file: SITE,
      uploadsDir: UPLOADS,
      dryRun: false,
      out: (line) => lines.push(line),
    });
    expect(report.counts).toEqual({ created: 0, updated: 0, skipped: 15, failed: 2 });
    expect(lines.join('\n')).toContain(
      '"Harga Beras Naik di Pasar Induk" (id): imported before (key "id:harga-beras-naik"), since renamed or deleted',
    );
    expect(await app.strapi.db.query(ARTICLE_UID).count({})).toBe(rows);
  });
});
