import { timingSafeEqual } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { metricsOf } from '../metrics/metrics';
import { surfaceOf } from '../http/surface';
import { sendError } from '../http/errors';

/**
 * The outermost project middleware (config/middlewares.ts): times and counts
 * every request by its surface and final status (src/metrics/metrics.ts), and
 * serves `GET /metrics` in the Prometheus text format to a scraper presenting
 * `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN the endpoint is
 * off (404, like any unknown path): metrics name internals and are never public.
 */
export const METRICS_PATH = '/metrics';

export type MetricsConfig = { token?: string };

const tokenMatches = (header: string, token: string): boolean => {
  const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
  const wanted = Buffer.from(token);
  return header.toLowerCase().startsWith('bearer ') && given.length === wanted.length && timingSafeEqual(given, wanted);
};

export default (config: MetricsConfig, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    const metrics = metricsOf(strapi);
    if (ctx.path === METRICS_PATH && metrics && config.token) {
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
        ctx.set('Allow', 'GET, HEAD');
        return sendError(ctx, 405, 'Method Not Allowed');
      }
      if (!tokenMatches(ctx.get('authorization'), config.token)) {
        ctx.set('WWW-Authenticate', 'Bearer realm="metrics"');
        return sendError(ctx, 401, 'A valid metrics bearer token is required');
      }
      ctx.set('Content-Type', metrics.registry.contentType);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await metrics.registry.metrics();
      return;
    }
    if (!metrics) return next();

    const started = process.hrtime.bigint();
    const surface = surfaceOf(ctx).kind;
    try {
      await next();
    } finally {
      // strapi::errors (inside) has set the status of a thrown error by now.
      const labels = { surface, method: ctx.method, status: String(ctx.status) };
      metrics.requests.inc(labels);
      metrics.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      const cache = ctx.response.get('X-Cache');
      if (cache === 'HIT') metrics.cache.inc({ result: 'hit' });
      else if (cache === 'MISS') metrics.cache.inc({ result: 'miss' });
      if (ctx.status === 429 && surfaceOf(ctx).rateLimited) metrics.rateLimitRefusals.inc({ surface });
    }
  };
