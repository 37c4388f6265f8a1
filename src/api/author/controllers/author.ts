import { factories } from '@strapi/strapi';
import { AUTHOR_UID } from '../../../lib/uids';
import { AUTHOR_POPULATE } from '../../../api-contract/public-populate';
import { applyPublicDefaults } from '../../../api-contract/public-controller';

const defaults = { populate: AUTHOR_POPULATE };

export default factories.createCoreController(AUTHOR_UID, ({ strapi }) => ({
  async find(ctx) {
    applyPublicDefaults(strapi, ctx, defaults);
    return super.find(ctx);
  },

  async findOne(ctx) {
    applyPublicDefaults(strapi, ctx, defaults);
    return super.findOne(ctx);
  },
}));
