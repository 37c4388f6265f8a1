/**
 * The bulk write path for simple translated documents (authors, tags): scalar
 * fields only, each document in every locale, draft and published rows, with
 * server-side slugs, as `create` per locale then `publish` would write them.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { SLUG_SOURCES } from '../lib/uids';
import { LOCALE_CODES } from '../lib/locales';
import type { TranslatedItem } from './article-shape';
import { dbTime, engineOf, insertReturningIds, type Row } from './db';
import { modelOf, rowOf } from './model';
import { assignSlugs } from './slugs';
import { checkScalars } from './validate';

const SCALAR_TYPES = new Set([
  'string',
  'text',
  'uid',
  'email',
  'enumeration',
  'integer',
  'biginteger',
  'float',
  'decimal',
  'boolean',
  'richtext',
]);

export const writeTranslatedBatch = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  uid: string,
  items: readonly { item: TranslatedItem; index: number }[],
): Promise<string[]> => {
  const engine = engineOf(strapi);
  const model = modelOf(strapi, uid);
  const attributes = (strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0])?.attributes ?? {}) as Record<
    string,
    { type: string }
  >;
  const now = dbTime(engine, new Date());
  const slugSource = (SLUG_SOURCES as Record<string, string>)[uid];

  for (const { item, index } of items) {
    for (const locale of LOCALE_CODES) {
      const data = item[locale];
      if (!data) throw new errors.ValidationError(`${uid} #${index}: the ${locale} version is missing`);
      for (const field of Object.keys(data)) {
        if (!SCALAR_TYPES.has(attributes[field]?.type ?? '')) {
          throw new errors.ValidationError(
            `${uid} #${index}.${field}: the bulk path writes scalar fields only; use { via: 'document-service' }`,
          );
        }
      }
      checkScalars(attributes, data, `${uid} #${index}.${locale}`);
    }
  }

  const slugs = new Map<string, string | undefined>();
  if (slugSource) {
    for (const locale of LOCALE_CODES) {
      const assigned = await assignSlugs(
        trx,
        model.table,
        items.map(({ item }) => ({
          locale,
          slug: typeof item[locale].slug === 'string' ? (item[locale].slug as string) : undefined,
          source: String(item[locale][slugSource] ?? ''),
        })),
      );
      assigned.forEach((slug, k) => slugs.set(`${k}|${locale}`, slug));
    }
  }

  const fields = Object.keys(attributes).filter((a) => SCALAR_TYPES.has(attributes[a]?.type ?? ''));
  const columns = [...fields, 'documentId', 'locale', 'publishedAt', 'firstPublishedAt'];
  const rows: Row[] = [];
  const documentIds: string[] = [];
  items.forEach(({ item }, k) => {
    const documentId = model.newDocumentId();
    documentIds.push(documentId);
    const versions = [
      ...LOCALE_CODES.map((locale) => ({ locale, published: false })),
      ...[...LOCALE_CODES].reverse().map((locale) => ({ locale, published: true })),
    ];
    for (const v of versions) {
      rows.push({
        ...rowOf(model, columns, {
          ...model.defaults,
          ...item[v.locale],
          ...(slugSource ? { slug: slugs.get(`${k}|${v.locale}`) } : {}),
          documentId,
          locale: v.locale,
          publishedAt: v.published ? now : null,
          // Stamped by Strapi on the draft at the first publication, and copied to the published row.
          firstPublishedAt: now,
        }),
        created_at: now,
        updated_at: now,
        created_by_id: null,
        updated_by_id: null,
      });
    }
  });
  await insertReturningIds(trx, engine, model.table, rows);
  return documentIds;
};
