/**
 * Strapi patch — targets @strapi/core 5.54.0's content API (`strapi.contentAPI.sanitize.output`,
 * @strapi/utils sanitize/index.ts `createAPISanitizers`), called by the core REST controllers
 * and the GraphQL plugin's resolvers for every answer.
 */
import path from 'path';
import type { Core } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';

/**
 * Strapi sanitizes every content-API answer in two walks of every entity,
 * relation, component and dynamic-zone entry (@strapi/utils 5.54.0,
 * sanitize/index.js `sanitizeOutput`): the first removes password and private
 * attributes, the second relations to types the caller may not `find`, each
 * key visited through an async traversal. After the query checks
 * (./content-api-query-memo.ts) that was the largest share left of an uncached list.
 *
 * This is the same rule in one synchronous walk. The permission decisions are
 * made first, once per answer, through Strapi's own `strapi.auth.verify` for
 * every relation target the schema can reach; private attributes are Strapi's
 * own `isPrivateAttribute`; each node is copied as Strapi copies it, so the
 * remaining keys keep their order and the bytes are the same
 * (tests/int/public-query-memo.test.ts holds them to stock Strapi's). The
 * output sanitizers other plugins register run after it, as in Strapi, but
 * for users-permissions' own (which drops a role's users), whose rule the
 * walk applies itself.
 *
 * Anything it does not model — a morph relation in the data, a relation target
 * it has no decision for — hands the whole answer back to Strapi's walk. For
 * users-permissions callers (the Public role, logged-in users) only; API
 * tokens always get Strapi's walk. Applied by ./index.ts (PERF_OPTIMIZATIONS),
 * to this app's content API only.
 */
type Attribute = {
  type?: string;
  relation?: string;
  target?: string;
  component?: string;
  components?: string[];
  private?: boolean;
};
type Schema = { uid?: string; attributes: Record<string, Attribute>; options?: { populateCreatorFields?: boolean } };
type Auth = { strategy?: { name?: string }; ability?: unknown };
type Sanitizer = (schema: unknown) => (data: unknown) => unknown;
type Output = (data: unknown, schema: unknown, options?: { auth?: unknown }) => Promise<unknown>;
type ContentApi = { sanitize: { output: Output } };

const UPLOAD_FILE = 'plugin::upload.file';
const UP_USER = 'plugin::users-permissions.user';
const UP_ROLE = 'plugin::users-permissions.role';

/**
 * The output sanitizer users-permissions 5.54.0 registers
 * (server/utils/sanitize/sanitizers.js `defaultSanitizeOutput`: removes a
 * role's relations to users), by reference; none if it cannot be found, and
 * then it runs like any other.
 */
export const usersPermissionsSanitizer = ((): unknown => {
  try {
    const root = path.dirname(require.resolve('@strapi/plugin-users-permissions/package.json'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path.join(root, 'dist/server/utils/sanitize/sanitizers.js')) as {
      __require(): { defaultSanitizeOutput: unknown };
    };
    return module.__require().defaultSanitizeOutput;
  } catch {
    return undefined;
  }
})();
const CREATOR_KEYS = new Set(['createdBy', 'updatedBy']);

class NotModelled extends Error {}

const counts = new WeakMap<Core.Strapi, { walked: number; handedBack: number }>();
const countsOf = (strapi: Core.Strapi) => {
  let found = counts.get(strapi);
  if (!found) counts.set(strapi, (found = { walked: 0, handedBack: 0 }));
  return found;
};

/** Answers of this app sanitized by the one walk, and handed back to Strapi's (for tests). */
export const publicOutputStats = (strapi: Core.Strapi): { walked: number; handedBack: number } => ({
  ...countsOf(strapi),
});

/** A content type's or component's schema by uid, as Strapi's traversal reads it. */
const modelOf = (strapi: Core.Strapi, uid: string | undefined): Schema | undefined =>
  uid ? (strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0]) as unknown as Schema | undefined) : undefined;

const isMorph = (attribute: Attribute): boolean => Boolean(attribute.relation?.toLowerCase().startsWith('morph'));

const targetsOf = new WeakMap<object, string[]>();

/** Every non-morph relation target reachable from a schema, through relations, media, components and zones. */
const relationTargets = (strapi: Core.Strapi, root: Schema): string[] => {
  const known = targetsOf.get(root);
  if (known) return known;
  const model = (uid: string) => modelOf(strapi, uid);
  const seen = new Set<Schema>();
  const targets = new Set<string>();
  const queue: (Schema | undefined)[] = [root];
  while (queue.length > 0) {
    const schema = queue.pop();
    if (!schema || seen.has(schema)) continue;
    seen.add(schema);
    for (const attribute of Object.values(schema.attributes ?? {})) {
      if (attribute.type === 'relation' && !isMorph(attribute) && attribute.target) {
        targets.add(attribute.target);
        queue.push(model(attribute.target));
      } else if (attribute.type === 'media') queue.push(model(UPLOAD_FILE));
      else if (attribute.type === 'component' && attribute.component) queue.push(model(attribute.component));
      else if (attribute.type === 'dynamiczone') for (const uid of attribute.components ?? []) queue.push(model(uid));
    }
  }
  const list = [...targets];
  targetsOf.set(root, list);
  return list;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const walker = (strapi: Core.Strapi, allowed: Map<string, boolean>) => {
  const model = (uid: string | undefined) => modelOf(strapi, uid);

  const each = (value: unknown, schema: Schema | undefined): unknown =>
    Array.isArray(value) ? value.map((item) => walk(item, schema)) : walk(value, schema);

  const walk = (entity: unknown, schema: Schema | undefined): unknown => {
    if (entity === null || typeof entity !== 'object' || !schema) return entity;
    if (Array.isArray(entity)) return [...(entity as unknown[])];
    if (!isPlainObject(entity)) throw new NotModelled();
    const copy: Record<string, unknown> = { ...entity };
    for (const key of Object.keys(copy)) {
      const attribute = schema.attributes[key];
      if (!attribute) continue;
      if (
        attribute.type === 'password' ||
        attribute.private === true ||
        contentTypes.isPrivateAttribute(schema as never, key)
      ) {
        delete copy[key];
        continue;
      }
      if (attribute.type === 'relation') {
        if (isMorph(attribute)) throw new NotModelled();
        if (attribute.target === UP_USER && schema.uid === UP_ROLE) {
          delete copy[key];
          continue;
        }
        const creator = CREATOR_KEYS.has(key) && schema.options?.populateCreatorFields === true;
        if (!creator) {
          const decision = attribute.target ? allowed.get(attribute.target) : undefined;
          if (decision === undefined) throw new NotModelled();
          if (!decision) {
            delete copy[key];
            continue;
          }
        }
      }
      const value = copy[key];
      if (value === null || value === undefined) continue;
      if (attribute.type === 'relation') copy[key] = each(value, model(attribute.target));
      else if (attribute.type === 'media') copy[key] = each(value, model(UPLOAD_FILE));
      else if (attribute.type === 'component') copy[key] = each(value, model(attribute.component));
      else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
        copy[key] = value.map((entry: unknown) =>
          entry === null || entry === undefined
            ? entry
            : walk(entry, model((entry as { __component?: string }).__component)),
        );
      }
    }
    return copy;
  };
  return walk;
};

/** Strapi's verdict on `<target>.find` for this caller, as its relation sanitizer asks it. */
const decisionsFor = async (
  strapi: Core.Strapi,
  auth: unknown,
  targets: readonly string[],
): Promise<Map<string, boolean>> => {
  type AuthService = { verify(auth: unknown, config: { scope: string }): Promise<void> };
  const service = (strapi as unknown as { auth: AuthService }).auth;
  const entries = await Promise.all(
    targets.map(async (target): Promise<[string, boolean]> => {
      try {
        await service.verify(auth, { scope: `${target}.find` });
        return [target, true];
      } catch {
        return [target, false];
      }
    }),
  );
  return new Map(entries);
};

/** Replaces this app's `strapi.contentAPI.sanitize.output` with the walk above, where it applies. */
export const sanitizeOutputInOneWalk = (strapi: Core.Strapi): void => {
  const api = strapi.contentAPI as unknown as ContentApi;
  const original = api.sanitize.output.bind(api.sanitize);
  api.sanitize.output = async (data, given, options) => {
    const auth = options?.auth as Auth | undefined;
    const schema = given as Schema | undefined;
    if (auth?.strategy?.name !== 'users-permissions' || !auth.ability || !schema?.attributes) {
      return original(data, given, options);
    }
    try {
      const walk = walker(strapi, await decisionsFor(strapi, auth, relationTargets(strapi, schema)));
      const registered = ((strapi as unknown as { sanitizers: { get(name: string): Sanitizer[] } }).sanitizers.get(
        'content-api.output',
      ) ?? []) as Sanitizer[];
      const others = registered.filter((sanitizer) => sanitizer !== usersPermissionsSanitizer);
      const one = async (entity: unknown): Promise<unknown> => {
        let out = walk(entity, schema);
        for (const sanitizer of others) out = await sanitizer(schema)(out);
        return out;
      };
      let out: unknown;
      if (!Array.isArray(data)) out = await one(data);
      else {
        const list: unknown[] = [];
        for (const entity of data) list.push(await one(entity));
        out = list;
      }
      countsOf(strapi).walked += 1;
      return out;
    } catch (error) {
      if (!(error instanceof NotModelled)) throw error;
      countsOf(strapi).handedBack += 1;
      return original(data, given, options);
    }
  };
};
