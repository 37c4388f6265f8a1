import slugify from '@sindresorhus/slugify';

/**
 * The same slug function, with the same options, that Strapi's admin panel uses
 * for a `uid` field's `targetField`, so a slug made on the server matches the
 * one an editor would have got from the "regenerate" button.
 */
export const toSlug = (value: string): string => slugify(value);

/** `base`, `base-2`, `base-3`, … : the first candidate that `isTaken` rejects not. */
export const uniqueSlug = async (base: string, isTaken: (candidate: string) => Promise<boolean>): Promise<string> => {
  let candidate = base;
  for (let n = 2; await isTaken(candidate); n += 1) {
    candidate = `${base}-${n}`;
  }
  return candidate;
};
