import { randomBytes } from 'crypto';
import Redis from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { startStrapi, type TestApp } from '../helpers/strapi';

/**
 * With REDIS_URL the rate-limit counters live in Redis, so instances share
 * one budget: what "another instance" (a limiter made here with the same
 * prefix) spends is spent for this app too. Uses the Redis at REDIS_URL or
 * 127.0.0.1:6379 under a key prefix unique to this run, deleted afterwards.
 * Without a reachable Redis the tests say so and do nothing, unless
 * TEST_REQUIRE_REDIS=true, which makes them fail.
 */
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const PREFIX = `newsroom-test-rl-${randomBytes(6).toString('hex')}`;
const POINTS = 5;

let app: TestApp | undefined;
let redis: Redis;
let available = false;

beforeAll(async () => {
  redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  available = await redis
    .connect()
    .then(() => redis.ping())
    .then((pong) => pong === 'PONG')
    .catch(() => false);
  if (!available) {
    if (process.env.TEST_REQUIRE_REDIS === 'true') throw new Error(`Redis is not reachable at ${REDIS_URL}`);
    console.warn(`Redis is not reachable at ${REDIS_URL}: the shared rate-limit store is not tested in this run`);
    return;
  }
  app = await startStrapi({
    env: {
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_POINTS: String(POINTS),
      RATE_LIMIT_DURATION: '60',
      IS_PROXIED: 'true',
      REDIS_URL,
      RATE_LIMIT_REDIS_PREFIX: PREFIX,
    },
  });
});

afterAll(async () => {
  await app?.stop();
  if (available) {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
});

it('counts in Redis: the app spends from the shared budget', async () => {
  if (!available || !app) return;
  for (let i = 0; i < 2; i += 1) {
    expect((await app.http().get('/api/tags?locale=id').set('X-Forwarded-For', '198.51.100.7')).status).toBe(200);
  }
  expect(await redis.get(`${PREFIX}:198.51.100.7`)).toBe('2');
});

it('refuses a client whose budget another instance has spent', async () => {
  if (!available || !app) return;
  const otherInstance = new RateLimiterRedis({ storeClient: redis, points: POINTS, duration: 60, keyPrefix: PREFIX });
  for (let i = 0; i < POINTS; i += 1) await otherInstance.consume('198.51.100.8');

  const res = await app.http().get('/api/articles?locale=id').set('X-Forwarded-For', '198.51.100.8');
  expect(res.status).toBe(429);
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(res.body.error.name).toBe('TooManyRequestsError');
  // A client the other instance did not touch is still served.
  expect((await app.http().get('/api/articles?locale=id').set('X-Forwarded-For', '198.51.100.9')).status).toBe(200);
});
