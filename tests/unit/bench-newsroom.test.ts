import { DRAFT_MARKER, Freshness, type PublishEvent } from '../../bench/newsroom-freshness';
import { readMix, zipfSampler, type Pool } from '../../bench/newsroom-mix';
import { prng } from '../../bench/corpus';

/**
 * The newsroom workload's parts that need no server (bench/newsroom.ts): the
 * stale-read rule and the read mix. The workload itself runs in
 * tests/int/bench-newsroom.test.ts.
 */
const update = (over: Partial<PublishEvent> = {}): PublishEvent => ({
  kind: 'update',
  documentId: 'doc-a',
  locale: 'id',
  slug: 'banjir-jakarta',
  marker: 'NRB-x-update-2-id',
  replaced: 'Ringkasan lama',
  returnedAt: 0,
  ...over,
});
const created = (over: Partial<PublishEvent> = {}): PublishEvent => ({
  kind: 'new',
  documentId: 'doc-new',
  locale: 'id',
  slug: 'kabar-terkini',
  marker: 'NRB-x-new-1',
  replaced: null,
  returnedAt: 0,
  ...over,
});
const page = (excerpt: string, documentId = 'doc-a'): string =>
  JSON.stringify({ data: { documentId, title: 'Banjir', excerpt, localizations: [] }, meta: {} });
const list = (...excerpts: string[]): string =>
  JSON.stringify({ data: excerpts.map((excerpt, i) => ({ documentId: `d${i}`, excerpt })) });

describe('the stale-read rule (bench/newsroom-freshness.ts)', () => {
  const slug = { kind: 'slug', locale: 'id', slug: 'banjir-jakarta' } as const;

  it('an article page sent after an update must hold its marker', () => {
    const f = new Freshness();
    f.add(update());
    expect(f.judge(slug, page('Ringkasan lama'), 1)).toEqual({ checked: true, stale: true, draftLeak: false });
    expect(f.judge(slug, page('Ringkasan lama [NRB-x-update-2-id]'), 1)).toEqual({
      checked: true,
      stale: false,
      draftLeak: false,
    });
  });

  it('a read sent before the publish was known is not judged by it, nor a page of another locale or article', () => {
    const f = new Freshness();
    f.add(update());
    expect(f.judge(slug, page('Ringkasan lama'), 0)).toEqual({ checked: false, stale: false, draftLeak: false });
    expect(f.judge({ ...slug, locale: 'en' }, page('Old standfirst'), 1).checked).toBe(false);
    expect(f.judge({ ...slug, slug: 'other' }, page('Other'), 1).checked).toBe(false);
  });

  it('a later update of the same article is the one its page must show', () => {
    const f = new Freshness();
    f.add(update());
    f.add(update({ marker: 'NRB-x-update-4-id', replaced: 'Ringkasan lama [NRB-x-update-2-id]' }));
    expect(f.judge(slug, page('Ringkasan lama [NRB-x-update-2-id]'), 2).stale).toBe(true);
    expect(f.judge(slug, page('Ringkasan lama [NRB-x-update-2-id]'), 1).stale).toBe(false);
    expect(f.judge(slug, page('Ringkasan lama [NRB-x-update-4-id]'), 2).stale).toBe(false);
  });

  it('a list is stale when it holds a replaced excerpt, not when it holds a newer one that starts with it', () => {
    const f = new Freshness();
    f.add(update());
    const listPage = { kind: 'list', locale: 'id' } as const;
    expect(f.judge(listPage, list('Lain', 'Ringkasan lama'), 1)).toEqual({
      checked: true,
      stale: true,
      draftLeak: false,
    });
    expect(f.judge(listPage, list('Lain', 'Ringkasan lama [NRB-x-update-2-id]'), 1).stale).toBe(false);
    // The article need not be on the page at all.
    expect(f.judge(listPage, list('Lain'), 1).stale).toBe(false);
  });

  it('the lists must show the newest created article, the tag page every created article', () => {
    const f = new Freshness();
    f.add(created());
    f.add(created({ documentId: 'doc-new-2', slug: 'kabar-2', marker: 'NRB-x-new-3' }));
    const onlyNewest = list('Kabar NRB-x-new-3', 'Lain');
    expect(f.judge({ kind: 'list', locale: 'id' }, onlyNewest, 2).stale).toBe(false);
    expect(f.judge({ kind: 'graphql', locale: 'id' }, list('Kabar NRB-x-new-1'), 2).stale).toBe(true);
    expect(f.judge({ kind: 'tag', locale: 'id' }, onlyNewest, 2).stale).toBe(true);
    expect(f.judge({ kind: 'tag', locale: 'id' }, list('NRB-x-new-3', 'NRB-x-new-1'), 2).stale).toBe(false);
    expect(f.judge({ kind: 'list', locale: 'en' }, list('Other'), 2).checked).toBe(false);
  });

  it('an answer holding a draft marker is a draft leak, whatever was published', () => {
    const f = new Freshness();
    expect(f.judge(slug, page(`Ringkasan ${DRAFT_MARKER}x-7`), 0)).toEqual({
      checked: false,
      stale: false,
      draftLeak: true,
    });
  });
});

describe('the read mix (bench/newsroom-mix.ts)', () => {
  it('draws Zipf ranks: every rank in range, P(rank) proportional to (rank + 1)^-1.1', () => {
    const n = 1000;
    const draws = 200_000;
    const sample = zipfSampler(n, 1.1, prng(7));
    const counts = new Array<number>(n).fill(0);
    const outOfRange: number[] = [];
    for (let i = 0; i < draws; i += 1) {
      const k = sample();
      if (!(k >= 0 && k < n && Number.isInteger(k))) outOfRange.push(k);
      else counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(outOfRange).toEqual([]);
    let h = 0;
    for (let k = 1; k <= n; k += 1) h += k ** -1.1;
    for (const k of [0, 1, 9]) {
      const expected = (draws * (k + 1) ** -1.1) / h;
      expect(Math.abs((counts[k] ?? 0) - expected) / expected).toBeLessThan(0.05);
    }
  });

  it('mixes article pages of both locales with the list, GraphQL and tag pages, the same for a seed', () => {
    const pool: Pool = {
      articles: Array.from({ length: 50 }, (_, i) => ({
        documentId: `d${i}`,
        slugs: { id: `artikel-${i}`, en: `article-${i}` },
        excerpts: { id: 'x', en: 'y' },
      })),
      authorDocumentId: 'a',
      tagDocumentId: 't',
    };
    const take = (seed: number) => {
      const next = readMix(pool, seed);
      return Array.from({ length: 10_000 }, next);
    };
    const pages = take(1);
    expect(take(1)).toEqual(pages);
    const share = (kind: string): number => pages.filter((p) => p.kind === kind).length / pages.length;
    expect(share('slug')).toBeGreaterThan(0.8);
    for (const kind of ['list', 'graphql', 'tag']) expect(share(kind)).toBeGreaterThan(0.02);
    const slugs = new Set(pages.flatMap((p) => (p.kind === 'slug' ? [`${p.locale}:${p.slug}`] : [])));
    expect(slugs.has('id:artikel-0') && slugs.has('en:article-0')).toBe(true);
    expect([...slugs].every((s) => /^(id:artikel|en:article)-\d+$/.test(s))).toBe(true);
  });
});
