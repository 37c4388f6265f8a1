import { createHash } from 'crypto';
import type request from 'supertest';

type Http = () => ReturnType<typeof request>;

/** Per-database values: ids, timestamps, and the random hash the upload plugin puts in file names. */
const VOLATILE_KEYS = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'contentEditedAt', 'hash'];

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Drops ids and timestamps, masks upload hashes, and replaces datetimes from
 * `since` on (Strapi's own `firstPublishedAt` of documents published by the run,
 * e.g. tags) with a marker; older ones (an article's given date) are kept.
 */
const normalize = (value: unknown, since: number, volatile: ReadonlySet<string>): unknown => {
  if (Array.isArray(value)) return value.map((v) => normalize(v, since, volatile));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !volatile.has(key))
        .map(([key, v]) => [key, normalize(v, since, volatile)]),
    );
  }
  if (typeof value === 'string' && ISO_DATETIME.test(value) && Date.parse(value) >= since)
    return '<written by the run>';
  if (typeof value === 'string') return value.replace(/_[0-9a-f]{10}(?=\.\w+$)/, '_<hash>');
  return value;
};

const get = async (http: Http, url: string): Promise<unknown> => {
  const res = await http().get(url);
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
};

/** Every `url` under /uploads in a response. */
const uploadUrls = (value: unknown, into: Set<string> = new Set()): Set<string> => {
  if (Array.isArray(value)) value.forEach((v) => uploadUrls(v, into));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'url' && typeof v === 'string' && v.startsWith('/uploads/')) into.add(v);
      else uploadUrls(v, into);
    }
  }
  return into;
};

/**
 * What the public sees, in both locales: the article, author, tag and related
 * link lists, every article by slug, and every media file the answers point to
 * (as a SHA-256 of the bytes served under /uploads), normalized so two databases
 * holding the same content compare equal (see SnapshotOptions).
 */
export type SnapshotOptions = {
  /** Datetimes from then on are masked (content written by the test run); default: none. */
  since?: Date;
  /** Keys dropped everywhere; default: ids, documentIds, timestamps and hashes (two separate seed runs). */
  volatile?: readonly string[];
};

export const publicSnapshot = async (http: Http, options: SnapshotOptions = {}): Promise<Record<string, unknown>> => {
  const t = options.since?.getTime() ?? Infinity;
  const volatile = new Set(options.volatile ?? VOLATILE_KEYS);
  const snapshot: Record<string, unknown> = {};
  const raw: unknown[] = [];
  for (const locale of ['id', 'en']) {
    for (const type of ['articles', 'authors', 'tags', 'related-links']) {
      const sort = type === 'related-links' ? 'title' : 'slug'; // related links have no slug
      const body = await get(http, `/api/${type}?locale=${locale}&pagination[pageSize]=100&sort=${sort}:asc`);
      raw.push(body);
      snapshot[`${type} ${locale}`] = normalize(body, t, volatile);
    }
    const articles = (snapshot[`articles ${locale}`] as { data: { slug: string }[] }).data;
    for (const { slug } of articles) {
      const body = await get(http, `/api/articles/slug/${slug}?locale=${locale}`);
      raw.push(body);
      snapshot[`article ${slug} ${locale}`] = normalize(body, t, volatile);
    }
  }
  const media: Record<string, string> = {};
  for (const url of [...uploadUrls(raw)].sort()) {
    const res = await http()
      .get(url)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
    media[normalize(url, t, volatile) as string] = createHash('sha256')
      .update(res.body as Buffer)
      .digest('hex');
  }
  snapshot.media = media;
  return snapshot;
};
