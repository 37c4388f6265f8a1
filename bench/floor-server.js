#!/usr/bin/env node
/**
 * The floor: the fewest moving parts that can answer the bench's requests with
 * the CMS's exact bytes — node:http + better-sqlite3 (read-only) + prepared
 * statements, over indexes the bench adds to the floor's own copy of the
 * database (bench/run.ts). No framework, no cache of responses: every
 * request reads the database. It knows only the bench's four requests:
 *
 *   GET  /api/articles?locale=id&pagination[pageSize]=20        (list, newest first, default population)
 *   GET  /api/articles/slug/:slug?locale=id                     (article page)
 *   GET  /api/tags?filters[slug][$eq]=:slug&locale=id           (tag page with its articles)
 *   POST /graphql  {"query": BENCH_GRAPHQL_LIST}                (list over GraphQL, see below)
 *
 * The JSON it writes follows the key order of Strapi's serializer (verified
 * byte for byte by the bench and tests/int/bench-import-floor.test.ts).
 *
 * Usage: node bench/floor-server.js --db=<file> [--port=0]
 * Prints `{"port":N}` on stdout once listening; stops on SIGTERM or when its
 * parent (IPC) goes away.
 */
'use strict';

const http = require('node:http');
const path = require('node:path');
const Database = require('better-sqlite3');

/** The GraphQL list the bench sends; the floor answers this document only. */
const GRAPHQL_LIST = `query BenchList($locale: I18NLocaleCode) { articles(locale: $locale, pagination: { pageSize: 20 }) { documentId title slug excerpt firstPublishedAt locale cover { url alternativeText width height formats } author { name slug } tags { name slug } } }`;

const iso = (ms) =>
  ms === null || ms === undefined ? null : new Date(typeof ms === 'number' ? ms : Number(ms) || ms).toISOString();
const json = (text) => (text === null || text === undefined ? null : JSON.parse(text));

const openFloor = (file) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const q = (sql) => db.prepare(sql);

  // Every statement reads a whole page at once: ids arrive as one JSON array (json_each).
  const IN = (col) => `${col} IN (SELECT value FROM json_each(?))`;
  const s = {
    listIds: q(
      `SELECT id FROM articles WHERE locale = ? AND published_at IS NOT NULL ORDER BY first_published_at DESC LIMIT ? OFFSET ?`,
    ),
    count: q(`SELECT count(*) AS n FROM articles WHERE locale = ? AND published_at IS NOT NULL`),
    bySlug: q(`SELECT id FROM articles WHERE slug = ? AND locale = ? AND published_at IS NOT NULL LIMIT 1`),
    articles: q(`SELECT * FROM articles WHERE ${IN('id')}`),
    tags: q(
      `SELECT l.article_id AS owner, t.id, t.document_id, t.name, t.slug, t.locale FROM articles_tags_lnk l JOIN tags t ON t.id = l.tag_id WHERE ${IN('l.article_id')} ORDER BY l.tag_ord, l.id`,
    ),
    media: q(
      `SELECT m.related_id AS owner, f.id, f.document_id, f.url, f.alternative_text, f.caption, f.width, f.height, f.formats, f.mime FROM files_related_mph m JOIN files f ON f.id = m.file_id WHERE ${IN('m.related_id')} AND m.related_type = ? AND m.field = ? ORDER BY m."order" DESC, m.id DESC`,
    ),
    cmps: q(
      `SELECT entity_id AS owner, cmp_id, component_type, field FROM articles_cmps WHERE ${IN('entity_id')} ORDER BY "order", id`,
    ),
    sources: q(`SELECT id, name, relation, url FROM components_content_sources WHERE ${IN('id')}`),
    corrections: q(`SELECT id, date, kind, text FROM components_content_corrections WHERE ${IN('id')}`),
    seos: q(`SELECT id, meta_title, meta_description, canonical_url FROM components_shared_seos WHERE ${IN('id')}`),
    richTexts: q(`SELECT id, body FROM components_content_rich_texts WHERE ${IN('id')}`),
    readAlsoLinks: q(
      `SELECT read_also_id AS owner, related_link_id FROM components_content_read_alsos_link_lnk WHERE ${IN('read_also_id')}`,
    ),
    localizations: q(
      `SELECT id, document_id, locale, slug, title, published_at FROM articles WHERE ${IN('document_id')} ORDER BY id`,
    ),
    authors: q(
      `SELECT l.article_id AS owner, a.id, a.document_id, a.name, a.slug, a.job_title, a.locale FROM articles_author_lnk l JOIN authors a ON a.id = l.author_id WHERE ${IN('l.article_id')}`,
    ),
    articleLinks: q(
      `SELECT l.article_id AS owner, l.related_link_id AS link FROM articles_related_links_lnk l WHERE ${IN('l.article_id')} ORDER BY l.related_link_ord, l.id`,
    ),
    links: q(`SELECT id, document_id, title, kind, label, url, locale FROM related_links WHERE ${IN('id')}`),
    targets: q(
      `SELECT l.related_link_id AS owner, a.id, a.document_id, a.title, a.slug, a.locale FROM related_links_target_lnk l JOIN articles a ON a.id = l.article_id WHERE ${IN('l.related_link_id')}`,
    ),
    tagBySlug: q(`SELECT * FROM tags WHERE slug = ? AND locale = ? AND published_at IS NOT NULL`),
    tagLocalizations: q(
      `SELECT id, document_id, locale, slug, name FROM tags WHERE document_id = ? AND locale <> ? AND (published_at IS NOT NULL) = ? ORDER BY id`,
    ),
    tagArticles: q(
      `SELECT a.first_published_at, a.id, a.document_id, a.title, a.slug, a.excerpt, a.locale FROM articles_tags_lnk l JOIN articles a ON a.id = l.article_id WHERE l.tag_id = ? AND a.published_at IS NOT NULL ORDER BY a.first_published_at DESC`,
    ),
  };

  const ARTICLE = 'api::article.article';
  const AUTHOR = 'api::author.author';

  /** rows grouped by their `owner` column, in query order. */
  const groupBy = (rows, key = 'owner') => {
    const map = new Map();
    for (const row of rows) {
      const list = map.get(row[key]);
      if (list) list.push(row);
      else map.set(row[key], [row]);
    }
    return map;
  };
  const byId = (rows) => new Map(rows.map((r) => [r.id, r]));
  const ids = (values) => JSON.stringify([...new Set(values)]);

  const mediaOf = (f) => ({
    id: f.id,
    documentId: f.document_id,
    url: f.url,
    alternativeText: f.alternative_text,
    caption: f.caption,
    width: f.width,
    height: f.height,
    formats: json(f.formats),
    mime: f.mime,
  });
  /** The first file of a single media field per owner id. */
  const mediaFor = (ownerIds, type, field) => {
    const map = new Map();
    // Ordered DESC so the last write per owner is the first file in order.
    for (const f of s.media.all(ids(ownerIds), type, field)) map.set(f.owner, f);
    return map;
  };

  /** Related links (with their target) by id. */
  const linksById = (linkIds) => {
    const links = s.links.all(ids(linkIds));
    const targets = new Map(s.targets.all(ids(links.map((l) => l.id))).map((t) => [t.owner, t]));
    return new Map(
      links.map((r) => {
        const t = targets.get(r.id);
        return [
          r.id,
          {
            id: r.id,
            documentId: r.document_id,
            title: r.title,
            kind: r.kind,
            label: r.label,
            url: r.url,
            locale: r.locale,
            target: t ? { id: t.id, documentId: t.document_id, title: t.title, slug: t.slug, locale: t.locale } : null,
          },
        ];
      }),
    );
  };

  /** Articles with the default population, in the order of `articleIds`. */
  const articles = (articleIds) => {
    if (articleIds.length === 0) return [];
    const list = ids(articleIds);
    const rows = byId(s.articles.all(list));
    const tags = groupBy(s.tags.all(list));
    const covers = mediaFor(articleIds, ARTICLE, 'cover');
    const cmps = groupBy(s.cmps.all(list));
    const allCmps = [...cmps.values()].flat();
    const cmpIds = (type) => allCmps.filter((c) => c.component_type === type).map((c) => c.cmp_id);
    const sources = byId(s.sources.all(ids(cmpIds('content.source'))));
    const corrections = byId(s.corrections.all(ids(cmpIds('content.correction'))));
    const seos = byId(s.seos.all(ids(cmpIds('shared.seo'))));
    const shareImages = mediaFor(cmpIds('shared.seo'), 'shared.seo', 'shareImage');
    const richTexts = byId(s.richTexts.all(ids(cmpIds('content.rich-text'))));
    const readAlso = new Map(
      s.readAlsoLinks.all(ids(cmpIds('content.read-also'))).map((r) => [r.owner, r.related_link_id]),
    );
    const docIds = [...rows.values()].map((r) => r.document_id);
    const localizations = groupBy(s.localizations.all(ids(docIds)), 'document_id');
    const authors = new Map(s.authors.all(list).map((a) => [a.owner, a]));
    const avatars = mediaFor(
      [...authors.values()].map((a) => a.id),
      AUTHOR,
      'avatar',
    );
    const articleLinks = groupBy(s.articleLinks.all(list));
    const links = linksById([...[...articleLinks.values()].flat().map((l) => l.link), ...readAlso.values()]);

    return articleIds.map((id) => {
      const a = rows.get(id);
      const own = cmps.get(id) ?? [];
      const seoCmp = own.find((c) => c.field === 'seo');
      const seoRow = seoCmp ? seos.get(seoCmp.cmp_id) : undefined;
      const authorRow = authors.get(id);
      const cover = covers.get(id);
      const avatar = authorRow ? avatars.get(authorRow.id) : undefined;
      const shareImage = seoRow ? shareImages.get(seoRow.id) : undefined;
      const published = a.published_at !== null;
      return {
        id: a.id,
        documentId: a.document_id,
        title: a.title,
        slug: a.slug,
        excerpt: a.excerpt,
        coverCaption: a.cover_caption,
        coverCredit: a.cover_credit,
        timeZone: a.time_zone,
        readingTimeMinutes: a.reading_time_minutes,
        contentEditedAt: iso(a.content_edited_at),
        translationStatus: a.translation_status,
        createdAt: iso(a.created_at),
        updatedAt: iso(a.updated_at),
        publishedAt: iso(a.published_at),
        firstPublishedAt: iso(a.first_published_at),
        locale: a.locale,
        tags: (tags.get(id) ?? []).map((t) => ({
          id: t.id,
          documentId: t.document_id,
          name: t.name,
          slug: t.slug,
          locale: t.locale,
        })),
        cover: cover ? mediaOf(cover) : null,
        sources: own
          .filter((c) => c.field === 'sources')
          .map((c) => {
            const r = sources.get(c.cmp_id);
            return { id: r.id, name: r.name, relation: r.relation, url: r.url };
          }),
        corrections: own
          .filter((c) => c.field === 'corrections')
          .map((c) => {
            const r = corrections.get(c.cmp_id);
            return { id: r.id, date: iso(r.date), kind: r.kind, text: r.text };
          }),
        localizations: (localizations.get(a.document_id) ?? [])
          .filter((l) => l.locale !== a.locale && (l.published_at !== null) === published)
          .map((l) => ({ id: l.id, documentId: l.document_id, locale: l.locale, slug: l.slug, title: l.title })),
        author: authorRow
          ? {
              id: authorRow.id,
              documentId: authorRow.document_id,
              name: authorRow.name,
              slug: authorRow.slug,
              jobTitle: authorRow.job_title,
              locale: authorRow.locale,
              avatar: avatar ? mediaOf(avatar) : null,
            }
          : null,
        relatedLinks: (articleLinks.get(id) ?? []).map((l) => links.get(l.link)),
        seo: seoRow
          ? {
              id: seoRow.id,
              metaTitle: seoRow.meta_title,
              metaDescription: seoRow.meta_description,
              canonicalUrl: seoRow.canonical_url,
              shareImage: shareImage ? mediaOf(shareImage) : null,
            }
          : null,
        body: own
          .filter((c) => c.field === 'body')
          .map((c) => {
            if (c.component_type === 'content.rich-text') {
              const r = richTexts.get(c.cmp_id);
              return { id: r.id, body: json(r.body), __component: c.component_type };
            }
            const linkId = readAlso.get(c.cmp_id);
            return {
              id: c.cmp_id,
              link: linkId !== undefined ? (links.get(linkId) ?? null) : null,
              __component: c.component_type,
            };
          }),
      };
    });
  };

  const list = (locale, pageSize) => {
    const total = s.count.get(locale).n;
    const data = articles(s.listIds.all(locale, pageSize, 0).map((r) => r.id));
    return { data, meta: { pagination: { page: 1, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
  };

  const bySlug = (slug, locale) => {
    const row = s.bySlug.get(slug, locale);
    return row ? { data: articles([row.id])[0], meta: {} } : null;
  };

  const tagPage = (slug, locale) => {
    const t = s.tagBySlug.get(slug, locale);
    const data = t
      ? [
          {
            id: t.id,
            documentId: t.document_id,
            name: t.name,
            slug: t.slug,
            description: t.description,
            createdAt: iso(t.created_at),
            updatedAt: iso(t.updated_at),
            publishedAt: iso(t.published_at),
            firstPublishedAt: iso(t.first_published_at),
            locale: t.locale,
            localizations: s.tagLocalizations
              .all(t.document_id, t.locale, 1)
              .map((l) => ({ id: l.id, documentId: l.document_id, locale: l.locale, slug: l.slug, name: l.name })),
            articles: tagCards(t.id),
          },
        ]
      : [];
    return {
      data,
      meta: { pagination: { page: 1, pageSize: 25, pageCount: data.length ? 1 : 0, total: data.length } },
    };
  };

  const tagCards = (tagId) => {
    const rows = s.tagArticles.all(tagId);
    const covers = mediaFor(
      rows.map((a) => a.id),
      ARTICLE,
      'cover',
    );
    return rows.map((a) => {
      const cover = covers.get(a.id);
      return {
        firstPublishedAt: iso(a.first_published_at),
        id: a.id,
        documentId: a.document_id,
        title: a.title,
        slug: a.slug,
        excerpt: a.excerpt,
        locale: a.locale,
        cover: cover ? mediaOf(cover) : null,
      };
    });
  };

  const graphqlList = (locale) => {
    const articleIds = s.listIds.all(locale, 20, 0).map((r) => r.id);
    const list = ids(articleIds);
    const rows = byId(s.articles.all(list));
    const covers = mediaFor(articleIds, ARTICLE, 'cover');
    const authors = new Map(s.authors.all(list).map((a) => [a.owner, a]));
    const tags = groupBy(s.tags.all(list));
    return {
      data: {
        articles: articleIds.map((id) => {
          const a = rows.get(id);
          const cover = covers.get(id);
          const author = authors.get(id);
          return {
            documentId: a.document_id,
            title: a.title,
            slug: a.slug,
            excerpt: a.excerpt,
            firstPublishedAt: iso(a.first_published_at),
            locale: a.locale,
            cover: cover
              ? {
                  url: cover.url,
                  alternativeText: cover.alternative_text,
                  width: cover.width,
                  height: cover.height,
                  formats: json(cover.formats),
                }
              : null,
            author: author ? { name: author.name, slug: author.slug } : null,
            tags: (tags.get(id) ?? []).map((t) => ({ name: t.name, slug: t.slug })),
          };
        }),
      },
    };
  };

  return { db, list, bySlug, tagPage, graphqlList };
};

const send = (res, status, body, suffix = '') => {
  const text = (typeof body === 'string' ? body : JSON.stringify(body)) + suffix;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

const createFloorServer = (file) => {
  const floor = openFloor(file);
  const server = http.createServer((req, res) => {
    try {
      const url = new URL(req.url, 'http://floor');
      const locale = url.searchParams.get('locale') ?? 'id';
      if (req.method === 'GET' && url.pathname === '/api/articles') {
        const pageSize = Number(url.searchParams.get('pagination[pageSize]') ?? 25);
        return send(res, 200, floor.list(locale, pageSize));
      }
      if (req.method === 'GET' && url.pathname.startsWith('/api/articles/slug/')) {
        const found = floor.bySlug(decodeURIComponent(url.pathname.slice('/api/articles/slug/'.length)), locale);
        return found ? send(res, 200, found) : send(res, 404, { error: { status: 404, name: 'NotFoundError' } });
      }
      if (req.method === 'GET' && url.pathname === '/api/tags') {
        return send(res, 200, floor.tagPage(url.searchParams.get('filters[slug][$eq]') ?? '', locale));
      }
      if (req.method === 'POST' && url.pathname === '/graphql') {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            if (body.query !== GRAPHQL_LIST)
              return send(res, 400, { errors: [{ message: 'the floor answers the bench list only' }] });
            // Apollo Server ends its JSON with a newline.
            return send(res, 200, floor.graphqlList(body.variables?.locale ?? 'id'), '\n');
          } catch (error) {
            return send(res, 400, { errors: [{ message: String(error) }] });
          }
        });
        return undefined;
      }
      return send(res, 404, { error: { status: 404, name: 'NotFoundError', message: 'Not Found' } });
    } catch (error) {
      return send(res, 500, { error: { status: 500, message: String(error) } });
    }
  });
  server.on('close', () => floor.db.close());
  return server;
};

module.exports = { createFloorServer, GRAPHQL_LIST };

if (require.main === module) {
  const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const file = arg('db');
  if (!file) {
    console.error('usage: node bench/floor-server.js --db=<sqlite file> [--port=0]');
    process.exit(2);
  }
  const server = createFloorServer(path.resolve(file));
  server.keepAliveTimeout = 65_000;
  server.listen(Number(arg('port') ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
    if (process.send) process.send({ type: 'ready', port: server.address().port });
  });
  // Keep-alive connections would hold server.close() open: drop them, and leave within a second regardless.
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  if (process.send) {
    process.on('message', (m) => {
      if (m && m.type === 'stats') {
        process.send({ type: 'stats', statements: null, rss: process.memoryUsage().rss });
      } else if (m && m.type === 'stop') stop();
    });
  }
}
