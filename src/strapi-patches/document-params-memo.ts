/**
 * Strapi patch — targets @strapi/core 5.54.0's Document Service repository
 * (packages/core/core/src/services/document-service/repository.ts, `validateParams`),
 * which checks the `populate`, `sort` and `fields` of every call against the
 * schema with @strapi/utils' validators (packages/core/utils/src/validate/validators.ts),
 * looked up on the module's exports at each call.
 */
import { validate } from '@strapi/utils';

type Ctx = { schema?: { uid?: string } };
type Validator = (ctx: Ctx, value: unknown, includes?: unknown) => Promise<unknown>;
type Validators = Record<'validatePopulate' | 'validateSort' | 'validateFields', Validator>;

const NAMES = ['validatePopulate', 'validateSort', 'validateFields'] as const;

/** Shapes kept (cleared, not evicted one by one, when full). */
const MEMORY = 1_000;

const validators = (validate as unknown as { validators: Validators }).validators;
const originals: Partial<Validators> = {};
const passed = new Set<string>();
const includesIds = new WeakMap<object, number>();
let lastIncludesId = 0;
let enabled = false;
let skipped = 0;

const idOf = (includes: unknown): number | undefined => {
  if (!includes || typeof includes !== 'object') return undefined;
  let id = includesIds.get(includes);
  if (id === undefined) includesIds.set(includes, (id = ++lastIncludesId));
  return id;
};

const keyOf = (name: string, ctx: Ctx, value: unknown, includes: unknown): string | undefined => {
  const uid = ctx?.schema?.uid;
  const id = idOf(includes);
  if (typeof uid !== 'string' || id === undefined) return undefined;
  try {
    return `${name}\u0000${uid}\u0000${id}\u0000${JSON.stringify(value)}`;
  } catch {
    return undefined;
  }
};

/**
 * The Document Service validates the populate tree, sort and fields of every
 * read (a third walk of the server's default population, after the content
 * API's validation and sanitizing, public-query-memo.ts). Its validators read
 * only the schema, the models and the value, and the repository ignores what
 * they return (it keeps its own params), so a shape that passed once passes
 * again: it is remembered per content type, set of checks and JSON value, and
 * skipped. A shape that fails is never remembered, so it throws every time.
 * Filters are left to Strapi: their values (a slug, an id) vary per request.
 *
 * Module state, as the validators are: every app of the process shares it, so
 * each boot says whether it is on (PERF_OPTIMIZATIONS, ./index.ts) and empties it.
 */
export const memoizeDocumentParamChecks = (on: boolean): void => {
  enabled = on;
  passed.clear();
  skipped = 0;
  for (const name of NAMES) {
    if (originals[name]) continue;
    const original = validators[name];
    originals[name] = original;
    const remembering = async (ctx: Ctx, value: unknown, includes: unknown, key: string): Promise<unknown> => {
      const result = await original(ctx, value, includes);
      if (passed.size >= MEMORY) passed.clear();
      passed.add(key);
      return result;
    };
    // Curried like the original: fewer than three arguments go straight to it.
    validators[name] = ((...args: Parameters<Validator>) => {
      const [ctx, value, includes] = args;
      const key = enabled && args.length >= 3 ? keyOf(name, ctx, value, includes) : undefined;
      if (key === undefined) return original(...args);
      if (passed.has(key)) {
        skipped += 1;
        return Promise.resolve(value);
      }
      return remembering(ctx, value, includes, key);
    }) as Validator;
  }
};

/** For tests: the shapes remembered since this boot, and the checks skipped. */
export const documentParamChecks = (): { remembered: number; skipped: number } => ({
  remembered: passed.size,
  skipped,
});
