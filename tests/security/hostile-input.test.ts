import http from 'http';
import net from 'net';
import type { AddressInfo } from 'net';
import { startStrapi, type TestApp } from '../helpers/strapi';
import { seedApp, databaseSnapshot } from '../helpers/seed';
import { HOSTILE_CORPUS, type HostileRequest } from './hostile-corpus';

/**
 * Sends every request of the hostile corpus (tests/security/hostile-corpus.ts)
 * to a booted, seeded Strapi over a real socket, exactly as written (raw
 * request target, raw body, raw headers: supertest would re-encode paths and
 * refuse some headers), and checks that each one gets a 4xx with a JSON error
 * and no stack trace, that the process keeps serving, and that the database
 * holds byte for byte what it held before.
 */

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string };

let app: TestApp;
let port: number;

const send = (req: HostileRequest): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const body =
      req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const outgoing = http.request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        headers: { ...(req.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    if (body) outgoing.write(body);
    outgoing.end();
  });

/** The error message of a REST (`error.message`) or GraphQL (`errors[0].message`) error body. */
const errorMessage = (json: unknown): string | undefined => {
  const body = json as { error?: { message?: unknown }; errors?: { message?: unknown }[] } | null;
  const message = body?.error?.message ?? body?.errors?.[0]?.message;
  return typeof message === 'string' ? message : undefined;
};

/** A draft article written before the corpus runs: no hostile request may see it. */
const DRAFT_TITLE = 'Draf rahasia redaksi';

const STACK_TRACE = /\bat [^\n]*\(?[/\\][^\n]*:\d+:\d+\)?|node_modules|\/work\/|\/tmp\//;

/** What is wrong with one answer, or undefined when it is what the corpus expects. */
const problem = (req: HostileRequest, res: Answer): string | undefined => {
  if (STACK_TRACE.test(res.text)) return `stack trace or path in body: ${res.text.slice(0, 200)}`;
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    return `status ${res.status}, body is not JSON: ${JSON.stringify(res.text.slice(0, 120))}`;
  }
  if (!String(res.headers['content-type'] ?? '').includes('json'))
    return `content-type ${String(res.headers['content-type'])}`;
  if (req.expect === 'harmless') {
    if (res.status !== 200) return `expected 200 with nothing found, got ${res.status}: ${res.text.slice(0, 200)}`;
    const data = (json as { data?: unknown }).data;
    const values =
      data && typeof data === 'object' && !Array.isArray(data) ? Object.values(data as object).flat() : data;
    const empty = values === null || (Array.isArray(values) && values.length === 0);
    return empty ? undefined : `a hostile value matched something: ${res.text.slice(0, 200)}`;
  }
  if (req.expect === 'searched') {
    const answer = json as { data?: unknown; meta?: { pagination?: unknown } };
    if (res.status !== 200) return `expected a search answer, got ${res.status}: ${res.text.slice(0, 200)}`;
    if (!Array.isArray(answer.data) || !answer.meta?.pagination)
      return `not a search answer: ${res.text.slice(0, 200)}`;
    return res.text.includes(DRAFT_TITLE) ? 'a draft was found by search' : undefined;
  }
  if (req.expect === 'anonymous') {
    if (res.status !== 200) return `expected the public answer, got ${res.status}: ${res.text.slice(0, 200)}`;
    return res.text.includes(DRAFT_TITLE) ? 'a draft was served to an invalid token' : undefined;
  }
  if (res.status < 400 || res.status > 499) return `status ${res.status}: ${res.text.slice(0, 200)}`;
  if (!errorMessage(json)) return `no error message in ${res.text.slice(0, 200)}`;
  return undefined;
};

beforeAll(async () => {
  app = await startStrapi();
  await seedApp(app, undefined, { log: () => undefined });
  await app.strapi.documents('api::article.article').create({
    locale: 'id',
    data: { title: DRAFT_TITLE, excerpt: 'x', coverCaption: 'x', body: [] } as never,
  });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  port = (app.strapi.server.httpServer.address() as AddressInfo).port;
});

afterAll(async () => {
  await app?.stop();
});

it('holds at least 200 requests that must be refused with a 4xx', () => {
  const refused = HOSTILE_CORPUS.filter((r) => r.expect !== 'harmless');
  expect(refused.length).toBeGreaterThanOrEqual(200);
  const categories = new Set(HOSTILE_CORPUS.map((r) => r.category));
  for (const c of [
    'malformed-json',
    'wrong-types',
    'oversized-body',
    'unknown-operator',
    'sql-injection-sort',
    'operator-injection',
    'invalid-locale',
    'pagination',
    'deep-populate',
    'graphql-depth',
    'graphql-alias-bomb',
    'graphql-batch',
    'bad-encoding',
    'path-traversal',
    'oversized-header',
    'method-not-allowed',
    'search',
    'search-syntax',
  ]) {
    expect(categories).toContain(c);
  }
});

it('answers every hostile request with a 4xx JSON error (or, for hostile values, nothing found), leaves the data unchanged and keeps serving', async () => {
  const before = await databaseSnapshot(app.strapi);
  const failures: string[] = [];
  for (const req of HOSTILE_CORPUS) {
    let res: Answer;
    try {
      res = await send(req);
    } catch (error) {
      failures.push(`${req.category} ${req.method} ${req.path.slice(0, 100)}: ${(error as Error).message}`);
      continue;
    }
    const wrong = problem(req, res);
    if (wrong)
      failures.push(`${req.category} ${req.method} ${req.path.slice(0, 100)} (${req.path.length} chars): ${wrong}`);
  }
  expect(failures).toEqual([]);

  const after = await databaseSnapshot(app.strapi);
  expect(after).toEqual(before);
  // Byte for byte: the serialized snapshots are identical, not only deep-equal.
  expect(JSON.stringify(after)).toBe(JSON.stringify(before));

  const alive = await app.http().get('/api/articles?locale=id');
  expect(alive.status).toBe(200);
  expect((alive.body as { data: unknown[] }).data.length).toBe(1);
});

/** The guards refuse shapes, not features: the queries a frontend really sends still work. */
it('still serves legitimate complex queries', async () => {
  const LEGIT: [string, number][] = [
    [
      '/api/articles?locale=id&filters[$and][0][title][$containsi]=kim&filters[$and][1][tags][slug][$in][0]=korea-utara',
      1,
    ],
    ['/api/articles?locale=id&filters[$or][0][slug][$eq]=nope&filters[$or][1][author][slug][$eq]=wisnu-cipto', 1],
    ['/api/articles?locale=id&filters[$not][title][$null]=true', 1],
    [
      '/api/articles?locale=id&filters[firstPublishedAt][$between][0]=2024-11-01&filters[firstPublishedAt][$between][1]=2024-12-01',
      1,
    ],
    ['/api/articles?locale=id&filters[title][$notIn][0]=a&filters[title][$notIn][1]=b', 1],
    ['/api/articles?locale=id&populate[author][populate][avatar][fields][0]=url', 1],
    [
      '/api/articles?locale=id&populate[body][on][content.read-also][populate][link][populate][target][fields][0]=slug',
      1,
    ],
    ['/api/articles?locale=id&pagination[page]=2&pagination[pageSize]=10', 0],
    ['/api/articles?locale=id&pagination[start]=0&pagination[limit]=5', 1],
    ['/api/articles?locale=id&sort[0]=title:asc&fields[0]=title&fields[1]=slug', 1],
    ['/api/articles?locale=id&fields=title,slug&status=published', 1],
    ['/api/tags?locale=id&filters[name][$startsWithi]=korea&filters[slug][$ne]=x', 1],
    [
      `/api/articles?locale=id&filters[title][$eq]=${encodeURIComponent('Kim Jong Un Teken Pakta Baru Korut Bisa Ikut Bantu Rusia Serang Ukraina')}`,
      1,
    ],
  ];
  const wrong: string[] = [];
  for (const [url, count] of LEGIT) {
    const res = await app.http().get(url);
    const found = (res.body as { data?: unknown[] }).data?.length;
    if (res.status !== 200 || found !== count) wrong.push(`${url}: ${res.status} ${found} ${res.text.slice(0, 160)}`);
  }
  expect(wrong).toEqual([]);

  const query = `query($l: I18NLocaleCode) {
    id: articles(locale: $l) { ...Card }
    en: articles(locale: "en") { ...Card }
    tags(locale: $l, pagination: { page: 1, pageSize: 10 }) { name }
  }
  fragment Card on Article { title slug author { name } tags { slug } }`;
  const res = await app
    .http()
    .post('/graphql')
    .set('content-type', 'application/json; charset=utf-8')
    .send({ query, variables: { l: 'id' } });
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.id).toHaveLength(1);
  expect(res.body.data.en).toHaveLength(1);
});

/** Bytes that are not HTTP never reach Koa: Node's parser refuses them, and src/bootstrap/client-errors.ts answers in JSON. */
it('answers unparsable HTTP with a JSON 400 and keeps serving', async () => {
  for (const garbage of [
    'GARBAGE\r\n\r\n',
    'GET /api/articles HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    'GET / HTTP/9.9\r\n\0\r\n\r\n',
  ]) {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(garbage));
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(body).error.message).toBe('Malformed HTTP request');
  }
  expect((await app.http().get('/api/articles?locale=id')).status).toBe(200);
});
