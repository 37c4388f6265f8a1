import type { Core } from '@strapi/strapi';
import { uploadCover } from './contract-fixture';

const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const TAG = 'api::tag.tag';

export type ArticleListFixture = {
  /** documentIds of the list's articles (each published in `id` and `en`). */
  documentIds: string[];
  authorDocumentId: string;
  tagDocumentIds: string[];
};

const WORDS = {
  id: 'pemerintah daerah menyatakan bahwa pembangunan jalan baru akan dimulai pekan depan setelah warga setuju'.split(
    ' ',
  ),
  en: 'the regional government said that construction of the new road will begin next week after residents agreed'.split(
    ' ',
  ),
};

/** `count` words of a locale's newsroom prose, deterministic per seed. */
const prose = (locale: 'id' | 'en', seed: number, count: number): string => {
  const words = WORDS[locale];
  const out: string[] = [];
  for (let i = 0; i < count; i += 1) out.push(words[(seed * 7 + i * 3) % words.length] as string);
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
};

const paragraphs = (locale: 'id' | 'en', seed: number) =>
  Array.from({ length: 5 }, (_, p) => ({
    __component: 'content.rich-text' as const,
    body: [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text: prose(locale, seed + p, 90) }] }],
  }));

/**
 * `count` published articles in `id` and `en` shaped like a newsroom's day:
 * a cover photo with caption and credit, a byline with an avatar, two tags,
 * five paragraphs of about 90 words (a 450-word story), SEO texts, two wire
 * sources and a correction — what a whole page carries and a list card does not.
 * Written through the Document Service.
 */
export const createArticleList = async (
  strapi: Core.Strapi,
  count: number,
  prefix = 'daftar',
): Promise<ArticleListFixture> => {
  const docs = strapi.documents;
  const cover = await uploadCover(strapi);
  const author = await docs(AUTHOR).create({
    data: { name: `${prefix} Penulis`, jobTitle: 'Jurnalis', avatar: cover.id },
    locale: 'id',
    status: 'published',
  });
  await docs(AUTHOR).update({
    documentId: author.documentId,
    locale: 'en',
    data: { name: `${prefix} Penulis`, jobTitle: 'Journalist' },
    status: 'published',
  });
  const tags: string[] = [];
  for (const [id, en] of [
    [`${prefix} Jalan`, `${prefix} Roads`],
    [`${prefix} Daerah`, `${prefix} Regions`],
  ] as const) {
    const tag = await docs(TAG).create({ data: { name: id }, locale: 'id', status: 'published' });
    await docs(TAG).update({ documentId: tag.documentId, locale: 'en', data: { name: en }, status: 'published' });
    tags.push(tag.documentId);
  }

  const documentIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const shared = {
      cover: cover.id,
      coverCredit: 'ANTARA/Fotografer/aa',
      author: author.documentId,
      tags,
      sources: [
        { name: 'Antara', relation: 'reported-by' as const, url: 'https://www.antaranews.com' },
        { name: 'Reuters', relation: 'quoted-from' as const, url: 'https://www.reuters.com' },
      ],
    };
    const created = await docs(ARTICLE).create({
      data: {
        ...shared,
        title: `${prefix} berita jalan baru ${i}`,
        excerpt: prose('id', i, 30),
        coverCaption: prose('id', i + 1, 15),
        body: paragraphs('id', i),
        seo: { metaTitle: `${prefix} berita ${i}`, metaDescription: prose('id', i + 2, 25) },
        corrections: [{ date: '2024-11-12T09:00:00.000Z', kind: 'correction' as const, text: prose('id', i, 12) }],
      },
      locale: 'id',
      status: 'published',
    });
    await docs(ARTICLE).update({
      documentId: created.documentId,
      locale: 'en',
      data: {
        ...shared,
        title: `${prefix} new road story ${i}`,
        excerpt: prose('en', i, 30),
        coverCaption: prose('en', i + 1, 15),
        body: paragraphs('en', i),
        seo: { metaTitle: `${prefix} story ${i}`, metaDescription: prose('en', i + 2, 25) },
        corrections: [{ date: '2024-11-12T09:00:00.000Z', kind: 'update' as const, text: prose('en', i, 12) }],
      },
      status: 'published',
    });
    documentIds.push(created.documentId);
  }
  return { documentIds, authorDocumentId: author.documentId, tagDocumentIds: tags };
};
