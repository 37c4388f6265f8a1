import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ARTICLE_UID } from '../../../lib/uids';
import { DEFAULT_LOCALE } from '../../../lib/locales';
import { ARTICLE_VIEWS } from '../../../api-contract/public-populate';
import { DEFAULT_ARTICLE_SORT } from '../../../api-contract/public-query';
import { applyPublicDefaults } from '../../../api-contract/public-controller';

/** `?view=page` (the default: the whole page) or `?view=card` (a list card), see public-populate.ts. */
const defaults = { views: ARTICLE_VIEWS, sort: DEFAULT_ARTICLE_SORT };

export default factories.createCoreController(ARTICLE_UID, ({ strapi }) => ({
  async find(ctx) {
    applyPublicDefaults(strapi, ctx, defaults);
    return super.find(ctx);
  },

  async findOne(ctx) {
    applyPublicDefaults(strapi, ctx, defaults);
    return super.findOne(ctx);
  },

  /** GET /api/articles/slug/:slug?locale=en — one article, the same shape as findOne, or a 404. */
  async findBySlug(ctx) {
    const slug = String(ctx.params.slug ?? '');
    applyPublicDefaults(strapi, ctx, defaults);
    const query = ctx.query as Record<string, unknown>;
    const filters = (query.filters ?? {}) as Record<string, unknown>;
    ctx.query = { ...query, filters: { ...filters, slug: { $eq: slug } }, pagination: { page: 1, pageSize: 1 } };
    const list = (await super.find(ctx)) as { data?: unknown[] } | undefined;
    const entity = list?.data?.[0];
    if (!entity) {
      throw new errors.NotFoundError(
        `No published article with slug "${slug}" in locale "${String(query.locale ?? DEFAULT_LOCALE)}"`,
      );
    }
    return { data: entity, meta: {} };
  },
}));
