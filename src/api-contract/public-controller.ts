import type { Core } from '@strapi/strapi';
import { withPublicDefaults, type Limits, type PublicShape } from './public-query';

type Ctx = { query: Record<string, unknown> };

export const restLimits = (strapi: Core.Strapi): Limits => ({
  maxLimit: Number(strapi.config.get('api.rest.maxLimit', 100)),
});

/**
 * Wraps a core controller's `find`/`findOne` so that public reads get the
 * server's default population and sort (src/api-contract/public-populate.ts),
 * or the view the client names (`?view=`) when the type has views, and bad
 * locales, page sizes or views a 400 before anything is read.
 */
export const applyPublicDefaults = (
  strapi: Core.Strapi,
  ctx: Ctx,
  options: PublicShape & { sort?: readonly string[] },
): void => {
  ctx.query = withPublicDefaults(ctx.query, { ...options, limits: restLimits(strapi) });
};
