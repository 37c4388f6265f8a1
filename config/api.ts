import type { Core } from '@strapi/strapi';
import { readSettings } from '../src/config/settings';
import { REST_PREFIX } from '../src/http/paths';

const config = (): Core.Config.Api => {
  const { api } = readSettings();
  return { rest: { prefix: REST_PREFIX, defaultLimit: api.defaultLimit, maxLimit: api.maxLimit, withCount: true } };
};

export default config;
