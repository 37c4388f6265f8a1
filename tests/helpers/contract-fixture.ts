import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';
import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const TAG = 'api::tag.tag';
const LINK = 'api::related-link.related-link';

type UploadService = {
  upload: (input: {
    data: { fileInfo: { alternativeText: string; name: string } };
    files: { filepath: string; originalFilename: string; mimetype: string; size: number };
  }) => Promise<{ id: number; url: string }[]>;
};

/** The cover photo, uploaded the way the admin panel does (Strapi makes the responsive formats). */
export const uploadCover = async (strapi: Core.Strapi): Promise<{ id: number; url: string }> => {
  const filepath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'contract-cover-')), 'kim-drone.png');
  fs.writeFileSync(filepath, solidPng(800, 450));
  const upload = strapi.plugin('upload').service('upload') as UploadService;
  const [file] = await upload.upload({
    data: { fileInfo: { alternativeText: 'Kim Jong Un meninjau drone', name: 'kim-drone.png' } },
    files: { filepath, originalFilename: 'kim-drone.png', mimetype: 'image/png', size: fs.statSync(filepath).size },
  });
  if (!file) throw new Error('cover upload returned nothing');
  return file;
};

export type ContractFixture = {
  articleId: string;
  slugs: { id: string; en: string };
  targetSlugs: { id: string; en: string };
  authorSlug: string;
  tagSlugs: { id: string; en: string };
  authorEmail: string;
  draftOnlyTitle: string;
  unpublishedChangeTitle: string;
};

const paragraph = (text: string) => [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }];

/**
 * A compact newsroom in both locales, written through the Document Service:
 * an author, two tags, an article that the main one links to (read-also and
 * "Berita Terkait"), an external related link, the main article with every
 * field of the contract, a draft-only article and an unpublished draft change.
 */
export const createContractFixture = async (strapi: Core.Strapi): Promise<ContractFixture> => {
  const docs = strapi.documents;
  const authorEmail = 'contract-author@example.test';
  const cover = await uploadCover(strapi);

  const author = await docs(AUTHOR).create({
    data: { name: 'Kontrak Penulis', jobTitle: 'Jurnalis', bio: 'Bio id', email: authorEmail, avatar: cover.id },
    locale: 'id',
    status: 'published',
  });
  await docs(AUTHOR).update({
    documentId: author.documentId,
    locale: 'en',
    data: { name: 'Kontrak Penulis', jobTitle: 'Journalist', bio: 'Bio en' },
    status: 'published',
  });

  const tagA = await docs(TAG).create({ data: { name: 'Korea Utara' }, locale: 'id', status: 'published' });
  await docs(TAG).update({
    documentId: tagA.documentId,
    locale: 'en',
    data: { name: 'North Korea' },
    status: 'published',
  });
  const tagB = await docs(TAG).create({ data: { name: 'Rudal' }, locale: 'id', status: 'published' });
  await docs(TAG).update({ documentId: tagB.documentId, locale: 'en', data: { name: 'Missile' }, status: 'published' });

  const target = await docs(ARTICLE).create({
    data: {
      title: 'Korut Uji Rudal Lagi',
      excerpt: 'Target id',
      author: author.documentId,
      tags: [tagB.documentId],
      firstPublishedAt: '2024-11-10T03:00:00.000Z',
    },
    locale: 'id',
    status: 'published',
  });
  await docs(ARTICLE).update({
    documentId: target.documentId,
    locale: 'en',
    data: {
      title: 'North Korea Tests a Missile Again',
      excerpt: 'Target en',
      author: author.documentId,
      tags: [tagB.documentId],
    },
    status: 'published',
  });

  const internal = await docs(LINK).create({
    data: { title: 'Korut uji rudal lagi', kind: 'read-also', label: 'Baca juga', target: target.documentId },
    locale: 'id',
    status: 'published',
  });
  await docs(LINK).update({
    documentId: internal.documentId,
    locale: 'en',
    data: { title: 'North Korea tests a missile again', label: 'Read also', target: target.documentId },
    status: 'published',
  });
  const external = await docs(LINK).create({
    data: {
      title: 'HOAKS atau FAKTA: rudal',
      kind: 'fact-check',
      label: 'HOAKS atau FAKTA',
      url: 'https://example.org/cek',
    },
    locale: 'id',
    status: 'published',
  });
  await docs(LINK).update({
    documentId: external.documentId,
    locale: 'en',
    data: { title: 'HOAX or FACT: missile', label: 'HOAX or FACT', url: 'https://example.org/check' },
    status: 'published',
  });

  const shared = {
    cover: cover.id,
    author: author.documentId,
    tags: [tagA.documentId, tagB.documentId],
    relatedLinks: [internal.documentId, external.documentId],
    coverCredit: 'ANTARA/KCNA/tm/aa',
    sources: [
      { name: 'KCNA', relation: 'reported-by' as const },
      { name: 'Antara', relation: 'quoted-from' as const, url: 'https://www.antaranews.com' },
    ],
  };
  const main = await docs(ARTICLE).create({
    data: {
      ...shared,
      title: 'Kim Jong Un Perintahkan Produksi Massal Drone',
      excerpt: 'Ringkasan id',
      coverCaption: 'Foto arsip id',
      firstPublishedAt: '2024-11-12T05:30:00.000Z',
      body: [
        { __component: 'content.rich-text', body: paragraph('Paragraf satu.') },
        { __component: 'content.read-also', link: internal.documentId },
        { __component: 'content.rich-text', body: paragraph('Paragraf dua.') },
      ],
      seo: { metaTitle: 'Meta id', metaDescription: 'Deskripsi id' },
      corrections: [
        { date: '2024-11-12T09:00:00.000Z', kind: 'correction', text: 'Koreksi id' },
        { date: '2024-11-13T02:00:00.000Z', kind: 'update', text: 'Pembaruan id' },
      ],
    },
    locale: 'id',
    status: 'published',
  });
  const en = await docs(ARTICLE).update({
    documentId: main.documentId,
    locale: 'en',
    data: {
      ...shared,
      title: 'Kim Jong Un Orders Mass Production of Drones',
      excerpt: 'Summary en',
      coverCaption: 'Archive photo en',
      body: [
        { __component: 'content.rich-text', body: paragraph('Paragraph one.') },
        { __component: 'content.read-also', link: internal.documentId },
        { __component: 'content.rich-text', body: paragraph('Paragraph two.') },
      ],
      seo: { metaTitle: 'Meta en', metaDescription: 'Description en' },
      corrections: [{ date: '2024-11-12T10:00:00.000Z', kind: 'clarification', text: 'Clarification en' }],
    },
    status: 'published',
  });

  // A change saved as a draft but never published must not leak.
  const unpublishedChangeTitle = 'PERUBAHAN BELUM TERBIT';
  await docs(ARTICLE).update({ documentId: main.documentId, locale: 'id', data: { title: unpublishedChangeTitle } });
  // A story that was never published.
  const draftOnlyTitle = 'Draf Rahasia Kontrak';
  await docs(ARTICLE).create({ data: { title: draftOnlyTitle, author: author.documentId }, locale: 'id' });

  const [idVersion] = [main];
  return {
    articleId: main.documentId,
    slugs: { id: String(idVersion.slug), en: String(en?.slug) },
    targetSlugs: { id: String(target.slug), en: 'north-korea-tests-a-missile-again' },
    authorSlug: String(author.slug),
    tagSlugs: { id: String(tagA.slug), en: 'north-korea' },
    authorEmail,
    draftOnlyTitle,
    unpublishedChangeTitle,
  };
};

/** A solid-colour PNG, big enough for Strapi to make its responsive formats. */
export const solidPng = (width: number, height: number): Buffer => {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x99)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};
