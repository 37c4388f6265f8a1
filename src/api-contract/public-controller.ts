import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { withPublicDefaults, type Limits, type PublicShape } from './public-query';
import { publicQuery } from './public-query-memo';
import { sanitizePublicOutput } from './public-output';

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
 * public-query-memo.ts, and its `sanitizeOutput` by the one-walk sanitizer of
 * public-output.ts: spread into a core controller's methods. Typed `object`:
 * Strapi's controller type asks every method to be both a route handler (its
 * index signature) and these `Base` methods, which no function can be.
 */
export const publicReadChecks = (strapi: Core.Strapi, uid: string): object => {
  const optionsOf = (ctx: Ctx): Record<string, unknown> => {
    const strictParams = strapi.config.get('api.rest.strictParams');
    return {
      auth: ctx.state.auth ?? {},
      route: ctx.state.route,
      ...(typeof strictParams === 'boolean' ? { strictParams } : {}),
    };
  };
  return {
    async validateQuery(ctx: Context): Promise<void> {
      await publicQuery(strapi, uid, ctx as Ctx, optionsOf(ctx as Ctx));
    },
    async sanitizeQuery(ctx: Context): Promise<Record<string, unknown>> {
      return publicQuery(strapi, uid, ctx as Ctx, optionsOf(ctx as Ctx));
    },
    async sanitizeOutput<TData>(data: TData, ctx: Context): Promise<unknown> {
      return sanitizePublicOutput(strapi, uid, data, (ctx as Ctx).state.auth ?? {});
    },
  };
};
