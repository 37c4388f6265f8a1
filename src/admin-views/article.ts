import { ARTICLE_UID } from '../lib/uids';
import type { ViewDefinition } from './types';

/**
 * The article screens. List: what an editor scans for (headline, byline,
 * tags, translation state, the scheduled publication); Strapi adds "Available in" (the locales that
 * exist) and the status, and src/admin/app.tsx "First published". Edit: story, schedule, media, relations,
 * sources, corrections, SEO, then the computed fields (read-only).
 */
export const articleView: ViewDefinition = {
  uid: ARTICLE_UID,
  kind: 'contentType',
  mainField: 'title',
  defaultSortBy: 'updatedAt',
  defaultSortOrder: 'DESC',
  list: ['title', 'author', 'tags', 'translationStatus', 'publishAt'],
  edit: [
    // story
    [
      { name: 'title', size: 8 },
      { name: 'slug', size: 4 },
    ],
    [{ name: 'excerpt', size: 12 }],
    // the schedule of this language version
    [
      { name: 'publishAt', size: 6 },
      { name: 'unpublishAt', size: 6 },
    ],
    [{ name: 'body', size: 12 }],
    // media
    [
      { name: 'cover', size: 6 },
      { name: 'coverCaption', size: 6 },
    ],
    [{ name: 'coverCredit', size: 6 }],
    // relations
    [
      { name: 'author', size: 6 },
      { name: 'tags', size: 6 },
    ],
    [{ name: 'relatedLinks', size: 12 }],
    // sources
    [{ name: 'sources', size: 12 }],
    // corrections and updates of this language version
    [{ name: 'corrections', size: 12 }],
    // SEO
    [{ name: 'seo', size: 12 }],
    // computed and shared settings
    [
      { name: 'translationStatus', size: 4 },
      { name: 'contentEditedAt', size: 4 },
      { name: 'readingTimeMinutes', size: 4 },
    ],
    [{ name: 'timeZone', size: 4 }],
  ],
  fields: {
    title: {
      label: 'Headline',
      description: 'The headline in this language. The slug is made from it when left empty.',
    },
    slug: {
      label: 'Slug',
      description:
        'The URL of this language version: {site}/{locale}/{slug}. Unique per language; leave empty to derive it from the headline.',
    },
    excerpt: {
      label: 'Standfirst',
      description:
        'The summary under the headline (also the description in search results, feeds and share cards when SEO is empty).',
    },
    body: {
      label: 'Story',
      description: 'Paragraphs (Rich text) and "Baca juga" / "Read also" boxes, in reading order.',
    },
    cover: {
      label: 'Cover photo',
      description: 'Shared by both languages. Set the alternative text in the media library.',
    },
    coverCaption: { label: 'Caption', description: 'What the photo shows, in this language, without the credit.' },
    coverCredit: {
      label: 'Credit line',
      description:
        'Who made or supplied the photo, e.g. ANTARA/KCNA/tm/aa (agency/source/photographer/editor initials). Shared by both languages; shown after the caption.',
    },
    author: { label: 'Author', mainField: 'name', description: 'The byline. Shared by both languages.' },
    tags: {
      label: 'Tags',
      mainField: 'name',
      description: 'Subjects of the story; related articles are chosen by shared tags.',
    },
    relatedLinks: {
      label: 'Related links',
      mainField: 'title',
      description:
        '"Berita Terkait": shown under the story in this order. Create a link with the kind "fact-check" for a HOAKS atau FAKTA item.',
    },
    sources: {
      label: 'Sources',
      description:
        'Wire agencies or outlets the story relies on: "reported by" (dilansir) or "quoted from" (dikutip dari). Shared by both languages; used in JSON-LD.',
    },
    corrections: {
      label: 'Corrections and updates',
      description:
        'Notes to readers, oldest first, in this language. Adding one does not change the original publication time; it moves the modified date in JSON-LD and feeds.',
    },
    seo: {
      label: 'SEO',
      description: 'Search and share overrides. Empty fields fall back to the headline, standfirst and cover.',
    },
    timeZone: {
      label: 'Time zone',
      description: 'IANA name used to show dates (default Asia/Jakarta). Shared by both languages.',
    },
    translationStatus: {
      label: 'Translation',
      description:
        'Computed. source: the Indonesian original; current: translated after the last change of the original; stale: the Indonesian text changed since.',
    },
    contentEditedAt: {
      label: 'Text edited at',
      description: 'Computed: when the text of this language version last changed.',
    },
    readingTimeMinutes: {
      label: 'Reading time (min)',
      description: 'Computed from the standfirst and story at 200 words a minute.',
    },
    publishAt: {
      label: 'Scheduled',
      description:
        "Embargo: this language version is published at this time (WIB, Asia/Jakarta: the panel shows your computer's time zone), and not before. Leave empty to publish by hand. Only editors set it.",
    },
    unpublishAt: {
      label: 'Unpublish at',
      description: 'Optional: this language version is taken offline at this time. Must be after "Scheduled".',
    },
    updatedAt: { label: 'Updated' },
  },
  readOnly: ['translationStatus', 'contentEditedAt', 'readingTimeMinutes'],
};
