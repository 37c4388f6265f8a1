import type { Core } from '@strapi/strapi';
import { withPublicDefaults, type Limits, type PublicShape } from './public-query';
import { publicQuery } from './public-query-memo';

type Ctx = { query: Record<string, unknown>; state: { auth?: unknown; route?: unknown } };

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

/**
 * The core controller's `validateQuery` and `sanitizeQuery`, with the same
 * options (auth, route, `api.rest.strictParams`), answered from the memo of
 * public-query-memo.ts: spread into a core controller's methods.
 */
export const memoizedQueryChecks = (strapi: Core.Strapi, uid: string) => {
  const optionsOf = (ctx: Ctx): Record<string, unknown> => {
    const strictParams = strapi.config.get('api.rest.strictParams');
    return {
      auth: ctx.state.auth ?? {},
      route: ctx.state.route,
      ...(typeof strictParams === 'boolean' ? { strictParams } : {}),
    };
  };
  return {
    async validateQuery(ctx: Ctx): Promise<void> {
      await publicQuery(strapi, uid, ctx, optionsOf(ctx));
    },
    async sanitizeQuery(ctx: Ctx): Promise<Record<string, unknown>> {
      return publicQuery(strapi, uid, ctx, optionsOf(ctx));
    },
  };
};
