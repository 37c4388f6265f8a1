import { factories } from '@strapi/strapi';
import { RELATED_LINK_UID } from '../../../lib/uids';
import { RELATED_LINK_POPULATE } from '../../../api-contract/public-populate';
import { applyPublicDefaults } from '../../../api-contract/public-controller';

const defaults = { populate: RELATED_LINK_POPULATE };

export default factories.createCoreController(RELATED_LINK_UID, ({ strapi }) => ({
  async find(ctx) {
    applyPublicDefaults(strapi, ctx, defaults);
    return super.find(ctx);
  },

  async findOne(ctx) {
    applyPublicDefaults(strapi, ctx, defaults);
    return super.findOne(ctx);
  },
}));
