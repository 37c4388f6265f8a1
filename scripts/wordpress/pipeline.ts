/**
 * The WordPress import: (1) stream-parse the WXR file, (2) map each item
 * (map.ts), (3) write batches through the import path (write.ts).
 *
 * The file is read twice, as a stream both times. The first pass validates
 * the XML (malformed XML is fatal before anything is written) and keeps only
 * small facts: authors, categories, attachments (for featured images), which
 * posts Polylang pairs, the site's UTC offset and the item count (for the
 * ETA). The second pass maps and writes item by item; a Polylang translation
 * waits only until its partner has been read.
 */
import { readWxr, type WxrItem } from './wxr-reader';
import {
  itemLabel,
  itemOffsetMinutes,
  localeOf,
  mapItem,
  polylangOf,
  timeZoneForOffset,
  type MappedVersion,
} from './map';
import { ImportReport, Progress } from './report';
import { groupLabel, WordPressWriter, type ArticleGroup, type WpAuthor } from './write';
import type { Attachment } from './media';
import { DEFAULT_LOCALE, type LocaleCode } from '../../src/lib/locales';
import type { Core } from '@strapi/strapi';

export type ImportOptions = {
  file: string;
  /** Locale of the posts of an export without Polylang (default: the channel's language, else id). */
  locale?: LocaleCode;
  uploadsDir?: string;
  dryRun: boolean;
  /** Articles per transaction. */
  batchSize?: number;
  /** Characters of post HTML above which a post is refused as enormous. */
  maxContentChars?: number;
  out: (line: string) => void;
  progress?: NodeJS.WriteStream;
};

export type Scan = {
  channel: Record<string, string>;
  authors: Map<string, WpAuthor>;
  categories: Map<string, { name: string; parent: string }>;
  attachments: Map<string, Attachment>;
  attachmentsByUrl: Map<string, string>;
  /** Polylang group → how many posts of it can be imported. */
  groupSizes: Map<string, number>;
  items: number;
  offsets: Map<number, number>;
};

const DEFAULT_MAX_CONTENT = 2_000_000;

const isImportablePost = (item: WxrItem): boolean =>
  (item.fields['wp:post_type'] ?? 'post').trim() === 'post' &&
  ['publish', 'draft', 'pending', 'private', 'future'].includes((item.fields['wp:status'] ?? '').trim());

/** Pass 1: validates the XML and gathers what pass 2 needs, holding no post content. */
export const scanWxr = async (file: string): Promise<Scan> => {
  const scan: Scan = {
    channel: {},
    authors: new Map(),
    categories: new Map(),
    attachments: new Map(),
    attachmentsByUrl: new Map(),
    groupSizes: new Map(),
    items: 0,
    offsets: new Map(),
  };
  // Post content is not needed here: the reader keeps none of it.
  for await (const record of readWxr(file, { maxContentChars: 0 })) {
    if (record.kind === 'channel') scan.channel[record.field] ??= record.value;
    else if (record.kind === 'author') {
      const login = (record.fields['wp:author_login'] ?? '').trim();
      if (login)
        scan.authors.set(login, {
          login,
          email: record.fields['wp:author_email'] ?? '',
          displayName: record.fields['wp:author_display_name'] ?? '',
        });
    } else if (record.kind === 'category') {
      const slug = (record.fields['wp:category_nicename'] ?? '').trim();
      if (slug)
        scan.categories.set(slug, {
          name: record.fields['wp:cat_name'] ?? slug,
          parent: (record.fields['wp:category_parent'] ?? '').trim(),
        });
    } else if (record.kind === 'item') {
      const item = record.item;
      scan.items += 1;
      const type = (item.fields['wp:post_type'] ?? '').trim();
      const id = (item.fields['wp:post_id'] ?? '').trim();
      if (type === 'attachment' && id) {
        const url = (item.fields['wp:attachment_url'] ?? item.fields.guid ?? '').trim();
        scan.attachments.set(id, {
          id,
          url,
          ...(item.meta._wp_attached_file ? { file: item.meta._wp_attached_file.trim() } : {}),
          alt: item.meta._wp_attachment_image_alt ?? '',
          title: item.fields.title ?? '',
        });
        if (url) scan.attachmentsByUrl.set(url, id);
      }
      if (isImportablePost(item)) {
        const { group } = polylangOf(item);
        if (group) scan.groupSizes.set(group, (scan.groupSizes.get(group) ?? 0) + 1);
        const offset = itemOffsetMinutes(item);
        if (offset !== null) scan.offsets.set(offset, (scan.offsets.get(offset) ?? 0) + 1);
      }
    }
  }
  return scan;
};

const mostCommon = (counts: Map<number, number>): number | null => {
  let best: number | null = null;
  for (const [value, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = value;
  return best;
};

export type ImportResult = { report: ImportReport; scan: Scan };

/** Imports (or, with dryRun, validates) one export. Throws only on fatal errors (malformed XML, a dead database). */
export const importWordPress = async (
  strapi: Core.Strapi,
  options: ImportOptions,
  /** The first pass, when the caller made it already (the CLI does, before booting Strapi). */
  scanned?: Scan,
): Promise<ImportResult> => {
  const report = new ImportReport(options.out);
  const maxContentChars = options.maxContentChars ?? DEFAULT_MAX_CONTENT;
  const batchSize = options.batchSize ?? 50;
  const scan = scanned ?? (await scanWxr(options.file));

  const version = scan.channel['wp:wxr_version'];
  if (!version) report.line('warning: no wp:wxr_version: is this a WordPress export?');
  const offset = mostCommon(scan.offsets);
  const zone = timeZoneForOffset(offset);
  if (scan.offsets.size > 1)
    report.line(`site offsets vary (daylight saving?): ${[...scan.offsets.keys()].join(', ')} min`);
  const polylang = scan.groupSizes.size > 0;
  const locale = options.locale ?? localeOf(scan.channel.language ?? '') ?? DEFAULT_LOCALE;
  report.line(
    `WXR ${version ?? '?'} of "${scan.channel.title ?? ''}": ${scan.items} items, site time zone ${zone.zone}` +
      `${zone.note ? ` (${zone.note})` : ''}, ${polylang ? 'Polylang translations paired' : `locale ${locale}`}`,
  );
  for (const [slug, category] of scan.categories) {
    if (category.parent)
      report.line(
        `category "${slug}" is under "${category.parent}": tags have no hierarchy, it is imported as a flat tag`,
      );
  }

  const writer = new WordPressWriter(strapi, {
    dryRun: options.dryRun,
    ...(options.uploadsDir ? { uploadsDir: options.uploadsDir } : {}),
    timeZone: zone.zone,
    authors: scan.authors,
    attachments: scan.attachments,
    attachmentsByUrl: scan.attachmentsByUrl,
    note: (group, note) => report.note(groupLabel(group), note),
  });

  const progress = new Progress(scan.items, options.progress);
  let read = 0;
  const seenSlugs = new Map<string, string>();
  const pending = new Map<string, MappedVersion[]>();
  let batch: ArticleGroup[] = [];

  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const groups = batch;
    batch = [];
    const outcomes = await writer.writeBatch(groups);
    outcomes.forEach((o, i) => {
      const label = groupLabel(groups[i] as ArticleGroup);
      // Created and updated articles are counted (a line each would bury the lines worth reading).
      if ('detail' in o) report.count(o.outcome, o.detail.replace(/ to the existing article$/, ''));
      else if (o.outcome === 'skipped')
        report.count('skipped', o.reason.replace(/ \(.*$/, ''), `${label}: ${o.reason}`);
      else report.count('failed', 'write refused', `${label}: ${o.reason}`);
    });
  };
  const enqueue = async (group: ArticleGroup): Promise<void> => {
    batch.push(group);
    if (batch.length >= batchSize) await flush();
  };

  for await (const record of readWxr(options.file, { maxContentChars })) {
    if (record.kind !== 'item') continue;
    const item = record.item;
    read += 1;
    if (item.comments > 0) report.count('skipped', 'comment', undefined, item.comments);
    const result = mapItem(item, { locale, maxContentChars });
    if (result.kind === 'skip') {
      const quiet = ['page', 'menu item', 'revision', 'attachment', 'WordPress internal'].includes(result.skip);
      report.count('skipped', result.skip, quiet ? undefined : result.reason);
    } else if (result.kind === 'fail') {
      report.count('failed', result.reason.replace(/^.*?\): /, '').replace(/ \(.*$/, ''), result.reason);
    } else {
      const v = result.version;
      const key = `${v.locale}:${v.slug}`;
      const first = seenSlugs.get(key);
      if (first) {
        report.count(
          'failed',
          'duplicate slug',
          `${itemLabel(item)}: duplicate slug "${v.slug}" (${v.locale}), already used by item ${first}`,
        );
      } else {
        seenSlugs.set(key, v.sourceId);
        for (const note of v.notes) report.note(itemLabel(item), note);
        const size = v.translationGroup ? (scan.groupSizes.get(v.translationGroup) ?? 1) : 1;
        if (size <= 1 || !v.translationGroup) await enqueue({ versions: [v] });
        else {
          const members = [...(pending.get(v.translationGroup) ?? []), v];
          if (members.length >= size) {
            pending.delete(v.translationGroup);
            await enqueue({ versions: pairOrSplit(members, report) });
          } else pending.set(v.translationGroup, members);
        }
      }
    }
    progress.update(read);
  }
  // Translations whose partner never became importable (it failed, or was skipped).
  for (const members of pending.values()) await enqueue({ versions: pairOrSplit(members, report) });
  await flush();
  progress.finish(read);
  report.summary(options.dryRun);
  return { report, scan };
};

/** One version per locale: a second post of the same locale in a group is reported and dropped. */
const pairOrSplit = (members: MappedVersion[], report: ImportReport): MappedVersion[] => {
  const byLocale = new Map<LocaleCode, MappedVersion>();
  for (const v of members) {
    if (byLocale.has(v.locale)) {
      report.count(
        'failed',
        'two translations in one locale',
        `item ${v.sourceId} "${v.title}": a second ${v.locale} translation in its Polylang group`,
      );
    } else byLocale.set(v.locale, v);
  }
  return [...byLocale.values()];
};
