import slugify from '@sindresorhus/slugify';

/**
 * slugify builds ~700 regular expressions per call (its transliteration table),
 * and an import slugs each title more than once (its natural key, then the slug):
 * the last SLUG_MEMORY results are remembered (cleared when full: bounded memory).
 */
const SLUG_MEMORY = 5_000;
const remembered = new Map<string, string>();

/**
 * The same slug function, with the same options, that Strapi's admin panel uses
 * for a `uid` field's `targetField`, so a slug made on the server matches the
 * one an editor would have got from the "regenerate" button.
 */
export const toSlug = (value: string): string => {
  const known = remembered.get(value);
  if (known !== undefined) return known;
  const slug = slugify(value);
  if (remembered.size >= SLUG_MEMORY) remembered.clear();
  remembered.set(value, slug);
  return slug;
};

/** `base`, `base-2`, `base-3`, … : the first candidate that `isTaken` rejects not. */
export const uniqueSlug = async (base: string, isTaken: (candidate: string) => Promise<boolean>): Promise<string> => {
  let candidate = base;
  for (let n = 2; await isTaken(candidate); n += 1) {
    candidate = `${base}-${n}`;
  }
  return candidate;
};
