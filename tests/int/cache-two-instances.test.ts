import fs from 'fs';
import os from 'os';
import path from 'path';
import { randomBytes } from 'crypto';
import { spawnSync } from 'child_process';
import Redis from 'ioredis';
import { ROOT } from '../helpers/strapi';
import { PG, createTestDatabase, postgresEnv } from '../helpers/test-database';
import { freePort, sharedSecrets, startCmsProcess, type CmsProcess } from '../helpers/cms-process';

/**
 * Two CMS processes sharing one PostgreSQL database and one Redis (a unique
 * CACHE_KEY_PREFIX): a publish through A is seen by the next read on B, REST
 * and GraphQL; a draft save through A leaves B's cached answers HITs. Skipped,
 * saying so, when PostgreSQL or Redis does not answer.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const pgReachable =
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'postgres-ready.mjs')], { encoding: 'utf8' }).status === 0;
if (!pgReachable)
  console.warn(`SKIPPED cache-two-instances.test.ts: PostgreSQL not reachable at ${PG.host}:${PG.port}`);
const describeWithPostgres = pgReachable ? describe : describe.skip;

const CHIEF = { email: 'chief@example.com', password: 'Editor-in-chief-1' };
const body = (text: string) => [
  { __component: 'content.rich-text', body: [{ type: 'paragraph', children: [{ type: 'text', text }] }] },
];

const redisAnswers = async (): Promise<boolean> => {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
};

describeWithPostgres('response cache shared by two CMS processes through Redis', () => {
  let a: CmsProcess | undefined;
  let b: CmsProcess | undefined;
  let skip = false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-cache-two-'));

  beforeAll(async () => {
    if (!(await redisAnswers())) {
      skip = true;
      console.warn('SKIPPED cache-two-instances.test.ts: Redis does not answer on 127.0.0.1:6379');
      return;
    }
    const database = await createTestDatabase();
    const env = {
      ...sharedSecrets(),
      ...postgresEnv(database),
      PUBLIC_DIR: path.join(dir, 'public'),
      ADMIN_EMAIL: CHIEF.email,
      ADMIN_PASSWORD: CHIEF.password,
      EDITOR_EMAIL: '',
      EDITOR_PASSWORD: '',
      REDIS_URL,
      CACHE_KEY_PREFIX: `newsroom-test:cache-two:${Date.now()}:${randomBytes(4).toString('hex')}`,
      CACHE_ENABLED: 'true',
      PERF_OPTIMIZATIONS: 'true',
      RATE_LIMIT_ENABLED: 'false',
    };
    fs.mkdirSync(path.join(dir, 'public', 'uploads'), { recursive: true });
    a = startCmsProcess(await freePort(), env);
    await a.ready;
    b = startCmsProcess(await freePort(), env);
    await b.ready;
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a publish on A is in the next read on B; a draft save on A keeps B a HIT', async () => {
    if (skip || !a || !b) return;
    const admin = await a.http().post('/admin/login').send(CHIEF);
    expect(admin.status).toBe(200);
    const created = await a
      .http()
      .post('/admin/api-tokens')
      .set('Authorization', `Bearer ${admin.body.data.token}`)
      .send({ name: 'cache-two', type: 'full-access', lifespan: null, description: '' });
    expect(created.status).toBe(201);
    const auth = `Bearer ${created.body.data.accessKey as string}`;

    const first = await a
      .http()
      .post('/api/articles?locale=id&status=published')
      .set('Authorization', auth)
      .send({ data: { title: 'Berita pertama', excerpt: 'Ringkasan', body: body('Isi.') } });
    expect(first.status).toBe(201);
    const documentId = first.body.data.documentId as string;

    const list = '/api/articles?locale=id';
    const gql = { query: '{ articles(locale: "id") { documentId title } }' };
    const readB = async () => {
      const rest = await b!.http().get(list);
      const graphql = await b!.http().post('/graphql').send(gql);
      expect(graphql.body.errors).toBeUndefined();
      return {
        cache: [rest.headers['x-cache'], graphql.headers['x-cache']],
        rest: (rest.body.data as { title: string }[]).map((x) => x.title),
        gql: (graphql.body.data.articles as { title: string }[]).map((x) => x.title),
      };
    };
    await readB();
    expect((await readB()).cache).toEqual(['HIT', 'HIT']);

    // A draft save on A: nothing public changed, B's answers stay HITs.
    const draft = await a
      .http()
      .put(`/api/articles/${documentId}?locale=id&status=draft`)
      .set('Authorization', auth)
      .send({ data: { title: 'Judul draf' } });
    expect(draft.status).toBe(200);
    const afterDraft = await readB();
    expect(afterDraft.cache).toEqual(['HIT', 'HIT']);
    expect(afterDraft.rest).toEqual(['Berita pertama']);

    // A publish on A: the next read on B shows it.
    const published = await a
      .http()
      .put(`/api/articles/${documentId}?locale=id&status=published`)
      .set('Authorization', auth)
      .send({ data: { title: 'Berita diperbarui' } });
    expect(published.status).toBe(200);
    const afterPublish = await readB();
    expect(afterPublish.cache).toEqual(['MISS', 'MISS']);
    expect(afterPublish.rest).toEqual(['Berita diperbarui']);
    expect(afterPublish.gql).toEqual(['Berita diperbarui']);
  });
});
