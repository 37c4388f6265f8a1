/**
 * Table and column names of the content model, read from Strapi's own database
 * metadata (strapi.db.metadata) rather than written out: the bulk path writes
 * exactly where the Document Service writes, and fails loudly if Strapi ever
 * lays a table out differently.
 */
import type { Core } from '@strapi/strapi';

type MetaAttribute = {
  type: string;
  columnName?: string;
  default?: unknown;
  joinTable?: {
    name: string;
    joinColumn: { name: string };
    inverseJoinColumn?: { name: string };
    morphColumn?: { idColumn: { name: string }; typeColumn: { name: string } };
    orderColumnName?: string;
    inverseOrderColumnName?: string;
    on?: Record<string, string>;
  };
};

type Meta = { tableName: string; attributes: Record<string, MetaAttribute> };

export type JoinTable = NonNullable<MetaAttribute['joinTable']>;

export type Model = {
  table: string;
  /** Attribute name → column name, for the attributes stored on the row itself. */
  column: (attribute: string) => string;
  join: (attribute: string) => JoinTable;
  /** The schema default of a scalar attribute (e.g. `timeZone`), as Strapi applies it on create. */
  defaults: Record<string, unknown>;
  /** Strapi's documentId generator for new documents (the attribute's own default function). */
  newDocumentId: () => string;
};

export const modelOf = (strapi: Core.Strapi, uid: string): Model => {
  const meta = strapi.db.metadata.get(uid) as unknown as Meta;
  const schemaAttributes = (strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0])?.attributes ?? {}) as Record<
    string,
    { default?: unknown; type?: string }
  >;
  const defaults: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(schemaAttributes)) {
    const value = attribute.default;
    if (value !== undefined && typeof value !== 'function' && attribute.type !== 'relation') defaults[name] = value;
  }
  const documentIdDefault = meta.attributes.documentId?.default;
  return {
    table: meta.tableName,
    column: (attribute) => {
      const column = meta.attributes[attribute]?.columnName;
      if (!column) throw new Error(`${uid}.${attribute} has no column`);
      return column;
    },
    join: (attribute) => {
      const joinTable = meta.attributes[attribute]?.joinTable;
      if (!joinTable) throw new Error(`${uid}.${attribute} has no join table`);
      return joinTable;
    },
    defaults,
    newDocumentId: () => {
      if (typeof documentIdDefault !== 'function') throw new Error(`${uid} has no documentId generator`);
      return String((documentIdDefault as () => unknown)());
    },
  };
};

/** A row keyed by attribute names, as one of the model's table rows (every listed attribute, null when absent). */
export const rowOf = (
  model: Model,
  attributes: readonly string[],
  values: Record<string, unknown>,
): Record<string, unknown> =>
  Object.fromEntries(attributes.map((a) => [model.column(a), values[a] === undefined ? null : values[a]]));
