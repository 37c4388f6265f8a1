/**
 * Strapi patch — targets @strapi/strapi 5.54.0 (@strapi/database's EntityManager.load,
 * packages/core/database/src/entity-manager/index.ts, called per row by the GraphQL
 * plugin's association resolver, packages/plugins/graphql/server/src/services/builders/resolvers/association.ts):
 * the N+1 relation loads asked about in strapi/strapi#2228 (the GraphQL plugin has no dataloader).
 */
import type { Core } from '@strapi/strapi';

type Entity = { id: number | string };
type Params = Record<string, unknown> | undefined;
type Load = (uid: string, entity: Entity, fields: string | string[], params?: Params) => Promise<unknown>;
type FindMany = (uid: string, params: Record<string, unknown>) => Promise<Record<string, unknown>[]>;
type RelationAttribute = { type?: string; relation?: string; mappedBy?: string };

type Pending = { entity: Entity; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Group = { uid: string; field: string; params: Params; entries: Pending[] };

/**
 * Whether loads of this relation may be merged into one query. To-one and
 * media relations always; to-many only on the owning side (an article's tags
 * or related links: short, editor-made lists). The inverse to-many side (a
 * tag's or an author's articles) can hold the whole archive and is paginated
 * per parent with a LIMIT, which one merged query could not keep.
 */
const batchable = (attribute: RelationAttribute | undefined): boolean => {
  if (!attribute || attribute.type !== 'relation' || !attribute.relation) return false;
  if (attribute.relation.startsWith('morph')) return true;
  if (!attribute.relation.endsWith('ToMany')) return true;
  return !attribute.mappedBy;
};

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * The GraphQL plugin resolves every relation of every row on its own
 * (`strapi.db.query(uid).load(parent, field, query)`: an id check plus one
 * relation query per row and field — 4 statements per article for author and
 * tags). During an HTTP request, loads of the same relation with the same
 * arguments that arrive in the same turn of the event loop are merged here,
 * dataloader style, into one `findMany` over all parent ids with the relation
 * populated; each parent gets its own rows, with its own offset/limit applied
 * in memory. Loads outside a content-API request (seed, scripts, admin), inside
 * a transaction, and single loads go straight to Strapi. Applied by ./index.ts (PERF_OPTIMIZATIONS).
 */
export const batchRelationLoads = (strapi: Core.Strapi): void => {
  const em = strapi.db.entityManager as unknown as { load: Load; findMany: FindMany };
  const original: Load = em.load.bind(em);
  const findMany: FindMany = em.findMany.bind(em);
  const queues = new WeakMap<object, Map<string, Group>>();

  const run = async (group: Group): Promise<void> => {
    const { uid, field, params, entries } = group;
    if (entries.length === 1) {
      const [only] = entries as [Pending];
      original(uid, only.entity, field, params).then(only.resolve, only.reject);
      return;
    }
    try {
      const { limit, offset, ...rest } = (params ?? {}) as { limit?: number; offset?: number } & Record<
        string,
        unknown
      >;
      const ids = [...new Set(entries.map((e) => e.entity.id))];
      const rows = await findMany(uid, {
        select: ['id'],
        where: { id: { $in: ids } },
        populate: { [field]: Object.keys(rest).length > 0 ? rest : true },
      });
      const byId = new Map(rows.map((row) => [String(row.id), row]));
      for (const entry of entries) {
        const row = byId.get(String(entry.entity.id));
        if (!row) {
          entry.resolve(null);
          continue;
        }
        const value = row[field];
        if (Array.isArray(value) && (limit !== undefined || offset !== undefined)) {
          const start = Number(offset ?? 0);
          entry.resolve(value.slice(start, limit === undefined ? undefined : start + Number(limit)));
        } else {
          entry.resolve(value ?? null);
        }
      }
    } catch (error) {
      for (const entry of entries) entry.reject(error);
    }
  };

  em.load = (uid, entity, fields, params) => {
    const request = strapi.requestContext.get() as { state?: { route?: { info?: { type?: string } } } } | undefined;
    const contentApi = request?.state?.route?.info?.type === 'content-api';
    const attribute =
      typeof fields === 'string'
        ? (strapi.db.metadata.get(uid as never).attributes as Record<string, RelationAttribute>)[fields]
        : undefined;
    // Only public reads (REST/GraphQL content API) outside a transaction: a merged query runs in the
    // async context of the first caller, which must not be someone else's transaction.
    if (
      !request ||
      !contentApi ||
      strapi.db.inTransaction() ||
      typeof fields !== 'string' ||
      !entity ||
      entity.id === undefined ||
      !batchable(attribute)
    ) {
      return original(uid, entity, fields, params);
    }
    let queue = queues.get(request);
    if (!queue) {
      const fresh = new Map<string, Group>();
      queue = fresh;
      queues.set(request, fresh);
      // After every resolver of this GraphQL level has asked (they only await
      // promise work before loading), run one query per relation.
      setImmediate(() => {
        queues.delete(request);
        for (const group of fresh.values()) void run(group);
      });
    }
    const key = `${uid}\u0000${fields}\u0000${stable(params ?? null)}`;
    let group = queue.get(key);
    if (!group) {
      group = { uid, field: fields, params, entries: [] };
      queue.set(key, group);
    }
    const target = group;
    return new Promise((resolve, reject) => target.entries.push({ entity, resolve, reject }));
  };
};
