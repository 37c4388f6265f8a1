import { factories } from '@strapi/strapi';
import { TAG_UID } from '../../../lib/uids';
import { TAG_POPULATE } from '../../../api-contract/public-populate';
import { applyPublicDefaults } from '../../../api-contract/public-controller';

const defaults = { populate: TAG_POPULATE };

export default factories.createCoreController(TAG_UID, ({ strapi }) => ({
  async find(ctx) {
    applyPublicDefaults(strapi, ctx, defaults);
    return super.find(ctx);
  },

  async findOne(ctx) {
    applyPublicDefaults(strapi, ctx, defaults);
    return super.findOne(ctx);
  },
}));
