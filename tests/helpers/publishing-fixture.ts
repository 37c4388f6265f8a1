import fs from 'fs';
import path from 'path';
import type { TestApp } from './strapi';

export const ARTICLE = 'api::article.article';
export const AUTHOR = 'api::author.author';
export const TAG = 'api::tag.tag';
export const LINK = 'api::related-link.related-link';

/** A 1×1 PNG, enough for the upload plugin to store an image with width and height. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export type UploadedFile = { id: number; url: string; width: number; height: number; mime: string };

/** Stores an image through Strapi's upload plugin, as the admin panel's media library does. */
export const uploadImage = async (app: TestApp, name: string): Promise<UploadedFile> => {
  const filepath = path.join(app.dir, name);
  fs.writeFileSync(filepath, Buffer.from(PNG_1X1, 'base64'));
  const service = app.strapi.plugin('upload').service('upload') as unknown as {
    upload(input: {
      data: { fileInfo: { alternativeText?: string; caption?: string; name?: string } };
      files: { filepath: string; originalFilename: string; mimetype: string; size: number };
    }): Promise<UploadedFile[]>;
  };
  const [file] = await service.upload({
    data: { fileInfo: { alternativeText: name, name } },
    files: { filepath, originalFilename: name, mimetype: 'image/png', size: fs.statSync(filepath).size },
  });
  return file;
};

/** A body dynamic zone of one rich-text entry per paragraph. */
export const body = (...paragraphs: string[]): { __component: string; body: unknown[] }[] =>
  paragraphs.map((text) => ({
    __component: 'content.rich-text',
    body: [{ type: 'paragraph', children: [{ type: 'text', text }] }],
  }));

type Doc = { documentId: string };
type Service = {
  create(params: { data: Record<string, unknown>; locale: string; status?: 'published' }): Promise<Doc>;
};
const service = (app: TestApp, uid: string): Service =>
  app.strapi.documents(uid as typeof ARTICLE) as unknown as Service;

/**
 * Creates a document published in the given locales: the first locale with
 * `create`, the others as new locale versions of the same document (create with
 * its documentId, as the seed does, so create-only fields such as
 * firstPublishedAt are kept in every locale).
 */
export const publishIn = async (
  app: TestApp,
  uid: string,
  versions: Record<string, Record<string, unknown>>,
  shared: Record<string, unknown> = {},
): Promise<string> => {
  let documentId: string | undefined;
  for (const [locale, data] of Object.entries(versions)) {
    const doc = await service(app, uid).create({
      data: { ...shared, ...data, ...(documentId ? { documentId } : {}) },
      locale,
      status: 'published',
    });
    documentId ??= doc.documentId;
  }
  if (!documentId) throw new Error('publishIn: no version given');
  return documentId;
};
