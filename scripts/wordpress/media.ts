/**
 * WordPress attachments → Strapi's media library, from a copy of
 * `wp-content/uploads` (`--uploads`). A file is found again by its path under
 * uploads (kept as the media file's `name`), so a second import reuses it.
 * Without `--uploads`, or when the file is not in the copy, nothing is
 * uploaded and the caller reports the original URL.
 */
import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

const FILE_UID = 'plugin::upload.file';

export type Attachment = { id: string; url: string; file?: string; alt: string; title: string };

/** The stored media-library file: what a blocks image node and a media field need. */
export type MediaFile = {
  id: number;
  name: string;
  url: string;
  alternativeText?: string | null;
  caption?: string | null;
  width?: number | null;
  height?: number | null;
  formats?: Record<string, unknown> | null;
  hash: string;
  ext?: string | null;
  mime: string;
  size: number;
  previewUrl?: string | null;
  provider: string;
  provider_metadata?: unknown;
  createdAt: string | Date;
  updatedAt: string | Date;
};

const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
};

/** The path under wp-content/uploads of an upload URL ("…/wp-content/uploads/2024/01/a.jpg" → "2024/01/a.jpg"). */
export const uploadsPathOf = (url: string): string | null => {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://localhost').pathname;
  } catch {
    return null;
  }
  const at = pathname.indexOf('/uploads/');
  if (at < 0) return null;
  try {
    return decodeURIComponent(pathname.slice(at + '/uploads/'.length));
  } catch {
    return null;
  }
};

export class MediaLibrary {
  private readonly cache = new Map<string, MediaFile | null>();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly uploadsDir: string | undefined,
    private readonly dryRun: boolean,
  ) {}

  /** The file of `relative` inside the uploads copy, or null (never a path outside it). */
  localFile(relative: string): string | null {
    if (!this.uploadsDir) return null;
    const root = path.resolve(this.uploadsDir);
    const full = path.resolve(root, relative);
    if (!full.startsWith(root + path.sep)) return null;
    return fs.existsSync(full) && fs.statSync(full).isFile() ? full : null;
  }

  /**
   * The media-library file for `relative` (a path under uploads): found by
   * name, else uploaded from the copy. Null when there is no copy of it. In a
   * dry run, a file that would be uploaded is returned as a stand-in with id 0.
   */
  async ensure(relative: string, alt: string, caption: string): Promise<MediaFile | null> {
    const cached = this.cache.get(relative);
    if (cached !== undefined) return cached;
    const full = this.localFile(relative);
    let file: MediaFile | null = null;
    if (full) {
      file = (await this.strapi.db.query(FILE_UID).findOne({ where: { name: relative } })) as MediaFile | null;
      if (!file && this.dryRun) file = standIn(relative);
      else if (!file) file = await this.upload(full, relative, alt, caption);
    }
    this.cache.set(relative, file);
    return file;
  }

  private async upload(full: string, name: string, alt: string, caption: string): Promise<MediaFile> {
    const upload = this.strapi.plugin('upload').service('upload') as {
      upload(input: {
        data: { fileInfo: Record<string, string | undefined> };
        files: Record<string, string | number>;
      }): Promise<MediaFile[]>;
    };
    const [file] = await upload.upload({
      data: { fileInfo: { name, alternativeText: alt || undefined, caption: caption || undefined } },
      files: {
        filepath: full,
        originalFilename: path.basename(full),
        mimetype: MIME[path.extname(full).toLowerCase()] ?? 'application/octet-stream',
        size: fs.statSync(full).size,
      },
    });
    if (!file) throw new Error(`media "${name}": the upload service returned no file`);
    return file;
  }
}

const standIn = (name: string): MediaFile => ({
  id: 0,
  name,
  url: `/uploads/${name}`,
  width: 1,
  height: 1,
  hash: 'dry-run',
  ext: path.extname(name),
  mime: MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
  size: 0,
  provider: 'local',
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const iso = (value: string | Date): string => (value instanceof Date ? value.toISOString() : value);

/** A Strapi blocks image node for an uploaded image (the validator wants the whole file). */
export const imageNode = (file: MediaFile, alt: string): Record<string, unknown> => ({
  type: 'image',
  image: {
    name: file.name,
    alternativeText: alt || file.alternativeText || null,
    url: file.url,
    caption: file.caption ?? null,
    width: file.width,
    height: file.height,
    formats: file.formats ?? null,
    hash: file.hash,
    ext: file.ext ?? path.extname(file.name),
    mime: file.mime,
    size: file.size,
    previewUrl: file.previewUrl ?? null,
    provider: file.provider,
    provider_metadata: file.provider_metadata ?? null,
    createdAt: iso(file.createdAt),
    updatedAt: iso(file.updatedAt),
  },
  children: [{ type: 'text', text: '' }],
});
