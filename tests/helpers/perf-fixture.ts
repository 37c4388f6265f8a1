import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
const AUTHOR = 'api::author.author';
const TAG = 'api::tag.tag';

const paragraph = (text: string) => [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }];

export type PerfFixture = {
  /** Slugs per locale, newest first. */
  slugs: { id: string[]; en: string[] };
  documentIds: string[];
  tagSlugs: { id: string; en: string };
  tagDocumentId: string;
  authorSlug: string;
  authorDocumentId: string;
};

/**
 * `count` published articles in `id` and `en`, all by one author and sharing
 * one tag (plus a second tag on every other article), with distinct
 * first-publication times (article i is i hours after 2024-01-01), written
 * through the Document Service.
 */
export const createPerfFixture = async (strapi: Core.Strapi, count: number, prefix = 'perf'): Promise<PerfFixture> => {
  const docs = strapi.documents;
  const author = await docs(AUTHOR).create({
    data: { name: `${prefix} Penulis`, slug: `${prefix}-penulis`, jobTitle: 'Jurnalis' },
    locale: 'id',
    status: 'published',
  });
  await docs(AUTHOR).update({
    documentId: author.documentId,
    locale: 'en',
    data: { name: `${prefix} Penulis`, slug: `${prefix}-penulis`, jobTitle: 'Journalist' },
    status: 'published',
  });
  const makeTag = async (id: string, en: string) => {
    const tag = await docs(TAG).create({
      data: { name: id, slug: id.toLowerCase().replace(/\s+/g, '-') },
      locale: 'id',
      status: 'published',
    });
    await docs(TAG).update({
      documentId: tag.documentId,
      locale: 'en',
      data: { name: en, slug: en.toLowerCase().replace(/\s+/g, '-') },
      status: 'published',
    });
    return tag;
  };
  const tag = await makeTag(`${prefix} Politik`, `${prefix} Politics`);
  const other = await makeTag(`${prefix} Ekonomi`, `${prefix} Economy`);

  const slugs = { id: [] as string[], en: [] as string[] };
  const documentIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const firstPublishedAt = new Date(Date.UTC(2024, 0, 1) + i * 3600_000).toISOString();
    const tags = i % 2 === 0 ? [tag.documentId, other.documentId] : [tag.documentId];
    const idSlug = `${prefix}-berita-${i}`;
    const enSlug = `${prefix}-news-${i}`;
    const created = await docs(ARTICLE).create({
      data: {
        title: `${prefix} Berita ${i}`,
        slug: idSlug,
        excerpt: `Ringkasan ${i}`,
        body: [{ __component: 'content.rich-text', body: paragraph(`Isi berita ${i}.`) }],
        author: author.documentId,
        tags,
        firstPublishedAt,
      } as never,
      locale: 'id',
      status: 'published',
    });
    await docs(ARTICLE).update({
      documentId: created.documentId,
      locale: 'en',
      data: {
        title: `${prefix} News ${i}`,
        slug: enSlug,
        excerpt: `Summary ${i}`,
        body: [{ __component: 'content.rich-text', body: paragraph(`Story ${i}.`) }],
        author: author.documentId,
        tags,
        firstPublishedAt,
      } as never,
      status: 'published',
    });
    slugs.id.unshift(idSlug);
    slugs.en.unshift(enSlug);
    documentIds.unshift(created.documentId);
  }
  return {
    slugs,
    documentIds,
    tagSlugs: { id: `${prefix.toLowerCase()}-politik`, en: `${prefix.toLowerCase()}-politics` },
    tagDocumentId: tag.documentId,
    authorSlug: `${prefix}-penulis`,
    authorDocumentId: author.documentId,
  };
};
