/**
 * The newsroom workload's editor (bench/newsroom.ts forks it: its own process,
 * so its requests and checks do not run on the readers' event loop). It works
 * as an editor in the admin panel does, over the Content Manager API with the
 * editor's login (POST /admin/login, Strapi's Editor role):
 *
 * - every second it saves a draft: `PUT …/:documentId?locale=` of one
 *   article's excerpt (the article drawn from the readers' Zipf ranking, the
 *   locale alternating), holding DRAFT_MARKER — a draft save publishes nothing;
 * - every `--publish-every` seconds (the first at half that, or at half the
 *   duration when that is sooner, so a short run publishes too) it publishes, turn
 *   about, a new article (created in `id`, translated to `en`, with an author
 *   and the readers' tag) or an update of an existing one (a new excerpt
 *   ending with a marker), in both locales: save, then
 *   `POST …/:documentId/actions/publish?locale=` per locale;
 * - after each publish returns, it sends the event to the bench (IPC) and a
 *   checker reads that article's page, the REST and GraphQL lists and the tag
 *   page of that locale at once, 250 ms and 1 s later, and judges each answer
 *   (bench/newsroom-freshness.ts).
 *
 * Usage (forked, IPC): newsroom-writer --port= --pool=<json> --duration= --publish-every= --run=<tag>.
 * It waits for `{ type: 'login', email, password }`, sends `ready` once
 * logged in, starts at `go`, sends `summary` after its last action and
 * check, then exits. Leaves within a second of SIGTERM or of its
 * parent going away (scripts/lib/processes.ts).
 */
import fs from 'fs';
import path from 'path';
import { exitPromptlyOnSignal } from '../scripts/lib/processes';
import { ARTICLE_UID } from '../src/lib/uids';
import type { LocaleCode } from '../src/lib/locales';
import { DRAFT_MARKER, Freshness, type PublishEvent } from './newsroom-freshness';
import { ZIPF_S, requestOf, zipfSampler, type Page, type Pool } from './newsroom-mix';
import { prng } from './corpus';

exitPromptlyOnSignal();

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GRAPHQL_LIST } = require(path.join(__dirname, '../../floor-server.js')) as { GRAPHQL_LIST: string };

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** When the checker reads after a publish returned (ms). */
const CHECK_DELAYS = [0, 250, 1000];
const REQUEST_TIMEOUT_MS = 30_000;
const CM = `/content-manager/collection-types/${ARTICLE_UID}`;

type Timing = { attempted: number; done: number; failed: number; ms: number[] };
type TimingSummary = { attempted: number; done: number; failed: number; p50Ms: number; maxMs: number };
export type WriterSummary = {
  /** Draft-only saves, one a second; `skipped`: ticks missed because the action before ran late. */
  drafts: TimingSummary & { skipped: number };
  /** The saves a publish follows. */
  saves: TimingSummary;
  /** Publish calls (one per locale). */
  publishes: TimingSummary;
  events: number;
  checker: { reads: number; checked: number; stale: number; draftLeaks: number; non2xx: number; staleReads: string[] };
  errors: string[];
};

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);
};

const summaryOf = (t: Timing): TimingSummary => ({
  attempted: t.attempted,
  done: t.done,
  failed: t.failed,
  p50Ms: percentile(t.ms, 0.5),
  maxMs: percentile(t.ms, 1),
});

const main = async (): Promise<void> => {
  const port = Number(arg('port'));
  const poolFile = arg('pool');
  const duration = Number(arg('duration'));
  const publishEvery = Number(arg('publish-every'));
  const run = arg('run') ?? 'run';
  if (!process.send) throw new Error('newsroom-writer must be started with an IPC channel (fork)');
  if (!port || !poolFile || !(duration > 0) || !(publishEvery >= 1)) {
    throw new Error('usage: newsroom-writer --port= --pool= --duration= --publish-every= --run=');
  }
  const messages = new Map<string, (message: Record<string, unknown>) => void>();
  process.on('message', (message: { type?: string } & Record<string, unknown>) => {
    if (message?.type) messages.get(message.type)?.(message);
  });
  const nextMessage = (type: string): Promise<Record<string, unknown>> =>
    new Promise((resolve) => messages.set(type, resolve));
  const { email, password } = (await nextMessage('login')) as { email?: string; password?: string };
  const pool = JSON.parse(fs.readFileSync(poolFile, 'utf8')) as Pool;
  const base = `http://127.0.0.1:${port}`;
  const errors: string[] = [];
  const note = (message: string): void => {
    if (errors.length < 20) errors.push(message);
  };

  const call = async (method: string, url: string, body?: unknown, token?: string): Promise<unknown> => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 300)}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };

  const login = (await call('POST', '/admin/login', { email, password })) as { data?: { token?: string } };
  const token = login.data?.token;
  if (!token) throw new Error('the editor login returned no token');
  const cm = (method: string, url: string, body?: unknown): Promise<unknown> => call(method, url, body, token);

  const random = prng(0x6e657773);
  const rank = zipfSampler(pool.articles.length, ZIPF_S, random);
  const freshness = new Freshness();
  const drafts: Timing & { skipped: number } = { attempted: 0, done: 0, failed: 0, ms: [], skipped: 0 };
  const publishes: Timing = { attempted: 0, done: 0, failed: 0, ms: [] };
  /** The saves a publish follows (a new article's creation and translation, an update's new excerpt). */
  const saves: Timing = { attempted: 0, done: 0, failed: 0, ms: [] };
  const checker = { reads: 0, checked: 0, stale: 0, draftLeaks: 0, non2xx: 0, staleReads: [] as string[] };
  const checks: Promise<void>[] = [];
  const locales: LocaleCode[] = ['id', 'en'];

  const timed = async (timing: Timing, work: () => Promise<unknown>): Promise<boolean> => {
    timing.attempted += 1;
    const started = performance.now();
    try {
      await work();
      timing.done += 1;
      timing.ms.push(performance.now() - started);
      return true;
    } catch (error) {
      timing.failed += 1;
      note((error as Error).message);
      return false;
    }
  };

  const readPublic = async (page: Page): Promise<{ status: number; body: string }> => {
    const r = requestOf(page, GRAPHQL_LIST);
    const response = await fetch(`${base}${r.path}`, {
      method: r.method,
      headers: r.headers,
      body: r.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.text() };
  };

  /** Reads the published article's page and the locale's aggregate pages now and a little later. */
  const check = async (event: PublishEvent): Promise<void> => {
    const pages: Page[] = [
      { kind: 'slug', locale: event.locale, slug: event.slug },
      { kind: 'list', locale: event.locale },
      { kind: 'graphql', locale: event.locale },
      { kind: 'tag', locale: event.locale },
    ];
    const started = Date.now();
    for (const delay of CHECK_DELAYS) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + delay - Date.now())));
      for (const page of pages) {
        const known = freshness.size;
        try {
          const { status, body } = await readPublic(page);
          checker.reads += 1;
          if (status < 200 || status >= 300) checker.non2xx += 1;
          const verdict = freshness.judge(page, body, known);
          if (verdict.checked) checker.checked += 1;
          if (verdict.draftLeak) checker.draftLeaks += 1;
          if (verdict.stale || status !== 200) {
            checker.stale += 1;
            if (checker.staleReads.length < 20) {
              checker.staleReads.push(
                `${page.kind} ${page.locale} ${Date.now() - event.returnedAt} ms after the ${event.kind} publish of ${event.documentId}: status ${status}`,
              );
            }
          }
        } catch (error) {
          note(`checker ${page.kind} ${page.locale}: ${(error as Error).message}`);
        }
      }
    }
  };

  const published = (event: PublishEvent): void => {
    freshness.add(event);
    process.send?.({ type: 'published', event });
    checks.push(check(event));
  };

  const publish = async (documentId: string, locale: LocaleCode): Promise<boolean> =>
    timed(publishes, () => cm('POST', `${CM}/${documentId}/actions/publish?locale=${locale}`, {}));

  const saveDraft = async (tick: number): Promise<void> => {
    const article = pool.articles[rank()];
    if (!article) return;
    const locale = locales[tick % 2] as LocaleCode;
    await timed(drafts, () =>
      cm('PUT', `${CM}/${article.documentId}?locale=${locale}`, {
        excerpt: `${article.excerpts[locale]} ${DRAFT_MARKER}${run}-${tick}`,
      }),
    );
  };

  const paragraph = (text: string): unknown[] => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

  const publishNew = async (k: number): Promise<void> => {
    const marker = `NRB-${run}-new-${k}`;
    const version = (locale: LocaleCode) => ({
      title: locale === 'id' ? `Kabar terkini bench ${run} ${k}` : `Bench breaking news ${run} ${k}`,
      excerpt: locale === 'id' ? `Ringkasan kabar terkini ${marker}` : `Breaking news standfirst ${marker}`,
      body: [
        {
          __component: 'content.rich-text',
          body: paragraph(locale === 'id' ? 'Isi berita bench.' : 'Bench story body.'),
        },
      ],
      author: { connect: [{ documentId: pool.authorDocumentId, locale }] },
      tags: { connect: [{ documentId: pool.tagDocumentId, locale }] },
    });
    let documentId: string | undefined;
    const slugs: Partial<Record<LocaleCode, string>> = {};
    const created = await timed(saves, async () => {
      const made = (await cm('POST', `${CM}?locale=id`, version('id'))) as {
        data: { documentId: string; slug: string };
      };
      documentId = made.data.documentId;
      slugs.id = made.data.slug;
      const translated = (await cm('PUT', `${CM}/${documentId}?locale=en`, version('en'))) as {
        data: { slug: string };
      };
      slugs.en = translated.data.slug;
    });
    if (!created || !documentId) return;
    for (const locale of locales) {
      if (await publish(documentId, locale)) {
        published({
          kind: 'new',
          documentId,
          locale,
          slug: slugs[locale] as string,
          marker,
          replaced: null,
          returnedAt: Date.now(),
        });
      }
    }
  };

  const publishUpdate = async (k: number): Promise<void> => {
    const article = pool.articles[rank()];
    if (!article) return;
    for (const locale of locales) {
      const marker = `NRB-${run}-update-${k}-${locale}`;
      const excerpt = `${article.excerpts[locale].replace(/ \[NRB-[^\]]*\]$/, '')} [${marker}]`;
      const saved = await timed(saves, () => cm('PUT', `${CM}/${article.documentId}?locale=${locale}`, { excerpt }));
      if (saved && (await publish(article.documentId, locale))) {
        const replaced = article.excerpts[locale];
        article.excerpts[locale] = excerpt;
        published({
          kind: 'update',
          documentId: article.documentId,
          locale,
          slug: article.slugs[locale],
          marker,
          replaced,
          returnedAt: Date.now(),
        });
      }
    }
  };

  const go = nextMessage('go');
  process.send({ type: 'ready' });
  await go;

  const start = performance.now();
  const firstPublish = Math.min(Math.ceil(publishEvery / 2), Math.ceil(duration / 2));
  let publishCount = 0;
  for (let tick = 1; tick < duration; tick += 1) {
    const due = start + tick * 1000;
    // Actions that ran late never push the writer past the readers' end.
    if (performance.now() - start >= duration * 1000) break;
    const wait = due - performance.now();
    const isPublish = tick >= firstPublish && (tick - firstPublish) % publishEvery === 0;
    // A draft save more than a second late (the previous action took long) is skipped, never a publish.
    if (!isPublish && wait < -1000) {
      drafts.skipped += 1;
      continue;
    }
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (isPublish) {
      publishCount += 1;
      if (publishCount % 2 === 1) await publishNew(publishCount);
      else await publishUpdate(publishCount);
    } else {
      await saveDraft(tick);
    }
  }
  await Promise.all(checks);

  const summary: WriterSummary = {
    drafts: { ...summaryOf(drafts), skipped: drafts.skipped },
    saves: summaryOf(saves),
    publishes: summaryOf(publishes),
    events: freshness.size,
    checker,
    errors,
  };
  process.send({ type: 'summary', summary }, () => process.exit(0));
};

main().catch((error: unknown) => {
  console.error('[bench newsroom-writer] FAILED:', error);
  process.exit(1);
});
