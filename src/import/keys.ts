/**
 * Natural keys of imported items: `nr_import_keys(source, uid, key) → document_id`.
 * A row is written in the same transaction as the documents of its batch, so a
 * key exists exactly when its document does: a re-run skips it, and an import
 * killed mid-batch (SIGKILL) finds neither and writes the whole batch again.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export const IMPORT_KEYS_TABLE = 'nr_import_keys';

/** Creates the side table when missing, at every boot (after Strapi's schema sync, which leaves it alone). */
export const ensureImportKeysTable = async (strapi: Core.Strapi): Promise<void> => {
  const knex = strapi.db.connection;
  if (await knex.schema.hasTable(IMPORT_KEYS_TABLE)) return;
  await knex.schema.createTable(IMPORT_KEYS_TABLE, (table) => {
    table.string('source', 64).notNullable();
    table.string('uid', 128).notNullable();
    table.string('key', 512).notNullable();
    table.string('document_id', 255).notNullable();
    table.bigInteger('created_at').notNullable();
    table.primary(['source', 'uid', 'key']);
    table.index(['document_id'], 'nr_import_keys_document');
  });
};

/** The documentIds already imported under these keys. */
export const knownKeys = async (
  trx: Knex.Transaction | Knex,
  source: string,
  uid: string,
  keys: readonly string[],
): Promise<Map<string, string>> => {
  const found = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = (await trx(IMPORT_KEYS_TABLE)
      .select('key', 'document_id')
      .where({ source, uid })
      .whereIn('key', keys.slice(i, i + 500))) as { key: string; document_id: string }[];
    for (const row of rows) found.set(row.key, row.document_id);
  }
  return found;
};

export const recordKeys = async (
  trx: Knex.Transaction,
  source: string,
  uid: string,
  entries: readonly { key: string; documentId: string }[],
): Promise<void> => {
  const now = Date.now();
  const rows = entries.map((e) => ({ source, uid, key: e.key, document_id: e.documentId, created_at: now }));
  for (let i = 0; i < rows.length; i += 1000) await trx(IMPORT_KEYS_TABLE).insert(rows.slice(i, i + 1000));
};
