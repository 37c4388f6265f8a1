/**
 * The performance switches, read from the environment when asked (tests and
 * the bench set them per process):
 *
 * - `PERF_OPTIMIZATIONS` (default true): `false` is "stock" Strapi — no
 *   response cache, no permission memo, no batched relation loads, no SQLite
 *   tuning, and missing `nr_idx_` indexes are not (re)created at boot (indexes
 *   already in the database are left alone).
 * - `CACHE_ENABLED` (default true): `false` turns the response cache off only.
 */
const flag = (name: string, fallback: boolean): boolean => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  return !['false', '0', 'no', 'off'].includes(raw.trim().toLowerCase());
};

export const perfOptimizationsEnabled = (): boolean => flag('PERF_OPTIMIZATIONS', true);

export const responseCacheEnabled = (): boolean => perfOptimizationsEnabled() && flag('CACHE_ENABLED', true);
