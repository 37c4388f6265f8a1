import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID } from '../../../lib/uids';

type Params = { documentId?: string; locale?: string };
type State = { route?: { info?: { type?: string } }; userAbility?: unknown };
type PermissionChecker = { cannot: { update(entity: unknown): boolean } };
type PermissionCheckerFactory = { create(params: { userAbility: unknown; model: string }): PermissionChecker };

/**
 * A new translation counts as editing the document. The Content Manager
 * checks a write to a locale version that does not exist yet against the
 * `create` permission only (collection-types controller, Strapi 5.54), so a
 * reporter, whose update is limited to what they created, could add an
 * English version to anyone's article. For an admin request that adds a
 * locale version, the user must be allowed to update an existing version of
 * the same document; otherwise 403.
 */
export const translationOwnership =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    if (ctx.uid !== ARTICLE_UID || ctx.action !== 'update') return next();
    const state = strapi.requestContext.get()?.state as State | undefined;
    const params = ctx.params as Params;
    if (state?.route?.info?.type !== 'admin' || !state.userAbility || !params.documentId) return next();
    const versions = (await strapi.db.query(ARTICLE_UID).findMany({
      select: ['id', 'locale'],
      where: { documentId: params.documentId, publishedAt: null },
      populate: { createdBy: { select: ['id'] } },
    })) as { id: number; locale: string }[];
    if (versions.length === 0 || versions.some((v) => v.locale === params.locale)) return next();
    const checker = (
      strapi.plugin('content-manager').service('permission-checker') as unknown as PermissionCheckerFactory
    ).create({ userAbility: state.userAbility, model: ARTICLE_UID });
    if (versions.every((v) => checker.cannot.update(v))) {
      throw new errors.ForbiddenError('Only someone who may edit this article can add a translation of it');
    }
    return next();
  };
