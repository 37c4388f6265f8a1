/** Content locales of the newsroom. The first one is the default. */
export const LOCALES = [
  { code: 'id', name: 'Indonesian (id)' },
  { code: 'en', name: 'English (en)' },
] as const;

export type LocaleCode = (typeof LOCALES)[number]['code'];
export const DEFAULT_LOCALE: LocaleCode = 'id';
export const LOCALE_CODES: readonly LocaleCode[] = LOCALES.map((l) => l.code);

export const isLocaleCode = (value: unknown): value is LocaleCode =>
  typeof value === 'string' && (LOCALE_CODES as readonly string[]).includes(value);
