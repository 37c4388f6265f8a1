import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { parseSearchInput } from '../../../search/request';
import { search } from '../../../search/search';
import { sendError } from '../../../http/errors';

type Query = Record<string, unknown>;

const pagination = (query: Query): Query =>
  typeof query.pagination === 'object' && query.pagination !== null ? (query.pagination as Query) : {};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `page`/`pageSize` or the API's usual `pagination[page]`/`pagination[pageSize]`. */
  async find(ctx: Context) {
    const query = ctx.query as Query;
    let request;
    try {
      request = parseSearchInput({
        q: query.q,
        locale: query.locale,
        type: query.type,
        page: query.page ?? pagination(query).page,
        pageSize: query.pageSize ?? pagination(query).pageSize,
      });
    } catch (error) {
      if (!(error instanceof errors.ValidationError)) throw error;
      return sendError(ctx, 400, error.message, error.details ?? {}, 'ValidationError');
    }
    ctx.body = await search(strapi, request);
  },
});
