/**
 * The checks Strapi's entity validator makes on a write, for the scalar fields
 * the bulk path writes (required, maxLength, regex, enumerations, the uid
 * alphabet; minLength, like Strapi, not on a draft, which every row starts as),
 * read from the content type's or component's own schema so they cannot drift
 * from it. A failure is Strapi's ValidationError, naming the field.
 */
import { errors } from '@strapi/utils';

type ScalarAttribute = {
  type: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  enum?: readonly string[];
  regex?: string;
};

/** Strapi's own pattern for a `uid` field (@strapi/utils, UID_REGEX). */
const UID_REGEX = /^[A-Za-z0-9-_.~]*$/;

const TEXT_TYPES = new Set(['string', 'text', 'uid', 'email', 'enumeration', 'richtext']);

export const checkScalars = (
  attributes: Readonly<Record<string, unknown>>,
  data: Readonly<Record<string, unknown>>,
  where: string,
): void => {
  for (const [name, raw] of Object.entries(attributes)) {
    const attribute = raw as ScalarAttribute;
    if (!TEXT_TYPES.has(attribute.type)) continue;
    const value = data[name];
    const path = `${where}.${name}`;
    if (value === undefined || value === null || value === '') {
      if (attribute.required) throw new errors.ValidationError(`${path} must be defined.`, { path: [name] });
      continue;
    }
    if (typeof value !== 'string') throw new errors.ValidationError(`${path} must be a string`, { path: [name] });
    if (attribute.maxLength !== undefined && value.length > attribute.maxLength) {
      throw new errors.ValidationError(`${path} must be at most ${attribute.maxLength} characters`, { path: [name] });
    }
    if (attribute.type === 'enumeration' && !(attribute.enum ?? []).includes(value)) {
      const allowed = (attribute.enum ?? []).join(', ');
      throw new errors.ValidationError(`${path} must be one of the following values: ${allowed}`, { path: [name] });
    }
    if (attribute.regex !== undefined && !new RegExp(attribute.regex).test(value)) {
      throw new errors.ValidationError(`${path} must match the following: "${attribute.regex}"`, { path: [name] });
    }
    if (attribute.type === 'uid' && !UID_REGEX.test(value)) {
      throw new errors.ValidationError(`${path} must match the following: "${UID_REGEX.source}"`, { path: [name] });
    }
  }
};

const NODE_TYPES = new Set(['paragraph', 'heading', 'list', 'list-item', 'quote', 'code', 'image', 'text', 'link']);

/** A blocks value Strapi's admin editor can open: an array of typed nodes, text leaves carrying text. */
export const checkBlocks = (blocks: unknown, where: string): void => {
  const walk = (nodes: unknown, path: string): void => {
    if (!Array.isArray(nodes)) throw new errors.ValidationError(`${path} must be an array of blocks`);
    nodes.forEach((node: unknown, i) => {
      const n = node as { type?: unknown; text?: unknown; children?: unknown } | null;
      const at = `${path}[${i}]`;
      if (!n || typeof n.type !== 'string' || !NODE_TYPES.has(n.type)) {
        throw new errors.ValidationError(`${at} is not a rich-text block (paragraph, heading, list, quote, image…)`);
      }
      if (n.type === 'text') {
        if (typeof n.text !== 'string') throw new errors.ValidationError(`${at} is a text node without text`);
      } else if (!(n.type === 'image' && n.children === undefined)) walk(n.children, `${at}.children`);
    });
  };
  walk(blocks, where);
  if ((blocks as unknown[]).length === 0) throw new errors.ValidationError(`${where} must hold at least one block`);
};
