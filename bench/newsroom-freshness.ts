/**
 * The newsroom workload's rule for a stale read (bench/newsroom.ts): once a
 * publish has returned, every public answer sent after it must show it.
 *
 * The writer (bench/newsroom-writer.ts) makes each published version
 * recognisable by its excerpt, the one field only the article's own object
 * carries (a related link's target or a localization shows title and slug,
 * never the excerpt): an updated version's excerpt ends with a marker no
 * other version has, a new article's excerpt holds one. After a publish of
 * article A in locale L, an answer in L is stale when
 *
 * - it is A's page and lacks the marker;
 * - it is a list (REST or GraphQL, 20 newest) and lacks the marker of the
 *   newest article the writer created in L;
 * - it is the tag page and lacks the marker of any article the writer created
 *   in L (they carry that tag);
 * - it is any of those pages and holds the excerpt a publish replaced, as
 *   JSON writes it (`"excerpt":"…"`, closing quote included: a new excerpt
 *   starts with the old text).
 *
 * Draft saves carry DRAFT_MARKER: an answer holding it leaked a draft.
 * Only publishes known before a read was sent apply to it: the caller passes
 * how many it knew then (`known`), so a verdict never depends on timing.
 */
import type { LocaleCode } from '../src/lib/locales';
import type { Page } from './newsroom-mix';

export type PublishEvent = {
  kind: 'new' | 'update';
  documentId: string;
  locale: LocaleCode;
  slug: string;
  /** Only this published version's excerpt holds it. */
  marker: string;
  /** The excerpt this publish replaced (an update), or null (a new article). */
  replaced: string | null;
  /** When the publish returned (ms since the epoch, the writer's clock). */
  returnedAt: number;
};

/** Every draft the writer saves holds this; no public answer may. */
export const DRAFT_MARKER = 'NRB-DRAFT-';

export type Verdict = { checked: boolean; stale: boolean; draftLeak: boolean };

export class Freshness {
  private readonly events: (PublishEvent & { needle: string | null })[] = [];

  /** How many publishes are known: pass it to `judge` for a read sent now. */
  get size(): number {
    return this.events.length;
  }

  add(event: PublishEvent): void {
    this.events.push({
      ...event,
      needle: event.replaced === null ? null : `"excerpt":${JSON.stringify(event.replaced)}`,
    });
  }

  /** One public answer to `page`, sent when `known` publishes were known. */
  judge(page: Page, body: string, known: number): Verdict {
    const draftLeak = body.includes(DRAFT_MARKER);
    const events = this.events.slice(0, known).filter((e) => e.locale === page.locale);
    if (page.kind === 'slug') {
      const latest = events.filter((e) => e.slug === page.slug).pop();
      return { checked: latest !== undefined, stale: latest !== undefined && !body.includes(latest.marker), draftLeak };
    }
    const created = events.filter((e) => e.kind === 'new');
    const mustShow = page.kind === 'tag' ? created : created.slice(-1);
    const replaced = events.filter((e) => e.needle !== null);
    const stale =
      mustShow.some((e) => !body.includes(e.marker)) || replaced.some((e) => body.includes(e.needle as string));
    return { checked: mustShow.length + replaced.length > 0, stale, draftLeak };
  }
}
