import fs from 'fs';
import os from 'os';
import path from 'path';
import { createHash } from 'crypto';
import { spawn, spawnSync } from 'child_process';
import { ROOT } from '../helpers/strapi';
import { PG, createTestDatabase, postgresEnv } from '../helpers/test-database';
import { childEnv, freePort, sharedSecrets, startCmsProcess, type CmsProcess } from '../helpers/cms-process';
import { solidPng } from '../helpers/contract-fixture';
import { startS3Server, type S3Server } from '../helpers/s3-server';

/**
 * Media in an S3-compatible bucket (S3_* variables, src/lib/media-storage.ts):
 * two CMS processes of one deployment (one PostgreSQL database, one bucket on a
 * real S3 API server on loopback, tests/helpers/s3-server.ts). A file uploaded
 * through A — with the formats Strapi makes of an image — is in the bucket, not
 * on A's disk, and B lists and serves the same URLs; deleting through B empties
 * the bucket; a backup of a seeded deployment restored into another database and
 * bucket serves the same media bytes; `npm run media:migrate` moves local uploads
 * into the bucket and rewrites their URLs, those embedded in rich text included, once.
 */
const reachable =
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'postgres-ready.mjs')], { encoding: 'utf8' }).status === 0;
if (!reachable) console.warn(`SKIPPED media-s3.test.ts: PostgreSQL not reachable at ${PG.host}:${PG.port}`);
const describeWithPostgres = reachable ? describe : describe.skip;

const CHIEF = { email: 'chief@example.com', password: 'Editor-in-chief-1' };
const secrets = sharedSecrets();
const dirs: string[] = [];
let s3: S3Server;

type Result = { code: number | null; output: string };
const run = (script: string, args: string[], env: Record<string, string>): Promise<Result> =>
  new Promise((resolve) => {
    const proc = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: childEnv(env) });
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
    proc.on('exit', (code) => resolve({ code, output }));
  });

const SEED = path.join(ROOT, 'dist', 'scripts', 'seed', 'cli.js');
/** Seeds a deployment; the output is in the failure message. */
const seed = async (env: Record<string, string>): Promise<void> => {
  const res = await run(SEED, [], env);
  expect({ code: res.code, output: res.code === 0 ? '' : res.output }).toEqual({ code: 0, output: '' });
};

/** One deployment's environment: its own database and uploads folder, media in `bucket` (or local). */
const deployment = async (bucket: string | null): Promise<Record<string, string>> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-media-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
  return {
    ...secrets,
    ...postgresEnv(await createTestDatabase()),
    PUBLIC_DIR: path.join(dir, 'public'),
    STRAPI_STARTUP_LOG: 'false',
    ADMIN_EMAIL: CHIEF.email,
    ADMIN_PASSWORD: CHIEF.password,
    EDITOR_EMAIL: '',
    EDITOR_PASSWORD: '',
    ...(bucket ? s3.env(bucket) : {}),
  };
};

const localUploads = (env: Record<string, string>): string[] =>
  fs.readdirSync(path.join(env.PUBLIC_DIR, 'uploads')).filter((f) => f !== '.gitkeep');

const fetchBytes = async (url: string): Promise<{ status: number; sha: string }> => {
  const res = await fetch(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, sha: createHash('sha256').update(bytes).digest('hex') };
};

type MediaFile = { id: number; hash: string; url: string; provider: string; formats: Record<string, { url: string }> };
/** Every URL of a media record: the original and each format. */
const urlsOf = (file: MediaFile): string[] => [file.url, ...Object.values(file.formats ?? {}).map((f) => f.url)];

const adminToken = async (cms: CmsProcess): Promise<string> => {
  const res = await cms.http().post('/admin/login').send(CHIEF);
  expect(res.status).toBe(200);
  return res.body.data.token as string;
};

const bucketPath = (bucket: string): string => `${s3.endpoint}/${bucket}/`;

beforeAll(async () => {
  if (reachable) s3 = await startS3Server(['media', 'restored', 'migrated']);
});

afterAll(async () => {
  await s3?.stop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describeWithPostgres('media in an S3 bucket, two instances', () => {
  let a: CmsProcess;
  let b: CmsProcess;
  let env: Record<string, string>;
  let uploaded: MediaFile;
  const png = solidPng(1200, 800);

  beforeAll(async () => {
    env = await deployment('media');
    a = startCmsProcess(await freePort(), env);
    await a.ready;
    b = startCmsProcess(await freePort(), env);
    await b.ready;
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('an image uploaded through A goes to the bucket with its formats, not to the disk', async () => {
    const res = await a
      .http()
      .post('/upload')
      .set('Authorization', `Bearer ${await adminToken(a)}`)
      .attach('files', png, { filename: 'sampul.png', contentType: 'image/png' });
    expect(res.status).toBe(201);
    uploaded = res.body[0] as MediaFile;
    expect(uploaded.provider).toBe('aws-s3');
    expect(Object.keys(uploaded.formats).sort()).toEqual(['large', 'medium', 'small', 'thumbnail']);
    for (const url of urlsOf(uploaded)) expect(url.startsWith(bucketPath('media'))).toBe(true);
    expect(s3.keys('media')).toHaveLength(5);
    expect(localUploads(env)).toEqual([]);
    // The original (Strapi re-encodes it) is a PNG of the uploaded size, served from the bucket.
    const original = await fetch(uploaded.url);
    expect(original.status).toBe(200);
    const stored = Buffer.from(await original.arrayBuffer());
    expect(stored.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([stored.readUInt32BE(16), stored.readUInt32BE(20)]).toEqual([1200, 800]);
  });

  it('B lists the same file with the same URLs, each served from the bucket', async () => {
    const res = await b
      .http()
      .get(`/upload/files/${uploaded.id}`)
      .set('Authorization', `Bearer ${await adminToken(b)}`);
    expect(res.status).toBe(200);
    expect(urlsOf(res.body as MediaFile)).toEqual(urlsOf(uploaded));
    for (const url of urlsOf(uploaded)) expect((await fetchBytes(url)).status).toBe(200);
  });

  it("B's Content-Security-Policy lets the admin load images and media from the bucket", async () => {
    const res = await b.http().get('/api/articles?locale=id');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ['img-src', 'media-src']) {
      const sources = csp.split(';').find((d) => d.trim().startsWith(directive)) ?? '';
      expect(sources.split(/\s+/)).toContain(s3.endpoint);
    }
  });

  it('deleting through B removes the file and its formats from the bucket', async () => {
    const res = await b
      .http()
      .delete(`/upload/files/${uploaded.id}`)
      .set('Authorization', `Bearer ${await adminToken(b)}`);
    expect(res.status).toBe(200);
    expect(s3.keys('media')).toEqual([]);
    for (const url of urlsOf(uploaded)) expect((await fetchBytes(url)).status).toBe(404);
  });
});

/** The seeded articles as the public API serves them, with the bucket's address taken out of every URL. */
const publicArticles = async (cms: CmsProcess, bucket: string): Promise<unknown> => {
  const out: Record<string, unknown> = {};
  for (const locale of ['id', 'en']) {
    const res = await cms.http().get(`/api/articles?locale=${locale}&sort=slug&pagination[pageSize]=100`);
    expect(res.status).toBe(200);
    out[locale] = JSON.parse(
      JSON.stringify(res.body.data)
        .replaceAll(bucketPath(bucket), '<bucket>/')
        .replace(/"(id|documentId|createdAt|updatedAt|publishedAt)":("[^"]*"|\d+)/g, '"$1":0'),
    );
  }
  return out;
};

/** The bytes of every media file a deployment has, by file name and format (local URLs are read from the CMS). */
const mediaBytes = async (cms: CmsProcess): Promise<Record<string, string>> => {
  const res = await cms
    .http()
    .get('/upload/files?pageSize=100')
    .set('Authorization', `Bearer ${await adminToken(cms)}`);
  expect(res.status).toBe(200);
  const files = (Array.isArray(res.body) ? res.body : res.body.results) as (MediaFile & { name: string })[];
  const out: Record<string, string> = {};
  for (const file of files) {
    const formats = Object.entries(file.formats ?? {}).map(([name, f]) => [name, f.url]);
    for (const [format, url] of [['original', file.url], ...formats]) {
      const got = await fetchBytes(url.startsWith('/') ? `http://127.0.0.1:${cms.port}${url}` : url);
      expect({ url, status: got.status }).toEqual({ url, status: 200 });
      out[`${file.name} ${format}`] = got.sha;
    }
  }
  return out;
};

describeWithPostgres('backup and restore with media in a bucket', () => {
  it('a seeded deployment restored into another database and bucket serves the same media', async () => {
    const source = await deployment('media');
    await seed(source);
    expect(s3.keys('media').length).toBe(5); // the seed's cover and its four formats
    const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-media-backup-'));
    dirs.push(backupDir);
    const backup = await run(path.join(ROOT, 'scripts', 'backup.mjs'), ['--file', 'media'], {
      ...source,
      BACKUP_DIR: backupDir,
    });
    expect(backup.code).toBe(0);

    const target = await deployment('restored');
    const restore = await run(
      path.join(ROOT, 'scripts', 'restore.mjs'),
      [path.join(backupDir, 'media.tar.gz')],
      target,
    );
    expect(restore.output).not.toMatch(/FAILED/);
    expect(restore.code).toBe(0);
    expect(s3.keys('restored').length).toBe(5);
    expect(localUploads(target)).toEqual([]);

    const [original, restored] = [startCmsProcess(await freePort(), source), startCmsProcess(await freePort(), target)];
    try {
      await Promise.all([original.ready, restored.ready]);
      expect(await publicArticles(restored, 'restored')).toEqual(await publicArticles(original, 'media'));
      const [before, after] = [await mediaBytes(original), await mediaBytes(restored)];
      expect(Object.keys(before)).toHaveLength(5);
      expect(after).toEqual(before);
    } finally {
      await Promise.all([original.stop(), restored.stop()]);
    }
  }, 600000);
});

const CM = '/content-manager/collection-types/api::article.article';
type ImageNode = { type: string; image?: MediaFile; children?: ImageNode[] };

/**
 * An article whose rich text embeds the library's image, in both locales,
 * published: what an editor gets from the blocks editor's image button (the
 * file's record copied into the text). Returns its documentId.
 */
const articleWithEmbeddedImage = async (cms: CmsProcess): Promise<string> => {
  const auth = { Authorization: `Bearer ${await adminToken(cms)}` };
  const files = await cms.http().get('/upload/files?pageSize=100').set(auth);
  const [file] = (Array.isArray(files.body) ? files.body : files.body.results) as MediaFile[];
  expect(file?.url.startsWith('/uploads/')).toBe(true);
  const body = (caption: string) => [
    {
      __component: 'content.rich-text',
      body: [
        { type: 'paragraph', children: [{ type: 'text', text: caption }] },
        { type: 'image', image: file, children: [{ type: 'text', text: '' }] },
      ],
    },
  ];
  const created = await cms
    .http()
    .post(`${CM}?locale=id`)
    .set(auth)
    .send({ title: 'Foto di dalam teks', body: body('Foto:') });
  expect(created.status).toBe(201);
  const documentId = created.body.data.documentId as string;
  const en = await cms
    .http()
    .put(`${CM}/${documentId}?locale=en`)
    .set(auth)
    .send({ title: 'A photo in the text', body: body('Photo:') });
  expect(en.status).toBe(200);
  for (const locale of ['id', 'en']) {
    const published = await cms.http().post(`${CM}/${documentId}/actions/publish?locale=${locale}`).set(auth).send({});
    expect(published.status).toBe(200);
  }
  return documentId;
};

/** The images embedded in an article's rich text, as the public API serves them. */
const embeddedImages = async (cms: CmsProcess, documentId: string, locale: string): Promise<MediaFile[]> => {
  const res = await cms.http().get(`/api/articles/${documentId}?locale=${locale}`);
  expect(res.status).toBe(200);
  const blocks = (res.body.data.body as { body?: ImageNode[] }[]).flatMap((entry) => entry.body ?? []);
  return blocks.flatMap((node) => (node.type === 'image' && node.image ? [node.image] : []));
};

describeWithPostgres('npm run media:migrate', () => {
  it('copies local uploads to the bucket and rewrites their URLs, and a second run changes nothing', async () => {
    const local = await deployment(null);
    await seed(local);
    expect(localUploads(local).length).toBe(5);
    const before = startCmsProcess(await freePort(), local);
    let expectedBytes: Record<string, string>;
    let withImage: string;
    try {
      await before.ready;
      expectedBytes = await mediaBytes(before);
      withImage = await articleWithEmbeddedImage(before);
      for (const locale of ['id', 'en']) {
        const [image] = await embeddedImages(before, withImage, locale);
        expect(image?.url.startsWith('/uploads/')).toBe(true);
      }
    } finally {
      await before.stop();
    }

    const migrating = { ...local, ...s3.env('migrated') };
    const first = await run(path.join(ROOT, 'dist', 'scripts', 'media-migrate.js'), [], migrating);
    expect(first.output).toMatch(/\[media:migrate\] moved 1 file \(5 objects\) to bucket migrated/);
    // The draft and published rows of both locales each hold their own copy of the text.
    expect(first.output).toMatch(/\[media:migrate\] rich text: 4 fields rewritten to bucket URLs/);
    expect(first.code).toBe(0);
    expect(s3.keys('migrated').length).toBe(5);

    const second = await run(path.join(ROOT, 'dist', 'scripts', 'media-migrate.js'), [], migrating);
    expect(second.code).toBe(0);
    expect(second.output).toMatch(/\[media:migrate\] nothing to move/);
    expect(second.output).toMatch(/\[media:migrate\] rich text: 0 fields rewritten/);
    expect(s3.keys('migrated').length).toBe(5);

    const after = startCmsProcess(await freePort(), migrating);
    try {
      await after.ready;
      const bytes = await mediaBytes(after);
      expect(bytes).toEqual(expectedBytes);
      const article = await after.http().get('/api/articles?locale=id&populate=cover&pagination[pageSize]=100');
      const covers = (article.body.data as { cover: MediaFile | null }[]).flatMap((a) => (a.cover ? [a.cover] : []));
      expect(covers.length).toBeGreaterThan(0);
      for (const cover of covers)
        for (const url of urlsOf(cover)) expect(url.startsWith(bucketPath('migrated'))).toBe(true);
      for (const locale of ['id', 'en']) {
        const images = await embeddedImages(after, withImage, locale);
        expect(images).toHaveLength(1);
        for (const image of images) {
          expect(image.provider).not.toBe('local');
          for (const url of urlsOf(image)) {
            expect(url.startsWith(bucketPath('migrated'))).toBe(true);
            expect((await fetchBytes(url)).status).toBe(200);
          }
        }
      }
    } finally {
      await after.stop();
    }
  }, 600000);
});
