import type { Settings } from '../config/settings';

/**
 * The one performance switch, from the settings (src/config/settings.ts):
 *
 * - `PERF_OPTIMIZATIONS` (default true): `false` is "stock" Strapi — no
 *   response cache, none of the patches in this folder (no permission memo,
 *   no batched relation loads, no SQLite tuning, missing `nr_idx_` indexes not
 *   (re)created at boot; indexes already in the database are left alone).
 * - `CACHE_ENABLED` (default true): `false` turns the response cache off only.
 */
export const switches = (settings: Settings): { strapiPatches: boolean; responseCache: boolean } => ({
  strapiPatches: settings.perfOptimizations,
  responseCache: settings.perfOptimizations && settings.cacheEnabled,
});
