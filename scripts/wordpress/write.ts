/**
 * The one place the WordPress importer writes: mapped posts, authors and tags
 * through the project's import path (src/lib/bulk-import.ts), media through
 * media.ts. A WordPress post is often in one language only, a Polylang pair can
 * be a published Indonesian post beside an English draft: each becomes a new
 * document written by the bulk path. A later export can add a translation to an
 * article imported earlier: that item joins the existing document through the
 * Document Service, in the same batch transaction (importArticlesReport routes
 * each item). Idempotent by natural key: an article is found by slug + locale,
 * an author by e-mail or slug, a tag by slug, a file by its path under
 * uploads; what exists is never overwritten (an editor's change survives), a
 * missing locale version of an existing article is added to it ("updated").
 * The import path also records each written group under its key (`wordpress`,
 * `<locale>:<slug>` of its versions), so an article imported before and since
 * renamed or deleted by an editor is skipped, not written again.
 * Each batch is one transaction of the import path: all or nothing; a batch
 * that fails is retried item by item, so one bad post fails alone, with its reason.
 */
import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { importArticlesReport, importTranslated } from '../../src/lib/bulk-import';
import type { BulkArticleText, PartialArticle } from '../../src/import/article-shape';
import { ARTICLE_UID, AUTHOR_UID, TAG_UID } from '../../src/lib/uids';
import { LOCALE_CODES, type LocaleCode } from '../../src/lib/locales';
import { toSlug } from '../../src/lib/slug';
import type { BlockNode } from '../../src/lib/blocks';
import type { RichBlock } from './html-to-blocks';
import type { MappedVersion, TagRef } from './map';
import { imageNode, MediaLibrary, uploadsPathOf, type Attachment } from './media';

export type WpAuthor = { login: string; email: string; displayName: string };

/** One article to write: one version per locale (a Polylang pair has two). */
export type ArticleGroup = { versions: MappedVersion[] };

export type GroupOutcome =
  | { outcome: 'created' | 'updated'; detail: string; documentId?: string }
  | { outcome: 'skipped' | 'failed'; reason: string };

export type WriterOptions = {
  dryRun: boolean;
  uploadsDir?: string;
  timeZone: string;
  authors: ReadonlyMap<string, WpAuthor>;
  attachments: ReadonlyMap<string, Attachment>;
  attachmentsByUrl: ReadonlyMap<string, string>;
  /** Receives a note about one article ("image … kept as a link"). */
  note: (group: ArticleGroup, note: string) => void;
};

/** The natural-key namespace of WordPress articles in nr_import_keys (src/import/keys.ts). */
export const WORDPRESS_SOURCE = 'wordpress';

/** `<locale>:<slug>` of each version written, joined by `+` (hashed past the key column's 512 characters). */
const articleKeyOf = (versions: readonly MappedVersion[]): string => {
  const key = versions.map((v) => `${v.locale}:${v.slug}`).join('+');
  return key.length <= 500 ? key : `sha256:${createHash('sha256').update(key).digest('hex')}`;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const errorText = (error: unknown): string => {
  const message = error instanceof Error ? error.message : String(error);
  const details = (error as { details?: { errors?: { path?: unknown[]; message?: string }[] } } | null)?.details;
  const first = details?.errors?.[0];
  return first?.path ? `${message} (field "${first.path.join('.')}")` : message;
};

/** A write's refusal without the import path's "article #i "title": " prefix (the report names the item). */
const refusal = (error: unknown): string => errorText(error).replace(/^article #\d+ ".*?": /s, '');

export const groupLabel = (group: ArticleGroup): string =>
  group.versions.map((v) => `item ${v.sourceId} "${v.title.slice(0, 60)}" (${v.locale})`).join(' + ');

export class WordPressWriter {
  private readonly media: MediaLibrary;
  private readonly authorIds = new Map<string, string | null>();
  private readonly tagIds = new Map<string, string>();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly options: WriterOptions,
  ) {
    this.media = new MediaLibrary(strapi, options.uploadsDir, options.dryRun);
  }

  private async findDocument(uid: typeof ARTICLE_UID | typeof AUTHOR_UID | typeof TAG_UID, where: object) {
    const found = (await this.strapi.db.query(uid).findOne({ select: ['documentId'], where })) as {
      documentId?: string;
    } | null;
    return found?.documentId ?? null;
  }

  private async firstPublishedAt(documentId: string): Promise<string | null> {
    const row = (await this.strapi.db.query(ARTICLE_UID).findOne({
      select: ['firstPublishedAt'],
      where: { documentId, firstPublishedAt: { $notNull: true } },
    })) as { firstPublishedAt?: string | Date | null } | null;
    return row?.firstPublishedAt ? new Date(row.firstPublishedAt).toISOString() : null;
  }

  /** The author of a WordPress login: an existing one (same e-mail, else same slug) or a new one. */
  private async author(login: string): Promise<string | null> {
    const cached = this.authorIds.get(login);
    if (cached !== undefined) return cached;
    const wp = this.options.authors.get(login) ?? { login, email: '', displayName: login };
    const email = EMAIL.test(wp.email.trim()) ? wp.email.trim().toLowerCase() : '';
    const slug = toSlug(login);
    let documentId = email ? await this.findDocument(AUTHOR_UID, { email }) : null;
    documentId ??= slug ? await this.findDocument(AUTHOR_UID, { slug }) : null;
    if (!documentId && !this.options.dryRun) {
      const data = { name: wp.displayName.trim() || login, slug, ...(email ? { email } : {}) };
      [documentId] = await importTranslated(this.strapi, AUTHOR_UID, [{ id: data, en: data }]);
    }
    this.authorIds.set(login, documentId ?? null);
    return documentId ?? null;
  }

  /** A tag per WordPress category or tag slug, in every locale (relations are per locale in Strapi 5). */
  private async tag(ref: TagRef): Promise<string | null> {
    const cached = this.tagIds.get(ref.slug);
    if (cached) return cached;
    let documentId: string | null = null;
    for (const locale of LOCALE_CODES) documentId ??= await this.findDocument(TAG_UID, { slug: ref.slug, locale });
    if (!documentId && !this.options.dryRun) {
      const data = { name: ref.name, slug: ref.slug };
      [documentId] = (await importTranslated(this.strapi, TAG_UID, [{ id: data, en: data }])) as [string];
    }
    if (documentId) this.tagIds.set(ref.slug, documentId);
    return documentId;
  }

  private async cover(group: ArticleGroup): Promise<number | undefined> {
    const id = group.versions.find((v) => v.featuredImage)?.featuredImage;
    if (!id) return undefined;
    const attachment = this.options.attachments.get(id);
    if (!attachment) {
      this.options.note(group, `featured image ${id} is not an attachment of the export: no cover`);
      return undefined;
    }
    const relative = attachment.file ?? uploadsPathOf(attachment.url);
    const file = relative ? await this.media.ensure(relative, attachment.alt, attachment.title) : null;
    if (!file) {
      const why = this.options.uploadsDir ? 'not found in --uploads' : 'no --uploads';
      this.options.note(group, `featured image ${attachment.url} recorded by URL (${why}): no cover`);
      return undefined;
    }
    return file.id || undefined;
  }

  /** Image placeholders → image nodes of uploaded files, or links to the original URL. */
  private async resolveBlocks(group: ArticleGroup, blocks: readonly RichBlock[]): Promise<BlockNode[]> {
    const out: BlockNode[] = [];
    for (const block of blocks) {
      if (block.type !== 'image-ref') {
        out.push(block);
        continue;
      }
      const attachmentId = this.options.attachmentsByUrl.get(block.src);
      const attachment = attachmentId ? this.options.attachments.get(attachmentId) : undefined;
      const relative = uploadsPathOf(block.src) ?? attachment?.file ?? null;
      const file = relative ? await this.media.ensure(relative, block.alt, '') : null;
      if (file && typeof file.width === 'number' && typeof file.height === 'number') {
        out.push(imageNode(file, block.alt));
        continue;
      }
      const why = this.options.uploadsDir ? 'not found in --uploads' : 'no --uploads';
      this.options.note(group, `image ${block.src} kept as a link (${why})`);
      let url: string | null;
      try {
        url = ['http:', 'https:'].includes(new URL(block.src).protocol) ? block.src : null;
      } catch {
        url = null;
      }
      const text = block.alt || block.src;
      out.push({
        type: 'paragraph',
        children: url ? [{ type: 'link', url, children: [{ type: 'text', text }] }] : [{ type: 'text', text }],
      });
    }
    return out;
  }

  /** The import path's input for a group, or a skip when every locale version exists. */
  private async prepare(group: ArticleGroup): Promise<PartialArticle | GroupOutcome> {
    const existing = new Map<LocaleCode, string>();
    for (const v of group.versions) {
      const found = await this.findDocument(ARTICLE_UID, { slug: v.slug, locale: v.locale });
      if (found) existing.set(v.locale, found);
    }
    if (existing.size === group.versions.length)
      return {
        outcome: 'skipped',
        reason: `exists (slug "${group.versions[0]?.slug}" in ${[...existing.keys()].join(', ')})`,
      };
    const documents = new Set(existing.values());
    if (documents.size > 1)
      return { outcome: 'skipped', reason: 'its translations exist as different articles: not paired' };
    const versions = group.versions.filter((v) => !existing.has(v.locale));

    const locales: PartialArticle['locales'] = {};
    for (const v of versions) {
      const text: BulkArticleText & { status: 'published' | 'draft' } = {
        title: v.title,
        slug: v.slug,
        excerpt: v.excerpt,
        body: v.blocks.length > 0 ? [{ type: 'rich-text', blocks: await this.resolveBlocks(group, v.blocks) }] : [],
        status: v.status,
      };
      locales[v.locale] = text;
    }
    const login = versions.find((v) => v.authorLogin)?.authorLogin;
    const author = login ? await this.author(login) : null;
    const tags: string[] = [];
    for (const ref of uniqueTags(versions)) {
      const id = await this.tag(ref);
      if (id) tags.push(id);
    }
    const cover = await this.cover(group);
    const dates = versions.flatMap((v) => (v.firstPublishedAt ? [v.firstPublishedAt] : []));
    // A translation joining an existing article shares its original publication time.
    const joined = documents.size === 1 ? await this.firstPublishedAt([...documents][0] as string) : null;
    if (joined) dates.splice(0, dates.length, joined);
    dates.sort();
    return {
      key: articleKeyOf(versions),
      locales,
      ...(dates[0] ? { firstPublishedAt: dates[0] } : {}),
      timeZone: this.options.timeZone,
      ...(author ? { author } : {}),
      tags,
      ...(cover ? { cover } : {}),
      ...(documents.size === 1 ? { documentId: [...documents][0] } : {}),
    };
  }

  private static done(input: PartialArticle, documentId?: string): GroupOutcome {
    const what = LOCALE_CODES.filter((l) => input.locales[l])
      .map((l) => `${l} ${input.locales[l]?.status === 'draft' ? 'draft' : 'published'}`)
      .join(' + ');
    return input.documentId
      ? { outcome: 'updated', detail: `added ${what} to the existing article`, documentId: input.documentId }
      : { outcome: 'created', detail: what, ...(documentId ? { documentId } : {}) };
  }

  /** Writes one batch (one transaction); returns one outcome per group, in order. */
  async writeBatch(groups: readonly ArticleGroup[]): Promise<GroupOutcome[]> {
    const outcomes: GroupOutcome[] = [];
    const inputs: { index: number; input: PartialArticle }[] = [];
    for (const [index, group] of groups.entries()) {
      try {
        const prepared = await this.prepare(group);
        if ('outcome' in prepared) outcomes[index] = prepared;
        else inputs.push({ index, input: prepared });
      } catch (error) {
        outcomes[index] = { outcome: 'failed', reason: errorText(error) };
      }
    }
    if (this.options.dryRun) {
      for (const { index, input } of inputs) outcomes[index] = WordPressWriter.done(input);
      return outcomes;
    }
    const write = async (batch: readonly { index: number; input: PartialArticle }[]): Promise<void> => {
      const report = await importArticlesReport(
        this.strapi,
        batch.map((i) => i.input),
        { source: WORDPRESS_SOURCE, batchSize: Math.max(1, batch.length) },
      );
      const known = new Set(report.skippedIndexes);
      batch.forEach(({ index, input }, k) => {
        outcomes[index] = known.has(k)
          ? { outcome: 'skipped', reason: `imported before (key "${input.key}"), since renamed or deleted` }
          : WordPressWriter.done(input, report.documentIds[k]);
      });
    };
    try {
      if (inputs.length > 0) await write(inputs);
    } catch {
      // The batch rolled back as a whole: write its articles one by one to find the bad one(s).
      for (const one of inputs) {
        try {
          await write([one]);
        } catch (error) {
          outcomes[one.index] = { outcome: 'failed', reason: refusal((error as Error).cause ?? error) };
        }
      }
    }
    return outcomes;
  }
}

const uniqueTags = (versions: readonly MappedVersion[]): TagRef[] => {
  const seen = new Map<string, TagRef>();
  for (const v of versions) for (const t of v.tags) if (!seen.has(t.slug)) seen.set(t.slug, t);
  return [...seen.values()];
};
