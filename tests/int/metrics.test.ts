import { randomBytes } from 'crypto';
import { startStrapi, type TestApp } from '../helpers/strapi';

/**
 * GET /metrics (src/middlewares/metrics.ts, src/metrics/metrics.ts) scraped as
 * Prometheus does and read with a real parser of the text format
 * (parse-prometheus-text-format), and GET /_ready (src/middlewares/readiness.ts)
 * with Redis up and down.
 */
type Sample = { value?: string; labels?: Record<string, string>; count?: string; buckets?: Record<string, string> };
type Family = { name: string; help: string; type: string; metrics: Sample[] };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => Family[];

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOKEN = randomBytes(18).toString('hex');

/** The value of the sample of `name` whose labels include `labels` (0 when there is none). */
const valueOf = (families: Family[], name: string, labels: Record<string, string> = {}): number => {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([key, value]) => m.labels?.[key] === value));
  return Number(sample?.value ?? sample?.count ?? 0);
};

describe('with a token, Redis, the cache and the rate limit on', () => {
  let app: TestApp;
  const scrape = async (): Promise<Family[]> => {
    const res = await app.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheus(res.text);
  };

  beforeAll(async () => {
    const prefix = `newsroom-test-metrics-${randomBytes(4).toString('hex')}`;
    app = await startStrapi({
      env: {
        METRICS_TOKEN: TOKEN,
        REDIS_URL,
        CACHE_ENABLED: 'true',
        CACHE_KEY_PREFIX: `${prefix}:cache`,
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_POINTS: '8',
        RATE_LIMIT_DURATION: '60',
        RATE_LIMIT_REDIS_PREFIX: `${prefix}:rate`,
      },
    });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a scrape without the token, or with another one', async () => {
    expect((await app.http().get('/metrics')).status).toBe(401);
    const wrong = await app.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ status: 401 });
    expect(wrong.text).not.toContain('newsroom_');
  });

  it('counts requests by surface and status, cache hits and misses, and rate-limit refusals', async () => {
    const before = await scrape();
    expect((await app.http().get('/api/articles?locale=id')).headers['x-cache']).toBe('MISS');
    expect((await app.http().get('/api/articles?locale=id')).headers['x-cache']).toBe('HIT');
    expect((await app.http().post('/graphql').send({ query: '{ articles { title } }' })).status).toBe(200);
    expect((await app.http().get('/feeds/id.xml')).status).toBe(200);
    expect((await app.http().get('/api/nope')).status).toBe(404);
    // The budget is 8 points a minute: the rest are refused.
    let refused = 0;
    for (let i = 0; i < 8; i += 1)
      if ((await app.http().get(`/api/tags?locale=id&i=${i}`)).status === 429) refused += 1;
    expect(refused).toBeGreaterThan(0);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>): number =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(
      delta('newsroom_http_requests_total', { surface: 'rest', method: 'GET', status: '200' }),
    ).toBeGreaterThanOrEqual(2);
    expect(delta('newsroom_http_requests_total', { surface: 'graphql', method: 'POST', status: '200' })).toBe(1);
    expect(delta('newsroom_http_requests_total', { surface: 'feed', method: 'GET', status: '200' })).toBe(1);
    expect(delta('newsroom_http_requests_total', { surface: 'rest', method: 'GET', status: '404' })).toBe(1);
    expect(delta('newsroom_http_requests_total', { surface: 'rest', method: 'GET', status: '429' })).toBe(refused);
    expect(delta('newsroom_rate_limit_refusals_total', { surface: 'rest' })).toBe(refused);
    expect(delta('newsroom_response_cache_total', { result: 'hit' })).toBe(1);
    expect(delta('newsroom_response_cache_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);

    const histogram = after.find((f) => f.name === 'newsroom_http_request_duration_seconds');
    expect(histogram?.type).toBe('HISTOGRAM');
    // The parser keeps a histogram's buckets (not its labels): the +Inf bucket counts every observation.
    expect(histogram?.metrics.some((m) => Number(m.buckets?.['+Inf']) >= 1)).toBe(true);
    const raw = (await app.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`)).text;
    expect(raw).toMatch(
      /^newsroom_http_request_duration_seconds_count\{surface="feed",method="GET",status="200"\} [1-9]/m,
    );
  });

  it('reports the database, Redis, the scheduler gauge and the process', async () => {
    const families = await scrape();
    const names = families.map((f) => f.name);
    expect(valueOf(families, 'newsroom_db_queries_total')).toBeGreaterThan(0);
    expect(names).toContain('newsroom_db_pool_connections');
    expect(valueOf(families, 'newsroom_db_pool_max')).toBeGreaterThan(0);
    expect(valueOf(families, 'newsroom_redis_up')).toBe(1);
    expect(names).toContain('newsroom_scheduler_last_run_timestamp_seconds');
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ])
      expect(names).toContain(name);
    // Every family has help text and a type: what Prometheus needs to ingest it.
    for (const family of families)
      expect({ name: family.name, typed: Boolean(family.type && family.help) }).toEqual({
        name: family.name,
        typed: true,
      });
  });

  it('is ready when the database and Redis answer', async () => {
    const res = await app.http().get('/_ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'up', redis: 'up' } });
  });
});

describe('without a token, with Redis down', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 9 (discard): the connection fails at once.
    app = await startStrapi({ env: { REDIS_URL: 'redis://127.0.0.1:9', CACHE_ENABLED: 'true' } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('has no /metrics endpoint', async () => {
    const res = await app.http().get('/metrics');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('newsroom_');
  });

  it('answers /_ready with 503 naming Redis, while the API still serves', async () => {
    const res = await app.http().get('/_ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      data: null,
      error: { status: 503, details: { checks: { database: 'up', redis: 'down' } } },
    });
    expect((await app.http().get('/api/articles?locale=id')).status).toBe(200);
  });
});
