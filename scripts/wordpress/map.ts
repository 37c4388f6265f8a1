/**
 * One WXR item → one locale version of an article (or a reason to skip or
 * fail it), and the export's site facts (time zone, locale). Pure: no I/O, no
 * Strapi. The writer (write.ts) turns these into the import path's types.
 */
import { htmlToBlocks, htmlToText, type RichBlock } from './html-to-blocks';
import type { WxrItem } from './wxr-reader';
import { isLocaleCode, type LocaleCode } from '../../src/lib/locales';
import { toSlug } from '../../src/lib/slug';
import { NEWSROOM_TIME_ZONE } from '../../src/lib/time-zone';

export type TagRef = { slug: string; name: string; taxonomy: 'category' | 'post_tag' };

export type MappedVersion = {
  sourceId: string;
  locale: LocaleCode;
  title: string;
  slug: string;
  excerpt: string;
  blocks: RichBlock[];
  status: 'published' | 'draft';
  firstPublishedAt?: string;
  authorLogin?: string;
  tags: TagRef[];
  /** WordPress post id of the featured image (an attachment). */
  featuredImage?: string;
  /** Polylang `post_translations` group, when the export has one. */
  translationGroup?: string;
  /** What was not carried over as it was (shortcodes, embeds, a future date…). */
  notes: string[];
};

export type SkipKind =
  'page' | 'menu item' | 'revision' | 'attachment' | 'WordPress internal' | 'unknown post type' | 'status' | 'language';

export type MapResult =
  | { kind: 'article'; version: MappedVersion }
  | { kind: 'skip'; skip: SkipKind; reason: string }
  | { kind: 'fail'; reason: string };

export type MapContext = {
  /** Locale of an item without a Polylang `language` term. */
  locale: LocaleCode;
  maxContentChars: number;
};

const SKIPPED_TYPES: Record<string, SkipKind> = {
  page: 'page',
  nav_menu_item: 'menu item',
  revision: 'revision',
  attachment: 'attachment',
};
const INTERNAL_TYPES = new Set([
  'wp_block',
  'wp_template',
  'wp_template_part',
  'wp_navigation',
  'wp_global_styles',
  'wp_font_family',
  'wp_font_face',
  'custom_css',
  'customize_changeset',
  'oembed_cache',
  'user_request',
]);
const DRAFT_STATUSES = new Set(['draft', 'pending', 'private', 'future']);
/** What a `uid` field accepts (Strapi's uid validator). */
const UID_PATTERN = /^[A-Za-z0-9\-_.~]+$/;
const TITLE_MAX = 255;
const EXCERPT_MAX = 600;
const TAG_NAME_MAX = 120;

/** How an item is named in a report line: its id and title. */
export const itemLabel = (item: WxrItem): string => {
  const title = htmlToText(item.fields.title ?? '').slice(0, 60);
  return `item ${item.fields['wp:post_id'] ?? '?'}${title ? ` "${title}"` : ''} (line ${item.line})`;
};

export const percentDecode = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

/** "2024-01-15 10:30:00" as a UTC instant, or null for WordPress's "0000-00-00 00:00:00" and junk. */
export const parseWpDate = (value: string | undefined): Date | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec((value ?? '').trim());
  if (!m || m[1] === '0000') return null;
  const date = new Date(
    Date.UTC(+m[1], +(m[2] as string) - 1, +(m[3] as string), +(m[4] as string), +(m[5] as string), +(m[6] as string)),
  );
  return Number.isNaN(date.getTime()) ? null : date;
};

/** Minutes the item's local time is ahead of GMT (post_date − post_date_gmt), or null. */
export const itemOffsetMinutes = (item: WxrItem): number | null => {
  const local = parseWpDate(item.fields['wp:post_date']);
  const gmt = parseWpDate(item.fields['wp:post_date_gmt']);
  return local && gmt ? Math.round((local.getTime() - gmt.getTime()) / 60000) : null;
};

const INDONESIA: Record<number, string> = { 420: 'Asia/Jakarta', 480: 'Asia/Makassar', 540: 'Asia/Jayapura' };

/**
 * The IANA zone for the site's UTC offset: a WXR file carries no time zone,
 * only each post's local and GMT dates. Indonesia's three offsets map to their
 * zones; another whole-hour offset to Etc/GMT∓n; anything else to the
 * newsroom's own zone (reported).
 */
export const timeZoneForOffset = (minutes: number | null): { zone: string; note?: string } => {
  if (minutes === null) return { zone: NEWSROOM_TIME_ZONE, note: 'no post has both dates: time zone assumed' };
  if (INDONESIA[minutes]) return { zone: INDONESIA[minutes] as string };
  if (minutes === 0) return { zone: 'UTC' };
  if (minutes % 60 === 0 && Math.abs(minutes) <= 14 * 60) {
    const hours = minutes / 60;
    // POSIX sign: Etc/GMT-7 is UTC+7.
    return { zone: `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}` };
  }
  return { zone: NEWSROOM_TIME_ZONE, note: `offset ${minutes} min has no zone: ${NEWSROOM_TIME_ZONE} assumed` };
};

/** The CMS locale of a language code such as "id-ID", "en-US", "in": null when none matches. */
export const localeOf = (language: string): LocaleCode | null => {
  const code = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const normal = code === 'in' ? 'id' : code;
  return isLocaleCode(normal) ? normal : null;
};

/** Polylang's `language` and `post_translations` terms of an item. */
export const polylangOf = (item: WxrItem): { language?: string; group?: string } => ({
  language: item.terms.find((t) => t.domain === 'language')?.nicename,
  group: item.terms.find((t) => t.domain === 'post_translations')?.nicename,
});

const truncate = (text: string, max: number, what: string, notes: string[]): string => {
  if (text.length <= max) return text;
  notes.push(`${what} cut to ${max} characters (was ${text.length})`);
  return text.slice(0, max).trimEnd();
};

/** The slug of `wp:post_name` percent-decoded; one made from `fallback` when it is empty or not a valid slug. */
export const slugOf = (postName: string, fallback: string, notes: string[]): string => {
  const decoded = percentDecode(postName.trim());
  if (decoded && UID_PATTERN.test(decoded)) return decoded;
  const made = toSlug(decoded || fallback);
  if (decoded) notes.push(`slug "${decoded}" has characters a CMS slug cannot hold: made "${made}"`);
  return made;
};

export const tagsOf = (item: WxrItem): TagRef[] => {
  const tags: TagRef[] = [];
  for (const term of item.terms) {
    if (term.domain !== 'category' && term.domain !== 'post_tag') continue;
    const name = htmlToText(term.name).slice(0, TAG_NAME_MAX);
    const slug = slugOf(term.nicename, name, []);
    if (!slug || !name || tags.some((t) => t.slug === slug)) continue;
    tags.push({ slug, name, taxonomy: term.domain });
  }
  return tags;
};

/** Maps one item. Skips what is not a post, fails what a post cannot be written from. */
export const mapItem = (item: WxrItem, context: MapContext): MapResult => {
  const f = item.fields;
  const type = (f['wp:post_type'] ?? 'post').trim();
  const label = itemLabel(item);
  const skipped = SKIPPED_TYPES[type];
  if (skipped) return { kind: 'skip', skip: skipped, reason: `${label}: ${type} skipped` };
  if (INTERNAL_TYPES.has(type))
    return { kind: 'skip', skip: 'WordPress internal', reason: `${label}: ${type} skipped` };
  if (type !== 'post')
    return { kind: 'skip', skip: 'unknown post type', reason: `${label}: unknown post type "${type}"` };

  const status = (f['wp:status'] ?? '').trim();
  if (status !== 'publish' && !DRAFT_STATUSES.has(status))
    return { kind: 'skip', skip: 'status', reason: `${label}: status "${status || '(none)'}" skipped` };

  const { language, group } = polylangOf(item);
  let locale = context.locale;
  if (language) {
    const mapped = localeOf(language);
    if (!mapped)
      return { kind: 'skip', skip: 'language', reason: `${label}: language "${language}" is not a CMS locale` };
    locale = mapped;
  }

  const notes: string[] = [];
  const title = truncate(htmlToText(f.title ?? ''), TITLE_MAX, 'title', notes);
  if (!title) return { kind: 'fail', reason: `${label}: missing title` };
  if (item.contentTruncated)
    return {
      kind: 'fail',
      reason: `${label}: enormous post (${item.contentChars} characters of HTML, the limit is ${context.maxContentChars})`,
    };

  const conversion = htmlToBlocks(f['content:encoded'] ?? '');
  notes.push(...conversion.notes);
  const excerpt = truncate(htmlToText(f['excerpt:encoded'] ?? ''), EXCERPT_MAX, 'excerpt', notes);

  const gmt = parseWpDate(f['wp:post_date_gmt']);
  const local = parseWpDate(f['wp:post_date']);
  let firstPublishedAt: string | undefined;
  if (status === 'publish') {
    // A published post with no GMT date (old imports into WordPress): its local date, taken as GMT, is reported.
    firstPublishedAt = (gmt ?? local)?.toISOString();
    if (!gmt) notes.push('no wp:post_date_gmt: firstPublishedAt taken from wp:post_date');
  } else if (status === 'future') {
    notes.push(`scheduled for ${f['wp:post_date'] ?? '?'} (site time): imported as a draft`);
  } else if (status === 'private') {
    notes.push('private post: imported as a draft');
  }

  return {
    kind: 'article',
    version: {
      sourceId: (f['wp:post_id'] ?? '').trim(),
      locale,
      title,
      slug: slugOf(f['wp:post_name'] ?? '', title, notes),
      excerpt,
      blocks: conversion.blocks,
      status: status === 'publish' ? 'published' : 'draft',
      ...(firstPublishedAt ? { firstPublishedAt } : {}),
      ...(f['dc:creator']?.trim() ? { authorLogin: f['dc:creator'].trim() } : {}),
      tags: tagsOf(item),
      ...(item.meta._thumbnail_id?.trim() ? { featuredImage: item.meta._thumbnail_id.trim() } : {}),
      ...(group ? { translationGroup: group } : {}),
      notes,
    },
  };
};
