import slugify from '@sindresorhus/slugify';
import { boundedMemo } from './bounded-memo';

/**
 * The same slug function, with the same options, that Strapi's admin panel uses
 * for a `uid` field's `targetField`, so a slug made on the server matches the
 * one an editor would have got from the "regenerate" button. slugify builds ~700
 * regular expressions per call (its transliteration table), and an import slugs
 * each title more than once (its natural key, then the slug): the last 5,000
 * results are remembered.
 */
export const toSlug = boundedMemo((value: string) => slugify(value), 5_000);

/** `base`, `base-2`, `base-3`, … : the first candidate that `isTaken` rejects not. */
export const uniqueSlug = async (base: string, isTaken: (candidate: string) => Promise<boolean>): Promise<string> => {
  let candidate = base;
  for (let n = 2; await isTaken(candidate); n += 1) {
    candidate = `${base}-${n}`;
  }
  return candidate;
};
