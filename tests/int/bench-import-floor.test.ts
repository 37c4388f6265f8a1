/**
 * The bench's honest parts, without timing: the project import path
 * (src/lib/bulk-import.ts, driven by bench/load-corpus.ts) writes
 * correct articles in both locales with per-locale relations and keeps the
 * search index current (the listener the app registered, though this file
 * imports the TypeScript copy of the import path while the app runs from
 * dist/), every query of the bench's search mix finds hits, and the floor
 * server (bench/floor-server.js) answers the bench's requests with the
 * CMS's exact bytes on the same database.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { buildCorpus, type Corpus } from '../../bench/corpus';
import { loadCorpus, type LoadResult } from '../../bench/load-corpus';
import { searchQueries, SEARCH_QUERY_COUNT } from '../../bench/search-queries';
import { DOCUMENTS_TABLE } from '../../src/search/schema';
import { ARTICLE_UID } from '../../src/lib/uids';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const floorModule = require('../../bench/floor-server.js') as {
  createFloorServer: (file: string) => http.Server;
  GRAPHQL_LIST: string;
};

type Named = { documentId: string; slug?: string; title?: string; locale: string };
type StoredArticle = Named & {
  title: string;
  slug: string;
  firstPublishedAt: string;
  translationStatus: string;
  readingTimeMinutes: number;
  publishedAt: string | null;
  cover: { name: string } | null;
  author: Named & { name: string };
  tags: (Named & { slug: string })[];
  relatedLinks: (Named & { title: string; kind: string; url: string | null; target: Named | null })[];
  body: { __component: string; link?: Named | null }[];
};

const N = 20;
let app: TestApp;
let corpus: Corpus;
let loaded: LoadResult;

beforeAll(async () => {
  // SQLite in both test passes: the bench and its floor read a SQLite file.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
  app = await startStrapi({ dir, env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') } });
  corpus = buildCorpus(N);
  loaded = await loadCorpus(app.strapi, corpus);
});

afterAll(async () => {
  await app?.stop();
  if (app) fs.rmSync(app.dir, { recursive: true, force: true });
});

const stored = async (documentId: string, locale: string, status: 'draft' | 'published'): Promise<StoredArticle> => {
  const docs = app.strapi.documents(ARTICLE_UID) as unknown as {
    findOne(p: Record<string, unknown>): Promise<StoredArticle | null>;
  };
  const found = await docs.findOne({
    documentId,
    locale,
    status,
    populate: {
      cover: true,
      author: true,
      tags: true,
      relatedLinks: { populate: { target: true } },
      body: { on: { 'content.rich-text': true, 'content.read-also': { populate: { link: true } } } },
    },
  });
  if (!found) throw new Error(`article ${documentId} (${locale}, ${status}) is missing`);
  return found;
};

describe('bulk import (bench corpus through src/lib/bulk-import.ts)', () => {
  it('writes every article once, published and draft, in both locales', async () => {
    expect(loaded.articles).toBe(N);
    expect(new Set(loaded.articleIds).size).toBe(N);
    for (const locale of ['id', 'en']) {
      for (const status of ['draft', 'published'] as const) {
        const count = await app.strapi.db.query(ARTICLE_UID).count({
          where: { locale, publishedAt: status === 'draft' ? null : { $notNull: true } },
        });
        expect({ locale, status, count }).toEqual({ locale, status, count: N });
      }
    }
  });

  it('sets author, tags, related links, read-also box and cover per locale, as the corpus says', async () => {
    for (const [i, article] of corpus.articles.entries()) {
      const documentId = loaded.articleIds[i] as string;
      for (const locale of ['id', 'en'] as const) {
        for (const status of ['draft', 'published'] as const) {
          const a = await stored(documentId, locale, status);
          const where = `article ${i} ${locale} ${status}`;
          expect({ where, title: a.title }).toEqual({ where, title: article.locales[locale].title });
          expect(a.slug).toMatch(/^[a-z0-9-]+$/);
          expect(new Date(a.firstPublishedAt).toISOString()).toBe(article.firstPublishedAt);
          expect(a.translationStatus).toBe(locale === 'id' ? 'source' : 'current');
          expect(a.readingTimeMinutes).toBeGreaterThan(0);
          expect(a.cover?.name).toBe('bench-cover.png');
          // Relations point to the same locale (and the same publication state) of their targets.
          expect(a.author.locale).toBe(locale);
          expect(a.author.name).toBe(corpus.authors[article.author]?.[locale].name);
          expect(a.tags.map((t) => [t.locale, t.slug])).toEqual(
            article.tags.map((t) => [locale, corpus.tags[t]?.[locale].slug]),
          );
          expect(a.relatedLinks.map((l) => [l.locale, l.title, l.kind])).toEqual(
            article.relatedLinks.map((l) => [locale, l.locales[locale].title, l.kind]),
          );
          const readAlso = a.body.find((b) => b.__component === 'content.read-also');
          expect(readAlso?.link?.documentId).toBe(a.relatedLinks[0]?.documentId);
          expect(a.body.map((b) => b.__component)).toEqual([
            'content.rich-text',
            'content.read-also',
            'content.rich-text',
          ]);
        }
      }
    }
  });
});

describe('search rows (bench/search-queries.ts, the search listener of bench/load-corpus.ts)', () => {
  it('the import indexed every published locale version and reports the time its search listener took', async () => {
    const rows = (await app.strapi.db
      .connection(DOCUMENTS_TABLE)
      .select('type', 'locale')
      .count({ n: '*' })
      .groupBy('type', 'locale')
      .orderBy(['type', 'locale'])) as { type: string; locale: string; n: number | string }[];
    expect(rows.map((r) => [r.type, r.locale, Number(r.n)])).toEqual([
      ['articles', 'en', N],
      ['articles', 'id', N],
      ['authors', 'en', corpus.authors.length],
      ['authors', 'id', corpus.authors.length],
      ['tags', 'en', corpus.tags.length],
      ['tags', 'id', corpus.tags.length],
    ]);
    // Plumbing, not speed: the listener's time was measured over the 2 × N article versions.
    expect(loaded.searchIndex).toEqual({ ms: expect.any(Number), versions: 2 * N, msPerVersion: expect.any(Number) });
    expect(loaded.searchIndex?.ms).toBeGreaterThan(0);
  });

  it('every query of the mix, in both locales, is a 200 with hits', async () => {
    const queries = searchQueries();
    expect(queries).toHaveLength(SEARCH_QUERY_COUNT);
    expect(new Set(queries.map((q) => q.locale))).toEqual(new Set(['id', 'en']));
    expect(new Set(queries.map((q) => `${q.locale} ${q.q}`)).size).toBe(queries.length);
    for (const query of queries) {
      const res = await app.http().get(query.path);
      const hits = (res.body as { data?: unknown[] }).data?.length ?? 0;
      expect({ q: query.q, locale: query.locale, status: res.status, found: hits > 0 }).toEqual({
        q: query.q,
        locale: query.locale,
        status: 200,
        found: true,
      });
    }
  });
});

describe('floor server (bench/floor-server.js)', () => {
  let floor: http.Server;
  let floorPort: number;

  beforeAll(async () => {
    floor = floorModule.createFloorServer(path.join(app.dir, 'data.db'));
    await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
    floorPort = (floor.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => floor.close(resolve));
  });

  const fromFloor = async (method: string, url: string, body?: string): Promise<{ status: number; body: Buffer }> => {
    const res = await fetch(`http://127.0.0.1:${floorPort}${url}`, {
      method,
      body,
      headers: body ? { 'content-type': 'application/json' } : {},
    });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  };

  const fromCms = async (method: string, url: string, body?: string): Promise<{ status: number; body: Buffer }> => {
    const req =
      method === 'GET' ? app.http().get(url) : app.http().post(url).set('content-type', 'application/json').send(body);
    const res = await req.buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return { status: res.status, body: res.body as Buffer };
  };

  it('answers the four bench requests with the bytes the CMS sends', async () => {
    const slug = (await stored(loaded.articleIds[7] as string, 'id', 'published')).slug;
    const requests: [string, string, string?][] = [
      ['GET', '/api/articles?locale=id&pagination[pageSize]=20'],
      ['GET', '/api/articles?locale=en&pagination[pageSize]=5'],
      ['GET', `/api/articles/slug/${slug}?locale=id`],
      ['GET', '/api/tags?filters[slug][$eq]=topik-1&locale=id'],
      ['GET', '/api/tags?filters[slug][$eq]=topic-2&locale=en'],
      ['POST', '/graphql', JSON.stringify({ query: floorModule.GRAPHQL_LIST, variables: { locale: 'id' } })],
    ];
    for (const [method, url, body] of requests) {
      const cms = await fromCms(method, url, body);
      const floorAnswer = await fromFloor(method, url, body);
      expect({ url, status: cms.status }).toEqual({ url, status: 200 });
      expect({ url, status: floorAnswer.status }).toEqual({ url, status: 200 });
      // Structure first (a readable diff when it fails), then the exact bytes.
      expect(JSON.parse(floorAnswer.body.toString('utf8'))).toEqual(JSON.parse(cms.body.toString('utf8')));
      expect({ url, identical: floorAnswer.body.equals(cms.body) }).toEqual({ url, identical: true });
    }
  });

  it('is not trivially identical: the list holds 20 populated articles, newest first', async () => {
    const list = JSON.parse(
      (await fromFloor('GET', '/api/articles?locale=id&pagination[pageSize]=20')).body.toString('utf8'),
    ) as {
      data: { firstPublishedAt: string; tags: unknown[]; relatedLinks: unknown[] }[];
      meta: { pagination: { total: number } };
    };
    expect(list.data).toHaveLength(20);
    expect(list.meta.pagination.total).toBe(N);
    const dates = list.data.map((a) => a.firstPublishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(list.data.every((a) => a.tags.length === 3 && a.relatedLinks.length === 2)).toBe(true);
  });
});
