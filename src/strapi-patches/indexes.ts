/**
 * Strapi patch — targets @strapi/strapi 5.54.0: the schema Strapi's database layer
 * creates (packages/core/database/src/schema/) has no index for the public read paths
 * (locale + publication sort, slug lookups, link tables by target); a schema's own
 * `indexes` are experimental and dropped by the Content-Type Builder (strapi/strapi#22636).
 */
import type { Core } from '@strapi/strapi';

/** Every index this project adds starts with this prefix (the bench drops them to measure stock Strapi). */
export const INDEX_PREFIX = 'nr_idx_';

export type IndexDefinition = { name: string; table: string; columns: readonly string[]; why: string };

/**
 * Indexes for the public read paths, on the tables Strapi 5 creates for the
 * content types (names checked in a booted database).
 */
export const NEWSROOM_INDEXES: readonly IndexDefinition[] = [
  {
    name: `${INDEX_PREFIX}articles_locale_first_published`,
    table: 'articles',
    // The list: `locale = ? and published_at is not null order by first_published_at desc, id desc limit n`
    // walks this index backwards and stops after n rows; the count reads it without touching the table.
    columns: ['locale', 'first_published_at', 'id', 'published_at'],
    why: 'article list page, newest first, and its count',
  },
  {
    name: `${INDEX_PREFIX}articles_slug_locale`,
    table: 'articles',
    // The slug route reads `slug = ? and locale = ? … order by first_published_at desc, id desc limit 1`:
    // with the sort columns here, the planner has no reason to walk the list index instead.
    columns: ['slug', 'locale', 'first_published_at', 'id', 'published_at'],
    why: 'article page by slug',
  },
  // Author and tag lookups by slug are sorted by id (Strapi's default order).
  {
    name: `${INDEX_PREFIX}authors_slug_locale`,
    table: 'authors',
    columns: ['slug', 'locale', 'id', 'published_at'],
    why: 'author page by slug',
  },
  {
    name: `${INDEX_PREFIX}tags_slug_locale`,
    table: 'tags',
    columns: ['slug', 'locale', 'id', 'published_at'],
    why: 'tag page by slug',
  },
  {
    name: `${INDEX_PREFIX}articles_tags_lnk_tag_article`,
    table: 'articles_tags_lnk',
    columns: ['tag_id', 'article_id'],
    why: "a tag's articles without reading the link rows",
  },
  {
    name: `${INDEX_PREFIX}articles_author_lnk_author_article`,
    table: 'articles_author_lnk',
    columns: ['author_id', 'article_id'],
    why: "an author's articles without reading the link rows",
  },
  // A new link goes after a tag's or author's last article: `max(article_ord) where tag_id = ?`,
  // asked by Strapi when an editor connects one and by the bulk import for every batch.
  {
    name: `${INDEX_PREFIX}articles_tags_lnk_tag_ord`,
    table: 'articles_tags_lnk',
    columns: ['tag_id', 'article_ord'],
    why: "a tag's last article order, for the next link",
  },
  {
    name: `${INDEX_PREFIX}articles_author_lnk_author_ord`,
    table: 'articles_author_lnk',
    columns: ['author_id', 'article_ord'],
    why: "an author's last article order, for the next link",
  },
];

/**
 * Creates the missing indexes (`CREATE INDEX IF NOT EXISTS`, SQLite and
 * PostgreSQL) after Strapi's schema sync, at every boot. Strapi's schema sync
 * only drops indexes it created itself (it diffs against its stored schema),
 * so these survive restarts and syncs; a sync that rebuilds a table gets them
 * back at the next boot. A user migration cannot do this: on a fresh database
 * Strapi runs migrations before the tables exist.
 *
 * Applied by ./index.ts: with `PERF_OPTIMIZATIONS=false` nothing is created (a
 * copy of a database with the `nr_idx_` indexes dropped stays "stock").
 */
export const ensureIndexes = async (strapi: Core.Strapi): Promise<string[]> => {
  const knex = strapi.db.connection;
  const created: string[] = [];
  for (const index of NEWSROOM_INDEXES) {
    if (!(await knex.schema.hasTable(index.table))) {
      strapi.log.warn(`[indexes] table ${index.table} is missing; ${index.name} not created`);
      continue;
    }
    const columns = index.columns.map((c) => knex.raw('??', [c]).toQuery()).join(', ');
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns})`, [index.name, index.table]);
    created.push(index.name);
  }
  return created;
};
