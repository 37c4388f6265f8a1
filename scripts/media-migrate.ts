/**
 * `npm run media:migrate`
 *
 * Moves the media library from the local folder (public/uploads) to the S3
 * bucket the S3_* variables name (src/lib/media-storage.ts): each file still
 * stored locally — the original and every format Strapi made of it — is
 * uploaded through the app's own upload provider, and its record's URLs and
 * provider are rewritten, one file at a time. Files already in the bucket are
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
    return 0;
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
  return 0;
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
