/**
 * The reference import path: every document written through Strapi's Document
 * Service (create each locale, then publish), so every rule of the CMS applies
 * exactly as for an editor's write. About 300 statements per article: kept to
 * prove the bulk path equivalent (tests/int/bulk-import-equivalence.test.ts)
 * and for content the bulk path does not write (relations on authors or tags).
 */
import type { Core, UID } from '@strapi/strapi';
import { ARTICLE_UID, RELATED_LINK_UID } from '../lib/uids';
import { LOCALE_CODES, type LocaleCode } from '../lib/locales';
import { toBlocks } from '../lib/blocks';
import type { BulkArticle, TranslatedItem } from './article-shape';

type DocService = {
  create(p: {
    data: Record<string, unknown>;
    locale: string;
    fields: string[];
    populate: never[];
  }): Promise<{ documentId: string }>;
  publish(p: { documentId: string; locale: '*' }): Promise<unknown>;
};

/**
 * One document, every locale: the drafts are created one by one (the default
 * locale first, the others join its document), then all locale versions are
 * published by a single `publish` call — the same end state as creating each
 * with `status: 'published'`, with one deep read and one relation sync for the
 * whole document instead of one per locale.
 */
export const createTranslated = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  versions: TranslatedItem,
  publish = true,
): Promise<string> => {
  const docs = strapi.documents(uid) as unknown as DocService;
  let documentId: string | undefined;
  for (const locale of LOCALE_CODES) {
    const data = documentId ? { ...versions[locale], documentId } : versions[locale];
    const created = await docs.create({ data, locale, fields: ['documentId'], populate: [] });
    documentId ??= created.documentId;
  }
  if (publish) await docs.publish({ documentId: documentId as string, locale: '*' });
  return documentId as string;
};

const articleVersion = (
  article: BulkArticle,
  locale: LocaleCode,
  links: readonly string[],
): Record<string, unknown> => {
  const text = article.locales[locale];
  return {
    title: text.title,
    ...(text.slug ? { slug: text.slug } : {}),
    excerpt: text.excerpt,
    body: text.body.map((block) =>
      block.type === 'rich-text'
        ? { __component: 'content.rich-text', body: 'blocks' in block ? block.blocks : toBlocks(block.paragraphs) }
        : { __component: 'content.read-also', link: links[block.link] ?? null },
    ),
    ...(text.coverCaption ? { coverCaption: text.coverCaption } : {}),
    ...(text.seo ? { seo: { ...text.seo } } : {}),
    ...(article.cover !== undefined ? { cover: article.cover } : {}),
    ...(article.coverCredit ? { coverCredit: article.coverCredit } : {}),
    ...(article.author ? { author: article.author } : {}),
    tags: [...(article.tags ?? [])],
    relatedLinks: [...links],
    sources: (article.sources ?? []).map((s) => ({ ...s })),
    ...(article.timeZone ? { timeZone: article.timeZone } : {}),
    ...(article.firstPublishedAt ? { firstPublishedAt: new Date(article.firstPublishedAt).toISOString() } : {}),
  };
};

/** Writes one article: its related links, then each locale version (published). Returns its documentId. */
export const importArticleViaDocuments = async (strapi: Core.Strapi, article: BulkArticle): Promise<string> => {
  const links: string[] = [];
  for (const link of article.relatedLinks ?? []) {
    const versions = Object.fromEntries(
      LOCALE_CODES.map((locale) => [
        locale,
        {
          title: link.locales[locale].title,
          kind: link.kind,
          ...(link.locales[locale].label ? { label: link.locales[locale].label } : {}),
          ...(link.url ? { url: link.url } : {}),
          ...(link.target ? { target: link.target } : {}),
        },
      ]),
    ) as unknown as TranslatedItem;
    links.push(await createTranslated(strapi, RELATED_LINK_UID, versions));
  }
  const versions = Object.fromEntries(
    LOCALE_CODES.map((locale) => [locale, articleVersion(article, locale, links)]),
  ) as TranslatedItem;
  return createTranslated(strapi, ARTICLE_UID, versions, (article.status ?? 'published') === 'published');
};
