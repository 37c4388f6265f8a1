/**
 * Server-side slugs for a whole batch at once, with the rule of the slug
 * document middleware (src/document-middlewares/slug.ts): an explicit slug
 * wins; otherwise the title's slug (src/lib/slug.ts), made unique within its
 * locale with `-2`, `-3`, … exactly as `uniqueSlug` would pick it had the
 * batch's items been written one by one, in input order. Each round of
 * candidates costs one query per locale instead of one per candidate.
 */
import type { Knex } from 'knex';
import { toSlug } from '../lib/slug';

export type SlugRequest = {
  locale: string;
  /** The explicit slug, when the item has one. */
  slug?: string;
  /** What a slug is derived from (title or name). */
  source: string;
};

/** Which of `candidates` some row of `table` in `locale` already holds. */
const takenIn = async (
  trx: Knex.Transaction,
  table: string,
  locale: string,
  candidates: readonly string[],
): Promise<Set<string>> => {
  const taken = new Set<string>();
  for (let i = 0; i < candidates.length; i += 500) {
    const rows = (await trx(table)
      .distinct('slug')
      .where('locale', locale)
      .whereIn('slug', candidates.slice(i, i + 500))) as { slug: string }[];
    for (const row of rows) taken.add(row.slug);
  }
  return taken;
};

/** One slug per request (undefined when neither a slug nor a source gives one), in input order. */
export const assignSlugs = async (
  trx: Knex.Transaction,
  table: string,
  requests: readonly SlugRequest[],
): Promise<(string | undefined)[]> => {
  const result: (string | undefined)[] = requests.map((r) => r.slug?.trim() || undefined);
  const locales = [...new Set(requests.map((r) => r.locale))];
  for (const locale of locales) {
    const known = new Map<string, boolean>(); // candidate → taken in the database
    const assigned = new Set<string>(); // slugs given to earlier items of this batch
    // Explicit slugs are kept as given (Strapi validates them), and reserve their value for later items.
    requests.forEach((r, i) => {
      const slug = result[i];
      if (r.locale === locale && slug) assigned.add(slug);
    });
    const pending = requests
      .map((r, i) => ({ i, base: r.locale === locale && !result[i] ? toSlug(r.source.trim()) : '', n: 1 }))
      .filter((p) => p.base !== '');
    while (pending.length > 0) {
      const unknown = new Set<string>();
      const blocked = new Set<string>(); // a base whose earlier item is still unresolved keeps input order
      for (const p of [...pending]) {
        if (blocked.has(p.base)) continue;
        for (;;) {
          const candidate = p.n === 1 ? p.base : `${p.base}-${p.n}`;
          const taken = known.get(candidate);
          if (taken === undefined) {
            unknown.add(candidate);
            blocked.add(p.base);
            break;
          }
          if (taken || assigned.has(candidate)) {
            p.n += 1;
            continue;
          }
          result[p.i] = candidate;
          assigned.add(candidate);
          pending.splice(pending.indexOf(p), 1);
          break;
        }
      }
      if (unknown.size > 0) {
        const taken = await takenIn(trx, table, locale, [...unknown]);
        for (const candidate of unknown) known.set(candidate, taken.has(candidate));
      }
    }
  }
  return result;
};

/** Which explicit slugs a published row of another document already holds (Strapi's unique check on publish). */
export const publishedSlugClashes = async (
  trx: Knex.Transaction,
  table: string,
  locale: string,
  slugs: readonly string[],
): Promise<Set<string>> => {
  const taken = new Set<string>();
  for (let i = 0; i < slugs.length; i += 500) {
    const rows = (await trx(table)
      .distinct('slug')
      .where('locale', locale)
      .whereNotNull('published_at')
      .whereIn('slug', slugs.slice(i, i + 500))) as { slug: string }[];
    for (const row of rows) taken.add(row.slug);
  }
  return taken;
};
