import { startStrapi, type TestApp } from '../helpers/strapi';

/**
 * The per-IP rate limit (src/middlewares/rate-limit.ts), off in tests unless
 * turned on as here: 5 requests a minute, client addresses taken from
 * X-Forwarded-For (IS_PROXIED) so the test can be two clients. REDIS_URL
 * points at a port where no Redis listens: the limiter must keep working on
 * its in-memory insurance (the shared store is tested in rate-limit-redis.test.ts).
 */
let app: TestApp;
const POINTS = 5;

beforeAll(async () => {
  app = await startStrapi({
    env: {
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_POINTS: String(POINTS),
      RATE_LIMIT_DURATION: '60',
      IS_PROXIED: 'true',
      REDIS_URL: 'redis://127.0.0.1:9',
    },
  });
});

afterAll(async () => {
  await app?.stop();
});

const from = (ip: string) => ({
  get: (url: string) => app.http().get(url).set('X-Forwarded-For', ip),
  gql: () => app.http().post('/graphql').set('X-Forwarded-For', ip).send({ query: '{ articles { title } }' }),
});

it('answers 429 with Retry-After and a JSON error past the budget, on REST, GraphQL and feeds alike', async () => {
  const client = from('203.0.113.10');
  const remaining: string[] = [];
  for (let i = 0; i < POINTS; i += 1) {
    const res = await client.get('/api/articles?locale=id');
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-limit']).toBe(String(POINTS));
    remaining.push(String(res.headers['ratelimit-remaining']));
  }
  expect(remaining).toEqual(['4', '3', '2', '1', '0']);

  for (const res of [
    await client.get('/api/articles?locale=id'),
    await client.gql(),
    await client.get('/feeds/id.xml'),
    await client.get('/sitemap.xml'),
  ]) {
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body.error).toMatchObject({ status: 429, name: 'TooManyRequestsError' });
    expect(res.body.error.message).toMatch(/at most 5 every 60 s/);
  }
});

it('counts each client address on its own', async () => {
  const other = from('203.0.113.20');
  expect((await other.get('/api/tags?locale=id')).status).toBe(200);
  expect((await from('203.0.113.10').get('/api/tags?locale=id')).status).toBe(429);
});

it('leaves the admin panel and its API alone', async () => {
  const client = from('203.0.113.10');
  for (let i = 0; i < POINTS + 2; i += 1) {
    const res = await client.get('/admin/init');
    expect(res.status).toBe(200);
    expect(res.headers['ratelimit-limit']).toBeUndefined();
  }
});
