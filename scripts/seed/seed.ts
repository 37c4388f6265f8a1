import fs from 'fs';
import path from 'path';
import type { Core, Modules, UID } from '@strapi/strapi';
import defaultFixture from '../../database/seed/newsroom';
import type { ArticleFixture, BodyBlockFixture, MediaFixture, SeedFixture } from '../../database/seed/types';
import { ARTICLE_UID, AUTHOR_UID, RELATED_LINK_UID, TAG_UID } from '../../src/lib/uids';
import { DEFAULT_LOCALE, LOCALE_CODES, type LocaleCode } from '../../src/lib/locales';
import { validateFixture } from './validate';
import { toBlocks } from '../../src/lib/blocks';

export { SeedFixtureError, validateFixture } from './validate';

const FILE_UID = 'plugin::upload.file';

export type SeedOutcome = 'created' | 'filled' | 'skipped' | 'deleted' | 'failed';
export type SeedRecordType = 'media' | 'author' | 'tag' | 'related-link' | 'article';

/** What happened to one record (one locale version of a document, or one file). */
export type SeedEvent = {
  type: SeedRecordType;
  key: string;
  locale?: LocaleCode;
  outcome: SeedOutcome;
  detail?: string;
};

export type SeedSummary = {
  created: number;
  filled: number;
  skipped: number;
  deleted: number;
  failed: number;
  events: SeedEvent[];
  /** documentIds of the seeded articles, by their `id` slug. */
  articles: Record<string, string>;
};

export type SeedOptions = {
  /** Delete the seed's own documents (found by natural key) and write them again. */
  reset?: boolean;
  /** Receives one human-readable line per record. */
  log?: (line: string) => void;
  /** Where fixture media paths are resolved from; defaults to the app root. */
  appRoot?: string;
};

type Input<T extends UID.ContentType> = Modules.Documents.Params.Data.Input<T>;
type DocUid = typeof AUTHOR_UID | typeof TAG_UID | typeof RELATED_LINK_UID | typeof ARTICLE_UID;
type StoredVersion = {
  documentId: string;
  updatedAt?: string | Date | null;
  publishedAt?: string | Date | null;
} & Record<string, unknown>;

/**
 * A write Strapi refused (e.g. one of its validations): names the record, and
 * the field when Strapi's error says which.
 */
export class SeedWriteError extends Error {
  readonly field?: string;
  constructor(
    readonly record: string,
    cause: unknown,
  ) {
    const details = (cause as { details?: { errors?: { path?: unknown[] }[] } } | null)?.details;
    const field = details?.errors?.[0]?.path?.join('.');
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`Could not write ${record}${field ? `, field "${field}"` : ''}: ${message}`, { cause });
    this.name = 'SeedWriteError';
    this.field = field;
  }
}

/** Blocks JSON (Strapi's rich text) for plain paragraphs: the builder the archive import uses too. */
export { toBlocks };

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

const short = (value: string): string => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

/**
 * Loads a fixture (by default the MerahPutih article of database/seed/newsroom.ts)
 * through Strapi's Document Service and upload service, idempotently:
 * - the whole fixture is validated first; bad data throws a SeedFixtureError
 *   naming the record and field, and nothing is written;
 * - every record is found again by its natural key (slug + locale, the
 *   Indonesian headline for related links, the file name for media); what
 *   exists is left as it is, only empty fields are filled in, so an editor's
 *   change survives; missing documents and locale versions are created and
 *   published in both locales;
 * - each article, with the authors, tags and related links it needs, is written
 *   in one database transaction: a failure leaves no half-written article.
 */
export const seedNewsroom = async (
  strapi: Core.Strapi,
  fixture: SeedFixture = defaultFixture,
  options: SeedOptions = {},
): Promise<SeedSummary> => {
  const appRoot = options.appRoot ?? strapi.dirs.app.root;
  const log = options.log ?? (() => undefined);
  validateFixture(fixture, appRoot);

  const summary: SeedSummary = { created: 0, filled: 0, skipped: 0, deleted: 0, failed: 0, events: [], articles: {} };
  const record = (event: SeedEvent): void => {
    summary.events.push(event);
    summary[event.outcome] += 1;
    const where = event.locale ? ` (${event.locale})` : '';
    log(
      `${event.outcome.padEnd(7)} ${event.type} "${short(event.key)}"${where}${event.detail ? `: ${event.detail}` : ''}`,
    );
  };

  const docs = <T extends DocUid>(uid: T) => strapi.documents(uid);

  /** The document holding `value` in `field` in one locale (draft side), or null. */
  const findByKey = async (uid: DocUid, field: string, value: string, locale: LocaleCode): Promise<string | null> => {
    const found = await strapi.db.query(uid).findOne({
      select: ['documentId'],
      where: { [field]: value, locale, publishedAt: null },
    });
    return (found as { documentId?: string } | null)?.documentId ?? null;
  };

  const versions = async (
    uid: DocUid,
    documentId: string,
    locale: LocaleCode,
    populate: readonly string[],
  ): Promise<{ draft: StoredVersion | null; published: StoredVersion | null }> => {
    const rows = (await strapi.db.query(uid).findMany({
      where: { documentId, locale },
      populate: [...populate],
    })) as StoredVersion[];
    return { draft: rows.find((r) => !r.publishedAt) ?? null, published: rows.find((r) => r.publishedAt) ?? null };
  };

  /**
   * Makes one locale version of a document exist: creates it (published) when
   * missing; otherwise fills only its empty fields, and re-publishes only when
   * it was published with no pending editor changes.
   */
  const ensureVersion = async <T extends DocUid>(...args: Parameters<typeof writeVersion<T>>): Promise<string> => {
    try {
      return await writeVersion(...args);
    } catch (error) {
      const [, type, key, , locale] = args;
      throw new SeedWriteError(`${type} "${short(key)}" (${locale})`, error);
    }
  };

  const writeVersion = async <T extends DocUid>(
    uid: T,
    type: SeedRecordType,
    key: string,
    documentId: string | null,
    locale: LocaleCode,
    data: Record<string, unknown>,
    createOnly: Record<string, unknown> = {},
  ): Promise<string> => {
    const service = docs(uid) as unknown as {
      create(p: {
        data: Record<string, unknown>;
        locale: string;
        status: 'published';
      }): Promise<{ documentId: string }>;
      update(p: { documentId: string; data: Record<string, unknown>; locale: string }): Promise<unknown>;
      publish(p: { documentId: string; locale: string }): Promise<unknown>;
    };
    if (documentId === null) {
      const created = await service.create({ data: { ...data, ...createOnly }, locale, status: 'published' });
      record({ type, key, locale, outcome: 'created' });
      return created.documentId;
    }
    const populate = Object.keys(data).filter((field) => {
      const attribute = (strapi.contentType(uid).attributes as Record<string, { type: string }>)[field];
      return ['relation', 'media', 'component', 'dynamiczone'].includes(attribute?.type ?? '');
    });
    const { draft, published } = await versions(uid, documentId, locale, populate);
    if (!draft) {
      // A new locale version of an existing document, created with the
      // document's id so that create-only fields (firstPublishedAt) are kept.
      await service.create({ data: { ...data, ...createOnly, documentId }, locale, status: 'published' });
      record({ type, key, locale, outcome: 'created' });
      return documentId;
    }
    const missing = Object.fromEntries(Object.entries(data).filter(([field]) => isEmpty(draft[field])));
    if (Object.keys(missing).length === 0) {
      record({ type, key, locale, outcome: 'skipped', detail: 'exists' });
      return documentId;
    }
    const inSync =
      published !== null &&
      new Date(String(draft.updatedAt)).getTime() <= new Date(String(published.updatedAt)).getTime();
    await service.update({ documentId, data: missing, locale });
    if (inSync) await service.publish({ documentId, locale });
    record({
      type,
      key,
      locale,
      outcome: 'filled',
      detail: `${Object.keys(missing).join(', ')}${inSync ? '' : ' (draft only: it has unpublished changes or is not published)'}`,
    });
    return documentId;
  };

  type UploadedFile = { id: number; formats?: Record<string, unknown> | null } & Record<string, unknown>;
  const mediaIds = new Map<string, number>();
  /** Files uploaded inside the current article's transaction, removed from storage if it rolls back. */
  let uploadedInTransaction: UploadedFile[] = [];
  const removeFromStorage = async (files: UploadedFile[]): Promise<void> => {
    const provider = strapi.plugin('upload').provider as { delete(file: unknown): Promise<unknown> };
    for (const file of files) {
      await provider.delete(file);
      for (const format of Object.values(file.formats ?? {})) await provider.delete(format);
      mediaIds.delete(String(file.name));
    }
  };
  const ensureMedia = async (media: MediaFixture): Promise<number> => {
    const cached = mediaIds.get(media.name);
    if (cached !== undefined) return cached;
    const existing = (await strapi.db.query(FILE_UID).findOne({ select: ['id'], where: { name: media.name } })) as {
      id: number;
    } | null;
    if (existing) {
      record({ type: 'media', key: media.name, outcome: 'skipped', detail: 'already uploaded' });
      mediaIds.set(media.name, existing.id);
      return existing.id;
    }
    const filepath = path.resolve(appRoot, media.path);
    const upload = strapi.plugin('upload').service('upload') as {
      upload(input: {
        data: { fileInfo: Record<string, string | undefined> };
        files: Record<string, string | number>;
      }): Promise<UploadedFile[]>;
    };
    const [file] = await upload.upload({
      data: { fileInfo: { name: media.name, alternativeText: media.alternativeText, caption: media.caption } },
      files: { filepath, originalFilename: media.name, mimetype: media.mime, size: fs.statSync(filepath).size },
    });
    if (!file) throw new Error(`media "${media.name}": the upload service returned no file`);
    uploadedInTransaction.push(file);
    record({ type: 'media', key: media.name, outcome: 'created' });
    mediaIds.set(media.name, file.id);
    return file.id;
  };

  const authorIds = new Map<string, string>();
  const ensureAuthor = async (slug: string): Promise<string> => {
    const cached = authorIds.get(slug);
    if (cached) return cached;
    const author = fixture.authors.find((a) => a.slug === slug);
    if (!author) throw new Error(`author "${slug}" is not in the fixture`);
    let documentId = await findByKey(AUTHOR_UID, 'slug', slug, DEFAULT_LOCALE);
    for (const locale of LOCALE_CODES) {
      documentId ??= await findByKey(AUTHOR_UID, 'slug', slug, locale);
      const data: Input<typeof AUTHOR_UID> = {
        name: author.name,
        slug: author.slug,
        jobTitle: author.jobTitle[locale],
        ...(author.bio ? { bio: author.bio[locale] } : {}),
      };
      documentId = await ensureVersion(AUTHOR_UID, 'author', slug, documentId, locale, data);
    }
    authorIds.set(slug, documentId as string);
    return documentId as string;
  };

  const tagIds = new Map<string, string>();
  const ensureTag = async (idSlug: string): Promise<string> => {
    const cached = tagIds.get(idSlug);
    if (cached) return cached;
    const tag = fixture.tags.find((t) => t.locales.id.slug === idSlug);
    if (!tag) throw new Error(`tag "${idSlug}" is not in the fixture`);
    let documentId: string | null = null;
    for (const locale of LOCALE_CODES)
      documentId ??= await findByKey(TAG_UID, 'slug', tag.locales[locale].slug, locale);
    for (const locale of LOCALE_CODES) {
      const version = tag.locales[locale];
      const data: Input<typeof TAG_UID> = {
        name: version.name,
        slug: version.slug,
        ...(version.description ? { description: version.description } : {}),
      };
      documentId = await ensureVersion(TAG_UID, 'tag', version.slug, documentId, locale, data);
    }
    tagIds.set(idSlug, documentId as string);
    return documentId as string;
  };

  /** A related link of the fixture, found by its headline in either locale (an editor may retitle one). */
  const findLink = async (idTitle: string): Promise<string | null> => {
    const link = fixture.relatedLinks.find((l) => l.locales.id.title === idTitle);
    let documentId: string | null = null;
    for (const locale of LOCALE_CODES) {
      documentId ??= await findByKey(RELATED_LINK_UID, 'title', link?.locales[locale].title ?? idTitle, locale);
    }
    return documentId;
  };

  const linkIds = new Map<string, string>();
  const ensureLink = async (idTitle: string): Promise<string> => {
    const cached = linkIds.get(idTitle);
    if (cached) return cached;
    const link = fixture.relatedLinks.find((l) => l.locales.id.title === idTitle);
    if (!link) throw new Error(`related link "${idTitle}" is not in the fixture`);
    let documentId = await findLink(idTitle);
    for (const locale of LOCALE_CODES) {
      const version = link.locales[locale];
      const data: Input<typeof RELATED_LINK_UID> = {
        title: version.title,
        kind: link.kind,
        ...(version.label ? { label: version.label } : {}),
        ...(link.url ? { url: link.url } : {}),
      };
      documentId = await ensureVersion(RELATED_LINK_UID, 'related-link', idTitle, documentId, locale, data);
    }
    linkIds.set(idTitle, documentId as string);
    return documentId as string;
  };

  const bodyFor = (blocks: readonly BodyBlockFixture[], locale: LocaleCode): Record<string, unknown>[] =>
    blocks.map((block) =>
      block.type === 'rich-text'
        ? { __component: 'content.rich-text', body: toBlocks(block.paragraphs[locale]) }
        : { __component: 'content.read-also', link: linkIds.get(block.link) },
    );

  const resetArticle = async (article: ArticleFixture): Promise<void> => {
    const remove = async (uid: DocUid, type: SeedRecordType, key: string, documentId: string | null): Promise<void> => {
      if (!documentId) return;
      await (docs(uid) as unknown as { delete(p: { documentId: string; locale: string }): Promise<unknown> }).delete({
        documentId,
        locale: '*',
      });
      record({ type, key, outcome: 'deleted', detail: 'all locales (--reset)' });
    };
    await remove(
      ARTICLE_UID,
      'article',
      article.locales.id.slug,
      await findByKey(ARTICLE_UID, 'slug', article.locales.id.slug, 'id'),
    );
    for (const title of new Set([
      ...article.relatedLinks,
      ...article.body.flatMap((b) => (b.type === 'read-also' ? [b.link] : [])),
    ])) {
      linkIds.delete(title);
      await remove(RELATED_LINK_UID, 'related-link', title, await findLink(title));
    }
    for (const slug of article.tags) {
      tagIds.delete(slug);
      await remove(TAG_UID, 'tag', slug, await findByKey(TAG_UID, 'slug', slug, 'id'));
    }
    if (article.author) {
      authorIds.delete(article.author);
      await remove(AUTHOR_UID, 'author', article.author, await findByKey(AUTHOR_UID, 'slug', article.author, 'id'));
    }
  };

  const ensureArticle = async (article: ArticleFixture): Promise<void> => {
    const key = article.locales.id.slug;
    if (options.reset) await resetArticle(article);
    const coverId = article.cover
      ? await ensureMedia(fixture.media.find((m) => m.name === article.cover) as MediaFixture)
      : undefined;
    const authorId = article.author ? await ensureAuthor(article.author) : undefined;
    const tags: string[] = [];
    for (const slug of article.tags) tags.push(await ensureTag(slug));
    const relatedLinks: string[] = [];
    for (const title of article.relatedLinks) relatedLinks.push(await ensureLink(title));
    for (const block of article.body) if (block.type === 'read-also') await ensureLink(block.link);

    let documentId: string | null = null;
    for (const locale of LOCALE_CODES)
      documentId ??= await findByKey(ARTICLE_UID, 'slug', article.locales[locale].slug, locale);
    for (const locale of LOCALE_CODES) {
      const version = article.locales[locale];
      const data: Record<string, unknown> = {
        title: version.title,
        slug: version.slug,
        excerpt: version.excerpt,
        body: bodyFor(article.body, locale),
        ...(version.coverCaption ? { coverCaption: version.coverCaption } : {}),
        ...(coverId !== undefined ? { cover: coverId } : {}),
        ...(article.coverCredit ? { coverCredit: article.coverCredit } : {}),
        ...(authorId ? { author: authorId } : {}),
        tags,
        relatedLinks,
        sources: article.sources.map((s) => ({ ...s })),
        timeZone: article.timeZone,
      } satisfies Partial<Record<keyof Input<typeof ARTICLE_UID>, unknown>>;
      documentId = await ensureVersion(ARTICLE_UID, 'article', key, documentId, locale, data, {
        firstPublishedAt: new Date(article.firstPublishedAt).toISOString(),
      });
    }
    summary.articles[key] = documentId as string;
  };

  for (const article of fixture.articles) {
    const key = article.locales.id.slug;
    uploadedInTransaction = [];
    try {
      await strapi.db.transaction(async () => {
        await ensureArticle(article);
      });
    } catch (error) {
      // The database rolled back; the files an upload wrote to storage did not.
      await removeFromStorage(uploadedInTransaction);
      record({
        type: 'article',
        key,
        outcome: 'failed',
        detail: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }
  log(
    `summary: ${summary.created} created, ${summary.filled} filled, ${summary.skipped} skipped, ${summary.deleted} deleted, ${summary.failed} failed`,
  );
  return summary;
};

export default seedNewsroom;
