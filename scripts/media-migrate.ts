/**
 * `npm run media:migrate`
 *
 * Moves the media library from the local folder (public/uploads) to the S3
 * bucket the S3_* variables name (src/lib/media-storage.ts): each file still
 * stored locally — the original and every format Strapi made of it — is
 * uploaded through the app's own upload provider, and its record's URLs and
 * provider are rewritten, one file at a time; then the copies of those URLs
 * that rich text embeds are rewritten too. Files already in the bucket are
 * skipped, so a second run (or a run after an interruption) does nothing more
 * than finish what is left. The local copies are kept: delete public/uploads
 * once the CMS serves everything from the bucket.
 *
 * Exit codes: 0 done (or nothing to do), 1 a file failed (named; the files
 * before it stay migrated), 2 S3_BUCKET is not set.
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { messageOf, runCli, withStrapi } from './lib/cli';
import { runtimeOf } from '../src/runtime';
import { ALL_KEY } from '../src/cache/store';

const FILE_UID = 'plugin::upload.file';

type Format = { hash: string; ext: string; mime: string; url: string; path?: string | null; [key: string]: unknown };
type FileRow = Format & { id: number; name: string; provider: string; formats: Record<string, Format> | null };
/** The upload provider as the upload plugin exposes it: it sets `url` on the file it stores. */
type Provider = { upload: (file: Format & { stream?: fs.ReadStream; buffer?: Buffer }) => Promise<void> };

/** Moves every locally stored file of the media library to the bucket; returns the exit code. */
const migrate = async (strapi: Core.Strapi): Promise<number> => {
  const providerName = String(strapi.config.get('plugin::upload.provider'));
  const provider = strapi.plugin('upload').provider as unknown as Provider;
  const files = (await strapi.db.query(FILE_UID).findMany({ where: { provider: 'local' } })) as FileRow[];
  if (files.length === 0) {
    console.log(`[media:migrate] nothing to move: no file is stored locally (bucket ${process.env.S3_BUCKET})`);
    return rewriteRichText(strapi, providerName);
  }
  const publicDir = strapi.dirs.static.public;
  /** Uploads one stored object (original or format) from the local folder; returns it with its new URL. */
  const move = async (record: Format, label: string): Promise<Format> => {
    const local = path.join(publicDir, record.url);
    if (!record.url.startsWith('/') || !fs.existsSync(local)) {
      throw new Error(`${label}: ${record.url} is not in ${publicDir}`);
    }
    const moved = { ...record, buffer: fs.readFileSync(local) };
    await provider.upload(moved);
    const { buffer: _buffer, ...stored } = moved;
    return stored;
  };
  let objects = 0;
  for (const file of files) {
    const label = `file ${file.id} "${file.name}"`;
    const original = await move(file, label);
    const formats: Record<string, Format> = {};
    for (const [name, format] of Object.entries(file.formats ?? {})) {
      formats[name] = await move(format, `${label}, format ${name}`);
      objects += 1;
    }
    objects += 1;
    await strapi.db.query(FILE_UID).update({
      where: { id: file.id },
      data: {
        url: original.url,
        formats: file.formats ? formats : file.formats,
        provider: providerName,
        provider_metadata: original.provider_metadata ?? null,
      },
    });
    console.log(`[media:migrate] ${label} → ${original.url}`);
  }
  const noun = files.length === 1 ? 'file' : 'files';
  console.log(
    `[media:migrate] moved ${files.length} ${noun} (${objects} objects) to bucket ${process.env.S3_BUCKET}; ` +
      `the local copies in ${path.join(publicDir, 'uploads')} are kept`,
  );
  return rewriteRichText(strapi, providerName);
};

/**
 * Rich text (a `blocks` field) embeds a copy of each image's record, URLs and
 * all, as the admin's editor inserted it: those copies still point at
 * /uploads/ after their files moved. Every string equal to the local URL of a
 * file now in the bucket (`/uploads/<hash><ext>`, the local provider's URL, for
 * the original and each format) becomes its bucket URL, and the image's
 * `provider` follows. Run on every call, over every migrated file, so a run that
 * was interrupted between moving a file and rewriting the text is finished by
 * the next one. Then the response cache is emptied (this process reaches a
 * cache in Redis; an instance's in-memory cache keeps its answers until it
 * restarts or they expire, docs/deployment.md).
 */
const rewriteRichText = async (strapi: Core.Strapi, providerName: string): Promise<number> => {
  const moved = new Map<string, string>();
  const migrated = (await strapi.db.query(FILE_UID).findMany({ where: { provider: { $ne: 'local' } } })) as FileRow[];
  for (const file of migrated) {
    for (const object of [file, ...Object.values(file.formats ?? {})]) {
      const local = `/uploads/${object.hash}${object.ext}`;
      if (object.url !== local) moved.set(local, object.url);
    }
  }
  if (moved.size === 0) return 0;
  let rows = 0;
  for (const { uid, table, column } of blocksColumns(strapi)) {
    const knex = strapi.db.connection;
    for (let lastId = 0; ;) {
      const chunk = (await knex(table).select('id', column).where('id', '>', lastId).orderBy('id').limit(500)) as {
        id: number;
        [column: string]: unknown;
      }[];
      if (chunk.length === 0) break;
      lastId = Number(chunk[chunk.length - 1]?.id);
      for (const row of chunk) {
        const raw = row[column];
        if (raw === null || raw === undefined) continue;
        const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
        const { result, changed } = rewrite(value, moved, providerName);
        if (!changed) continue;
        await knex(table)
          .where('id', row.id)
          .update({ [column]: JSON.stringify(result) });
        rows += 1;
      }
    }
    if (rows > 0) console.log(`[media:migrate] ${uid}: image URLs rewritten in rich text`);
  }
  console.log(`[media:migrate] rich text: ${rows} ${rows === 1 ? 'field' : 'fields'} rewritten to bucket URLs`);
  if (rows > 0) await runtimeOf(strapi)?.responseStore?.purge([ALL_KEY]);
  return 0;
};

/** Every `blocks` attribute of the app's content types and components, as table and column. */
const blocksColumns = (strapi: Core.Strapi): { uid: string; table: string; column: string }[] => {
  const models = [...Object.values(strapi.contentTypes), ...Object.values(strapi.components)] as {
    uid: string;
    attributes: Record<string, { type: string }>;
  }[];
  return models.flatMap((model) => {
    const meta = strapi.db.metadata.get(model.uid) as
      { tableName: string; attributes: Record<string, { columnName?: string }> } | undefined;
    if (!meta) return [];
    return Object.entries(model.attributes)
      .filter(([, attribute]) => attribute.type === 'blocks')
      .map(([name]) => ({ uid: model.uid, table: meta.tableName, column: meta.attributes[name]?.columnName ?? name }));
  });
};

/** A copy of a JSON value with moved URLs replaced (and the image record's provider with them). */
const rewrite = (
  value: unknown,
  moved: ReadonlyMap<string, string>,
  providerName: string,
): { result: unknown; changed: boolean } => {
  if (typeof value === 'string') {
    const url = moved.get(value);
    return url === undefined ? { result: value, changed: false } : { result: url, changed: true };
  }
  if (Array.isArray(value)) {
    let changed = false;
    const result = value.map((item) => {
      const next = rewrite(item, moved, providerName);
      changed ||= next.changed;
      return next.result;
    });
    return { result, changed };
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const next = rewrite(item, moved, providerName);
      changed ||= next.changed;
      result[key] = next.result;
    }
    const record = value as { url?: unknown; provider?: unknown };
    if (typeof record.url === 'string' && moved.has(record.url) && record.provider === 'local') {
      result.provider = providerName;
    }
    return { result, changed };
  }
  return { result: value, changed: false };
};

const main = async (): Promise<number> => {
  if (!process.env.S3_BUCKET) {
    console.error('[media:migrate] S3_BUCKET is not set: name the bucket (and its S3_* variables) to migrate to');
    return 2;
  }
  try {
    return await withStrapi(migrate);
  } catch (error) {
    console.error(`[media:migrate] FAILED: ${messageOf(error)}`);
    return 1;
  }
};

runCli('[media:migrate]', main);
