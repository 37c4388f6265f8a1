import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, LOCALES } from '../lib/locales';

type Locale = { id: number; code: string; name: string; isDefault?: boolean };
type LocalesService = {
  find(params?: unknown): Promise<Locale[]>;
  create(locale: { code: string; name: string }): Promise<Locale>;
  getDefaultLocale(): Promise<string>;
  setDefaultLocale(locale: { code: string }): Promise<void>;
};

/** Ensures the content locales `id` (default) and `en` exist. Idempotent. */
export const ensureLocales = async (strapi: Core.Strapi): Promise<void> => {
  const service = strapi.plugin('i18n').service('locales') as unknown as LocalesService;
  const existing = new Set((await service.find()).map((l) => l.code));
  for (const locale of LOCALES) {
    if (!existing.has(locale.code)) {
      await service.create({ code: locale.code, name: locale.name });
      strapi.log.info(`[locales] created ${locale.code}`);
    }
  }
  if ((await service.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await service.setDefaultLocale({ code: DEFAULT_LOCALE });
    strapi.log.info(`[locales] default locale set to ${DEFAULT_LOCALE}`);
  }
};
