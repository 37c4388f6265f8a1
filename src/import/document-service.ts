/**
 * The reference import path: every document written through Strapi's Document
 * Service (create each locale, then publish), so every rule of the CMS applies
 * exactly as for an editor's write. About 300 statements per article: kept to
 * prove the bulk path equivalent (tests/int/bulk-import-equivalence.test.ts)
 * and for content the bulk path does not write (relations on authors or tags,
 * locale versions joining an existing document: src/lib/bulk-import.ts routes
 * those here).
 */
import type { Core, UID } from '@strapi/strapi';
import { ARTICLE_UID, RELATED_LINK_UID } from '../lib/uids';
import { LOCALE_CODES, type LocaleCode } from '../lib/locales';
import { toBlocks } from '../lib/blocks';
import type { PartialArticle, TranslatedItem } from './article-shape';

type DocService = {
  create(p: {
    data: Record<string, unknown>;
    locale: string;
    fields: string[];
    populate: never[];
  }): Promise<{ documentId: string }>;
  publish(p: { documentId: string; locale: string }): Promise<unknown>;
};

/**
 * One document, the locales given: the drafts are created one by one (the
 * default locale first, the others join its document, or all join `existing`),
 * then the locale versions in `publish` are published — all of a document's
 * locales by a single `publish` call, the same end state as creating each with
 * `status: 'published'`, with one deep read and one relation sync for the whole
 * document instead of one per locale.
 */
export const createTranslated = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  versions: Partial<TranslatedItem>,
  publish: boolean | readonly LocaleCode[] = true,
  existing?: string,
): Promise<string> => {
  const docs = strapi.documents(uid) as unknown as DocService;
  let documentId = existing;
  const written = LOCALE_CODES.filter((locale) => versions[locale] !== undefined);
  for (const locale of written) {
    const data = documentId ? { ...versions[locale], documentId } : (versions[locale] as Record<string, unknown>);
    const created = await docs.create({ data, locale, fields: ['documentId'], populate: [] });
    documentId ??= created.documentId;
  }
  const published = publish === true ? written : publish === false ? [] : written.filter((l) => publish.includes(l));
  if (published.length === LOCALE_CODES.length) await docs.publish({ documentId: documentId as string, locale: '*' });
  else for (const locale of published) await docs.publish({ documentId: documentId as string, locale });
  return documentId as string;
};

const articleVersion = (
  article: PartialArticle,
  locale: LocaleCode,
  links: readonly string[],
): Record<string, unknown> | undefined => {
  const text = article.locales[locale];
  if (!text) return undefined;
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

/** Writes one article: its related links, then each locale version (published or draft). Returns its documentId. */
export const importArticleViaDocuments = async (strapi: Core.Strapi, article: PartialArticle): Promise<string> => {
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
  const versions: Partial<TranslatedItem> = {};
  for (const locale of LOCALE_CODES) {
    const version = articleVersion(article, locale, links);
    if (version) versions[locale] = version;
  }
  const published = LOCALE_CODES.filter(
    (locale) => (article.locales[locale]?.status ?? article.status ?? 'published') === 'published',
  );
  return createTranslated(strapi, ARTICLE_UID, versions, published, article.documentId);
};
