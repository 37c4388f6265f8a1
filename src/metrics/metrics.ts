import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Core } from '@strapi/strapi';
import type { RedisConnection } from '../redis/connection';

/**
 * The app's Prometheus metrics (prom-client), served by GET /metrics
 * (src/middlewares/metrics.ts). One registry per app, kept in Strapi's container:
 * two apps in one process (the tests) never mix their figures.
 *
 * - `newsroom_http_requests_total` / `newsroom_http_request_duration_seconds`:
 *   by surface (src/http/surface.ts: rest, graphql, feed, sitemap, account, admin,
 *   upload, other), method and status;
 * - `newsroom_response_cache_total{result="hit|miss"}`: the response cache's
 *   answers (its `X-Cache` header);
 * - `newsroom_rate_limit_refusals_total`: 429s of the per-IP limit, by surface;
 * - `newsroom_db_queries_total`, `newsroom_db_pool_connections{state}`: the knex pool;
 * - `newsroom_redis_up`: 1 while the shared Redis connection is usable (absent without Redis);
 * - `newsroom_scheduler_last_run_timestamp_seconds`: set by the scheduler through
 *   `markSchedulerRun()` after each run;
 * - Node's default process metrics (`process_*`, `nodejs_*`).
 */
export type Metrics = {
  registry: Registry;
  requests: Counter<'surface' | 'method' | 'status'>;
  duration: Histogram<'surface' | 'method' | 'status'>;
  cache: Counter<'result'>;
  rateLimitRefusals: Counter<'surface'>;
  schedulerLastRun: Gauge;
};

const KEY = 'newsroom.metrics';

/** The knex pool (tarn) as knex exposes it: the part read here. */
type Pool = {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
};
type Knex = { client: { pool?: Pool }; on(event: 'query', listener: () => void): void };

export const openMetrics = (strapi: Core.Strapi, redis?: RedisConnection): Metrics => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const metrics: Metrics = {
    registry,
    requests: new Counter({
      name: 'newsroom_http_requests_total',
      help: 'HTTP requests answered, by surface, method and status',
      labelNames: ['surface', 'method', 'status'],
      registers,
    }),
    duration: new Histogram({
      name: 'newsroom_http_request_duration_seconds',
      help: 'Time from the first middleware to the answer, by surface, method and status',
      labelNames: ['surface', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    cache: new Counter({
      name: 'newsroom_response_cache_total',
      help: 'Answers of the response cache (X-Cache): hit or miss',
      labelNames: ['result'],
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: 'newsroom_rate_limit_refusals_total',
      help: 'Requests refused with 429 by the per-IP rate limit, by surface',
      labelNames: ['surface'],
      registers,
    }),
    schedulerLastRun: new Gauge({
      name: 'newsroom_scheduler_last_run_timestamp_seconds',
      help: 'Unix time of the end of the scheduler’s last run (0: not run since this process started)',
      registers,
    }),
  };
  metrics.schedulerLastRun.set(0);

  const knex = strapi.db.connection as unknown as Knex;
  const queries = new Counter({
    name: 'newsroom_db_queries_total',
    help: 'SQL statements sent to the database by this process',
    registers,
  });
  knex.on('query', () => queries.inc());
  new Gauge({
    name: 'newsroom_db_pool_connections',
    help: 'Database pool connections by state: used, free, pending (acquires waiting), creating',
    labelNames: ['state'],
    registers,
    collect() {
      const pool = knex.client.pool;
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending' }, pool.numPendingAcquires());
      this.set({ state: 'creating' }, pool.numPendingCreates());
    },
  });
  new Gauge({
    name: 'newsroom_db_pool_max',
    help: 'The database pool’s maximum size',
    registers,
    collect() {
      this.set(knex.client.pool?.max ?? 0);
    },
  });
  if (redis) {
    new Gauge({
      name: 'newsroom_redis_up',
      help: '1 while the shared Redis connection is connected and not in its back-off after a failure',
      registers,
      collect() {
        this.set(redis.available() ? 1 : 0);
      },
    });
  }

  strapi.add(KEY, metrics);
  return metrics;
};

export const metricsOf = (strapi: Core.Strapi): Metrics | undefined =>
  strapi.has(KEY) ? (strapi.get(KEY) as Metrics) : undefined;

/**
 * For the scheduler: call after each run, e.g. `markSchedulerRun(strapi)` at the
 * end of the job (or with the run's end time); /metrics then shows it as
 * `newsroom_scheduler_last_run_timestamp_seconds`.
 */
export const markSchedulerRun = (strapi: Core.Strapi, at: Date = new Date()): void => {
  metricsOf(strapi)?.schedulerLastRun.set(at.getTime() / 1000);
};
