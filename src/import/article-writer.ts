/**
 * The bulk write path for articles: one batch of articles, with their related
 * links, components and relations, written in one transaction by a few dozen
 * multi-row statements, producing the rows the Document Service writes for the
 * same input (create each locale, then publish):
 * - new documents only (a `PartialArticle` without `documentId`), in any
 *   non-empty set of locales, each locale published or a draft;
 * - per locale given a draft row and (a published locale) a published row,
 *   sharing `document_id`, `created_at`/`updated_at` and `first_published_at`,
 *   the published rows with `published_at`; `created_by_id`/`updated_by_id` null
 *   (no admin user is behind an import, as for a Document Service call);
 * - each row its own components (body dynamic zone, sources, seo) in
 *   `articles_cmps`, with the entries' order;
 * - each row its own relation links, to the target's row of the same locale and
 *   the same state (draft → draft, published → published), with Strapi's order
 *   columns: the owner side numbered 1…n, the inverse side max + 1 per target.
 *   A target without a row in that locale: a draft row fails the article, as
 *   the Document Service's create does (an English-only article tagged with a
 *   tag that has no English version is refused, naming tag and locale); a
 *   published row leaves out a target never published in its locale, as
 *   `publish` does;
 * - the cover as one `files_related_mph` row per article row;
 * - the project's rules: slugs (src/import/slugs.ts), reading time,
 *   translation status, related-link rules, the schema's limits.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { ARTICLE_UID, AUTHOR_UID, RELATED_LINK_UID, TAG_UID } from '../lib/uids';
import { DEFAULT_LOCALE, LOCALE_CODES, type LocaleCode } from '../lib/locales';
import { toBlocks, type BodyEntry } from '../lib/blocks';
import { readingTimeMinutes } from '../lib/reading-time';
import { urlProblem } from '../api/related-link/document-middlewares/related-link-rules';
import { SOURCE_LOCALE } from '../api/article/document-middlewares/translation-status';
import type { BulkArticleText, BulkBodyBlock, PartialArticle } from './article-shape';
import { dbJson, dbTime, engineOf, insertReturningIds, insertRows, type Engine, type Row } from './db';
import { modelOf, rowOf, type Model } from './model';
import { assignSlugs, publishedSlugClashes } from './slugs';
import { checkBlocks, checkScalars } from './validate';

const RICH_TEXT = 'content.rich-text';
const READ_ALSO = 'content.read-also';
const SOURCE = 'content.source';
const SEO = 'shared.seo';
const FILE_UID = 'plugin::upload.file';

/** One row of a document: a locale and a state. */
type Version = { locale: LocaleCode; published: boolean };

/** Per locale given: is it published? (Its own status, else the article's, else published.) */
export type LocaleStatuses = Partial<Record<LocaleCode, boolean>>;

export const localeStatuses = (article: PartialArticle): LocaleStatuses =>
  Object.fromEntries(
    LOCALE_CODES.flatMap((locale) => {
      const text = article.locales[locale];
      return text ? [[locale, (text.status ?? article.status ?? 'published') === 'published']] : [];
    }),
  ) as LocaleStatuses;

/**
 * The rows of a document in the order the Document Service writes them
 * (src/import/document-service.ts, createTranslated): each given locale's draft
 * (the default locale first), then the published rows. When every locale is
 * published that is one `publish` of all locales, which creates the published
 * rows in reverse; otherwise one `publish` per published locale, in locale
 * order. A draft locale has its draft row only.
 */
const versionsOf = (statuses: LocaleStatuses): Version[] => {
  const written = LOCALE_CODES.filter((locale) => statuses[locale] !== undefined);
  const published = written.filter((locale) => statuses[locale]);
  const publishOrder = published.length === LOCALE_CODES.length ? [...published].reverse() : published;
  return [
    ...written.map((locale) => ({ locale, published: false })),
    ...publishOrder.map((locale) => ({ locale, published: true })),
  ];
};

/** Every locale, published (a related link is always both). */
const ALL_PUBLISHED: LocaleStatuses = Object.fromEntries(LOCALE_CODES.map((l) => [l, true]));

/** The text of a locale the plan writes (versionsOf only yields given locales). */
const textOf = (article: PartialArticle, locale: LocaleCode): BulkArticleText =>
  article.locales[locale] as BulkArticleText;

/** The title an error names the article by: the Indonesian one, else the first given. */
export const titleOf = (article: PartialArticle): string =>
  (article.locales[DEFAULT_LOCALE] ?? LOCALE_CODES.map((l) => article.locales[l]).find(Boolean))?.title ?? '';

const versionKey = (documentId: string, v: Version): string => `${documentId}|${v.locale}|${v.published ? 'p' : 'd'}`;

export type BatchItem = { article: PartialArticle; index: number };

type Context = {
  strapi: Core.Strapi;
  trx: Knex.Transaction;
  engine: Engine;
  now: Date;
  models: Record<string, Model>;
};

const schemaAttributes = (strapi: Core.Strapi, uid: string): Record<string, unknown> =>
  (strapi.getModel(uid as Parameters<Core.Strapi['getModel']>[0])?.attributes ?? {}) as Record<string, unknown>;

/** documentId → row id of each of its versions, for the referenced documents of a batch. */
const rowsOfDocuments = async (
  ctx: Context,
  uid: string,
  documentIds: readonly string[],
): Promise<{ ids: Map<string, number>; documents: Set<string> }> => {
  const ids = new Map<string, number>();
  const documents = new Set<string>();
  const unique = [...new Set(documentIds)];
  const table = ctx.models[uid]?.table as string;
  for (let i = 0; i < unique.length; i += 500) {
    const rows = (await ctx
      .trx(table)
      .select('id', 'document_id', 'locale', 'published_at')
      .whereIn('document_id', unique.slice(i, i + 500))) as {
      id: number;
      document_id: string;
      locale: LocaleCode;
      published_at: unknown;
    }[];
    for (const row of rows) {
      documents.add(row.document_id);
      ids.set(versionKey(row.document_id, { locale: row.locale, published: row.published_at !== null }), row.id);
    }
  }
  return { ids, documents };
};

/**
 * The largest inverse-order value per target row (Strapi appends a new link at
 * max + 1): one `MAX` per target, as a scalar subquery, so that with the
 * `(target, order)` indexes of src/strapi-patches/indexes.ts each is one index
 * seek. A `GROUP BY target` read every link of every target instead: a tag of
 * a 100,000-article archive has tens of thousands, and the import slowed down
 * as the archive grew.
 */
export const inverseOrderQuery = (
  db: Knex,
  engine: Engine,
  table: string,
  targetColumn: string,
  orderColumn: string,
  targetIds: readonly number[],
): Knex.Raw =>
  engine === 'sqlite'
    ? db.raw(`SELECT value AS target, (SELECT MAX(??) FROM ?? WHERE ?? = value) AS max FROM json_each(?)`, [
        orderColumn,
        table,
        targetColumn,
        JSON.stringify(targetIds),
      ])
    : db.raw(`SELECT t AS target, (SELECT MAX(??) FROM ?? WHERE ?? = t) AS max FROM unnest(?::int[]) AS t`, [
        orderColumn,
        table,
        targetColumn,
        [...targetIds],
      ]);

const maxInverseOrder = async (
  ctx: Context,
  table: string,
  targetColumn: string,
  orderColumn: string,
  targetIds: readonly number[],
): Promise<Map<number, number>> => {
  const max = new Map<number, number>();
  const unique = [...new Set(targetIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const query = inverseOrderQuery(ctx.trx, ctx.engine, table, targetColumn, orderColumn, unique.slice(i, i + 500));
    const result = (await query) as { target: unknown; max: unknown }[] | { rows: { target: unknown; max: unknown }[] };
    const rows = Array.isArray(result) ? result : result.rows;
    for (const row of rows) if (row.max !== null) max.set(Number(row.target), Number(row.max));
  }
  return max;
};

const nextOrder = (max: Map<number, number>, target: number): number => {
  const value = (max.get(target) ?? 0) + 1;
  max.set(target, value);
  return value;
};

const blocksOf = (block: Extract<BulkBodyBlock, { type: 'rich-text' }>): unknown =>
  'blocks' in block ? block.blocks : toBlocks(block.paragraphs);

/** Throws Strapi's ValidationError naming the article (its input index and Indonesian title). */
const fail = (item: BatchItem, message: string): never => {
  const title = titleOf(item.article);
  throw new errors.ValidationError(`article #${item.index} "${title}": ${message}`);
};

/**
 * The checks Strapi's entity validator would make on these rows, made from the
 * schemas themselves (src/import/validate.ts): running Strapi's validator per row
 * rebuilt its yup schemas every time, about half of the bulk path's time.
 * tests/int/bulk-import-equivalence.test.ts holds both paths to the same refusals.
 */
const validate = (ctx: Context, item: BatchItem): void => {
  const { article } = item;
  const statuses = localeStatuses(article);
  const published = Object.values(statuses).some(Boolean);
  const articleAttributes = schemaAttributes(ctx.strapi, ARTICLE_UID);
  const linkAttributes = schemaAttributes(ctx.strapi, RELATED_LINK_UID);
  try {
    if (article.documentId) {
      throw new errors.ValidationError(
        `joins the existing document "${article.documentId}": the bulk path writes new documents only`,
      );
    }
    if (Object.keys(statuses).length === 0) throw new errors.ValidationError('no locale version given');
    if (published && !article.firstPublishedAt) throw new errors.ValidationError('firstPublishedAt is required');
    if (article.firstPublishedAt && Number.isNaN(Date.parse(article.firstPublishedAt))) {
      throw new errors.ValidationError(`firstPublishedAt "${article.firstPublishedAt}" is not a date`);
    }
    const links = article.relatedLinks ?? [];
    for (const locale of LOCALE_CODES) {
      const text = article.locales[locale];
      if (text) {
        const scalars = {
          title: text.title,
          slug: text.slug,
          excerpt: text.excerpt,
          coverCaption: text.coverCaption,
          coverCredit: article.coverCredit,
          timeZone: article.timeZone,
        };
        checkScalars(articleAttributes, scalars, locale);
        if (text.seo) checkScalars(schemaAttributes(ctx.strapi, SEO), text.seo, `${locale}.seo`);
        text.body.forEach((block, i) => {
          if (block.type === 'rich-text') checkBlocks(blocksOf(block), `${locale}.body[${i}]`);
          else if (!links[block.link]) {
            throw new errors.ValidationError(`${locale}.body[${i}] points to related link #${block.link}, not given`);
          }
        });
      }
      for (const [i, link] of links.entries()) {
        const where = `relatedLinks[${i}].${locale}`;
        const url = link.url?.trim();
        checkScalars(linkAttributes, { ...link.locales[locale], kind: link.kind, url }, where);
        if (url) {
          const problem = urlProblem(url);
          if (problem) throw new errors.ValidationError(`${where}.url: ${problem}`);
        }
        if (url && link.target) {
          throw new errors.ValidationError(
            `${where}: a related link points either to an article of this site (target) or to an external URL (url), not both`,
          );
        }
      }
    }
    for (const [i, source] of (article.sources ?? []).entries()) {
      checkScalars(schemaAttributes(ctx.strapi, SOURCE), source, `sources[${i}]`);
    }
  } catch (error) {
    fail(item, error instanceof Error ? error.message : String(error));
  }
};

/**
 * Writes one batch in the caller's transaction and returns the new documentIds
 * in input order. Throws (the caller's transaction then rolls back) on the
 * first invalid article, naming it.
 */
export const writeArticleBatch = async (
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  items: readonly BatchItem[],
): Promise<string[]> => {
  const models = Object.fromEntries(
    [ARTICLE_UID, RELATED_LINK_UID, AUTHOR_UID, TAG_UID, RICH_TEXT, READ_ALSO, SOURCE, SEO, FILE_UID].map((uid) => [
      uid,
      modelOf(strapi, uid),
    ]),
  ) as Record<string, Model>;
  const ctx: Context = { strapi, trx, engine: engineOf(strapi), now: new Date(), models };
  const article = models[ARTICLE_UID] as Model;
  const link = models[RELATED_LINK_UID] as Model;
  const t = (date: Date | null): unknown => dbTime(ctx.engine, date);

  for (const item of items) validate(ctx, item);

  // Referenced documents: their row ids per locale and state.
  const authors = await rowsOfDocuments(
    ctx,
    AUTHOR_UID,
    items.flatMap((i) => (i.article.author ? [i.article.author] : [])),
  );
  const tags = await rowsOfDocuments(
    ctx,
    TAG_UID,
    items.flatMap((i) => [...(i.article.tags ?? [])]),
  );
  const targets = await rowsOfDocuments(
    ctx,
    ARTICLE_UID,
    items.flatMap((i) => (i.article.relatedLinks ?? []).flatMap((l) => (l.target ? [l.target] : []))),
  );
  const covers = items.flatMap((i) => (i.article.cover !== undefined ? [i.article.cover] : []));
  const files = new Set(
    covers.length === 0
      ? []
      : (
          (await trx(models[FILE_UID]?.table as string)
            .select('id')
            .whereIn('id', [...new Set(covers)])) as { id: number }[]
        ).map((r) => Number(r.id)),
  );
  for (const item of items) {
    const { author, cover } = item.article;
    if (author && !authors.documents.has(author)) fail(item, `author "${author}" not found`);
    for (const tag of item.article.tags ?? []) if (!tags.documents.has(tag)) fail(item, `tag "${tag}" not found`);
    for (const l of item.article.relatedLinks ?? []) {
      if (l.target && !targets.documents.has(l.target)) fail(item, `link target article "${l.target}" not found`);
    }
    if (cover !== undefined && !files.has(cover)) fail(item, `cover file ${cover} not found`);
  }

  // Slugs per locale, among the items written in it: explicit ones checked like Strapi's unique
  // validator (on publish, so for a published locale only), the others derived.
  const statusesOf = new Map(items.map((i) => [i.index, localeStatuses(i.article)]));
  const slugs = new Map<string, string | undefined>(); // `${index}|${locale}` → slug
  for (const locale of LOCALE_CODES) {
    const inLocale = items.filter((i) => i.article.locales[locale] !== undefined);
    const requests = inLocale.map((i) => ({
      locale,
      slug: textOf(i.article, locale).slug,
      source: textOf(i.article, locale).title,
    }));
    const publishedHere = (item: BatchItem): boolean => statusesOf.get(item.index)?.[locale] === true;
    const explicit = requests.flatMap((r, k) =>
      r.slug && publishedHere(inLocale[k] as BatchItem) ? [r.slug.trim()] : [],
    );
    const clashes = await publishedSlugClashes(trx, article.table, locale, explicit);
    const seen = new Set<string>();
    inLocale.forEach((item, k) => {
      const slug = requests[k]?.slug?.trim();
      if (!slug || !publishedHere(item)) return;
      if (clashes.has(slug) || seen.has(slug)) fail(item, `${locale}.slug "${slug}": This attribute must be unique`);
      seen.add(slug);
    });
    const assigned = await assignSlugs(trx, article.table, requests);
    assigned.forEach((slug, k) => slugs.set(`${inLocale[k]?.index}|${locale}`, slug));
  }

  // Rows, in the order the Document Service writes them: each article's links, then the article.
  type LinkPlan = { documentId: string; versions: Version[]; target?: string; itemIndex: number; linkIndex: number };
  const linkPlans: LinkPlan[] = [];
  const linkRows: Row[] = [];
  type ArticlePlan = { item: BatchItem; documentId: string; versions: Version[]; links: LinkPlan[] };
  const articlePlans: ArticlePlan[] = [];
  const articleRows: Row[] = [];
  const now = ctx.now;
  const linkColumns = ['documentId', 'title', 'kind', 'label', 'url', 'locale', 'publishedAt', 'firstPublishedAt'];
  const stamp = { created_at: t(now), updated_at: t(now), created_by_id: null, updated_by_id: null };

  for (const item of items) {
    const a = item.article;
    const links: LinkPlan[] = (a.relatedLinks ?? []).map((l, linkIndex) => {
      const plan: LinkPlan = {
        documentId: link.newDocumentId(),
        versions: versionsOf(ALL_PUBLISHED),
        target: l.target,
        itemIndex: item.index,
        linkIndex,
      };
      for (const v of plan.versions) {
        const text = l.locales[v.locale];
        linkRows.push({
          ...rowOf(link, linkColumns, {
            ...link.defaults,
            documentId: plan.documentId,
            title: text.title,
            kind: l.kind,
            label: text.label,
            url: l.url?.trim() || undefined,
            locale: v.locale,
            // Strapi stamps firstPublishedAt on the draft at the first publication, and copies it.
            publishedAt: v.published ? t(now) : null,
            firstPublishedAt: t(now),
          }),
          ...stamp,
        });
      }
      linkPlans.push(plan);
      return plan;
    });

    const versions = versionsOf(statusesOf.get(item.index) ?? {});
    const plan: ArticlePlan = { item, documentId: article.newDocumentId(), versions, links };
    articlePlans.push(plan);
    for (const v of plan.versions) {
      const text = textOf(a, v.locale);
      const body: BodyEntry[] = text.body.map((b) =>
        b.type === 'rich-text' ? { __component: RICH_TEXT, body: blocksOf(b) } : { __component: READ_ALSO },
      );
      articleRows.push({
        ...rowOf(
          article,
          [
            'documentId',
            'title',
            'slug',
            'excerpt',
            'coverCaption',
            'coverCredit',
            'timeZone',
            'readingTimeMinutes',
            'contentEditedAt',
            'translationStatus',
            'publishedAt',
            'firstPublishedAt',
            'locale',
          ],
          {
            ...article.defaults,
            documentId: plan.documentId,
            title: text.title,
            slug: slugs.get(`${item.index}|${v.locale}`),
            excerpt: text.excerpt,
            coverCaption: text.coverCaption,
            coverCredit: a.coverCredit,
            ...(a.timeZone ? { timeZone: a.timeZone } : {}),
            readingTimeMinutes: readingTimeMinutes(text.excerpt, body),
            contentEditedAt: t(now),
            // src/api/article/document-middlewares/translation-status.ts: a translation written with
            // (after) its source is current, and so is one without a source (an English-only article).
            translationStatus: v.locale === SOURCE_LOCALE ? 'source' : 'current',
            publishedAt: v.published ? t(now) : null,
            firstPublishedAt: a.firstPublishedAt ? t(new Date(a.firstPublishedAt)) : null,
            locale: v.locale,
          },
        ),
        ...stamp,
      });
    }
  }

  const linkIds = await insertReturningIds(trx, ctx.engine, link.table, linkRows);
  const articleIds = await insertReturningIds(trx, ctx.engine, article.table, articleRows);
  const rowId = new Map<string, number>(); // versionKey → new row id
  let n = 0;
  for (const plan of linkPlans)
    for (const v of plan.versions) rowId.set(versionKey(plan.documentId, v), linkIds[n++] as number);
  n = 0;
  for (const plan of articlePlans) {
    for (const v of plan.versions) rowId.set(versionKey(plan.documentId, v), articleIds[n++] as number);
  }
  const idOf = (documentId: string, v: Version): number => rowId.get(versionKey(documentId, v)) as number;

  // Components: one set per article row.
  const richTexts: Row[] = [];
  const readAlsos: { row: number; link: number | undefined }[] = [];
  const sources: Row[] = [];
  const seos: Row[] = [];
  type CmpRef = { entity: number; type: string; field: string; order: number | null; slot: number };
  const cmpRefs: CmpRef[] = [];
  const richTextModel = models[RICH_TEXT] as Model;
  const sourceModel = models[SOURCE] as Model;
  const seoModel = models[SEO] as Model;
  for (const plan of articlePlans) {
    const a = plan.item.article;
    for (const v of plan.versions) {
      const entity = idOf(plan.documentId, v);
      const text = textOf(a, v.locale);
      text.body.forEach((b, i) => {
        if (b.type === 'rich-text') {
          cmpRefs.push({ entity, type: RICH_TEXT, field: 'body', order: i + 1, slot: richTexts.length });
          richTexts.push(rowOf(richTextModel, ['body'], { body: dbJson(blocksOf(b)) }));
        } else {
          cmpRefs.push({ entity, type: READ_ALSO, field: 'body', order: i + 1, slot: readAlsos.length });
          const target = plan.links[b.link];
          const linkRow = target ? rowId.get(versionKey(target.documentId, v)) : undefined;
          readAlsos.push({ row: entity, link: linkRow });
        }
      });
      (a.sources ?? []).forEach((s, i) => {
        cmpRefs.push({ entity, type: SOURCE, field: 'sources', order: i + 1, slot: sources.length });
        sources.push(rowOf(sourceModel, ['name', 'relation', 'url'], { ...sourceModel.defaults, ...s }));
      });
      if (text.seo) {
        // A single component is linked without an order on create (Strapi leaves it null).
        cmpRefs.push({ entity, type: SEO, field: 'seo', order: null, slot: seos.length });
        seos.push(rowOf(seoModel, ['metaTitle', 'metaDescription', 'canonicalUrl'], { ...text.seo }));
      }
    }
  }
  const componentIds: Record<string, number[]> = {
    [RICH_TEXT]: await insertReturningIds(trx, ctx.engine, richTextModel.table, richTexts),
    [READ_ALSO]: await insertReturningIds(
      trx,
      ctx.engine,
      (models[READ_ALSO] as Model).table,
      readAlsos.map(() => ({})),
    ),
    [SOURCE]: await insertReturningIds(trx, ctx.engine, sourceModel.table, sources),
    [SEO]: await insertReturningIds(trx, ctx.engine, seoModel.table, seos),
  };
  const cmps = article.join('body');
  const morph = cmps.morphColumn as NonNullable<typeof cmps.morphColumn>;
  await insertRows(
    trx,
    cmps.name,
    cmpRefs.map((c) => ({
      [cmps.joinColumn.name]: c.entity,
      [morph.idColumn.name]: componentIds[c.type]?.[c.slot],
      [morph.typeColumn.name]: c.type,
      field: c.field,
      order: c.order,
    })),
  );
  const readAlsoLink = (models[READ_ALSO] as Model).join('link');
  await insertRows(
    trx,
    readAlsoLink.name,
    readAlsos.flatMap((r, slot) =>
      r.link === undefined
        ? []
        : [
            {
              [readAlsoLink.joinColumn.name]: componentIds[READ_ALSO]?.[slot],
              [readAlsoLink.inverseJoinColumn?.name as string]: r.link,
            },
          ],
    ),
  );

  // Relations of each article row, to the same locale and state of their targets.
  const authorJoin = article.join('author');
  const tagJoin = article.join('tags');
  const linksJoin = article.join('relatedLinks');
  // The cover: the upload plugin's polymorphic `related` link of the file, one per article row.
  const fileJoin = (models[FILE_UID] as Model).join('related');
  const fileMorph = fileJoin.morphColumn as NonNullable<typeof fileJoin.morphColumn>;
  const authorRows: Row[] = [];
  const tagRows: Row[] = [];
  const relatedRows: Row[] = [];
  const coverRows: Row[] = [];
  const authorTargets: number[] = [];
  const tagTargets: number[] = [];
  const resolve = (
    refs: { ids: Map<string, number> },
    item: BatchItem,
    documentId: string,
    v: Version,
    what: string,
  ): number | undefined => {
    const id = refs.ids.get(versionKey(documentId, v));
    // Strapi: a draft must find its target's draft in its locale; a published row skips a target never published.
    if (id === undefined && !v.published)
      fail(item, `Document with id "${documentId}", locale "${v.locale}" not found (${what})`);
    return id;
  };
  type Pending = { entity: number; target: number; order?: number };
  const authorLinks: Pending[] = [];
  const tagLinks: Pending[] = [];
  for (const plan of articlePlans) {
    const a = plan.item.article;
    for (const v of plan.versions) {
      const entity = idOf(plan.documentId, v);
      if (a.author) {
        const target = resolve(authors, plan.item, a.author, v, 'author');
        if (target !== undefined) {
          authorLinks.push({ entity, target });
          authorTargets.push(target);
        }
      }
      [...new Set(a.tags ?? [])].forEach((tag) => {
        const target = resolve(tags, plan.item, tag, v, 'tag');
        if (target !== undefined) {
          tagLinks.push({ entity, target });
          tagTargets.push(target);
        }
      });
      plan.links.forEach((l, i) => {
        relatedRows.push({
          [linksJoin.joinColumn.name]: entity,
          [linksJoin.inverseJoinColumn?.name as string]: idOf(l.documentId, v),
          [linksJoin.orderColumnName as string]: i + 1,
        });
      });
      if (a.cover !== undefined) {
        coverRows.push({
          [fileJoin.joinColumn.name]: a.cover,
          [fileMorph.idColumn.name]: entity,
          [fileMorph.typeColumn.name]: ARTICLE_UID,
          field: 'cover',
          order: 1,
        });
      }
    }
  }
  const authorMax = await maxInverseOrder(
    ctx,
    authorJoin.name,
    authorJoin.inverseJoinColumn?.name as string,
    authorJoin.inverseOrderColumnName as string,
    authorTargets,
  );
  for (const l of authorLinks) {
    authorRows.push({
      [authorJoin.joinColumn.name]: l.entity,
      [authorJoin.inverseJoinColumn?.name as string]: l.target,
      [authorJoin.inverseOrderColumnName as string]: nextOrder(authorMax, l.target),
    });
  }
  const tagMax = await maxInverseOrder(
    ctx,
    tagJoin.name,
    tagJoin.inverseJoinColumn?.name as string,
    tagJoin.inverseOrderColumnName as string,
    tagTargets,
  );
  let previous: number | undefined;
  let position = 0;
  for (const l of tagLinks) {
    position = l.entity === previous ? position + 1 : 1;
    previous = l.entity;
    tagRows.push({
      [tagJoin.joinColumn.name]: l.entity,
      [tagJoin.inverseJoinColumn?.name as string]: l.target,
      [tagJoin.orderColumnName as string]: position,
      [tagJoin.inverseOrderColumnName as string]: nextOrder(tagMax, l.target),
    });
  }
  await insertRows(trx, authorJoin.name, authorRows);
  await insertRows(trx, tagJoin.name, tagRows);
  await insertRows(trx, linksJoin.name, relatedRows);
  await insertRows(trx, fileJoin.name, coverRows);

  // Each related link row's target: the target article's row of the same locale and state.
  const targetJoin = link.join('target');
  const targetRows: Row[] = [];
  for (const plan of linkPlans) {
    if (!plan.target) continue;
    const item = items.find((i) => i.index === plan.itemIndex) as BatchItem;
    for (const v of plan.versions) {
      const target = resolve(targets, item, plan.target, v, `relatedLinks[${plan.linkIndex}].target`);
      if (target === undefined) continue;
      targetRows.push({
        [targetJoin.joinColumn.name]: idOf(plan.documentId, v),
        [targetJoin.inverseJoinColumn?.name as string]: target,
      });
    }
  }
  await insertRows(trx, targetJoin.name, targetRows);

  return articlePlans.map((p) => p.documentId);
};
