import { blocksToHtml, escapeHtml } from '../lib/blocks';
import { ARTICLE_POPULATE } from '../api-contract/public-populate';
import { toZonedIso } from '../lib/time-zone';

/** What the page shows of an article version (the Document Service answer with PREVIEW_ARTICLE_POPULATE). */
type Media = { url?: string | null; alternativeText?: string | null } | null | undefined;
type Link = {
  title?: string | null;
  label?: string | null;
  url?: string | null;
  target?: { title?: string | null; slug?: string | null } | null;
};
export type PreviewArticle = {
  title?: string | null;
  excerpt?: string | null;
  locale?: string;
  publishedAt?: string | null;
  publishAt?: string | null;
  unpublishAt?: string | null;
  cover?: Media;
  coverCaption?: string | null;
  coverCredit?: string | null;
  body?: { __component?: string; body?: unknown; link?: Link | null }[] | null;
  author?: { name?: string | null; jobTitle?: string | null } | null;
  tags?: { name?: string | null }[] | null;
  relatedLinks?: Link[] | null;
  corrections?: { date?: string | null; kind?: string | null; text?: string | null }[] | null;
};
export type PreviewListing = {
  name?: string | null;
  bio?: string | null;
  description?: string | null;
  jobTitle?: string | null;
  articles?: { title?: string | null }[] | null;
};

/** The page shows the version as a reader gets it: the public article population (src/api-contract/). */
export const PREVIEW_ARTICLE_POPULATE = ARTICLE_POPULATE;

/** The page's words in the version's language. */
const WORDS = {
  id: {
    draft: 'Pratinjau draf: belum terbit',
    published: 'Pratinjau versi terbit',
    by: 'Oleh',
    readAlso: 'Baca juga',
    related: 'Berita Terkait',
    tags: 'Topik',
    corrections: 'Koreksi dan pembaruan',
    publishAt: 'Dijadwalkan terbit',
    unpublishAt: 'Dijadwalkan turun',
    kinds: { correction: 'Koreksi', update: 'Pembaruan', clarification: 'Klarifikasi' },
    articles: 'Artikel',
  },
  en: {
    draft: 'Draft preview: not published',
    published: 'Preview of the published version',
    by: 'By',
    readAlso: 'Read also',
    related: 'Related',
    tags: 'Topics',
    corrections: 'Corrections and updates',
    publishAt: 'Scheduled to publish',
    unpublishAt: 'Scheduled to unpublish',
    kinds: { correction: 'Correction', update: 'Update', clarification: 'Clarification' },
    articles: 'Articles',
  },
} as const;

const words = (locale: string | undefined) => (locale === 'en' ? WORDS.en : WORDS.id);
const e = (value: unknown): string => escapeHtml(typeof value === 'string' ? value : '');

const linkHtml = (link: Link | null | undefined): string => {
  if (!link) return '';
  const text = e(link.target?.title ?? link.title);
  const href = link.url && /^https?:\/\//.test(link.url) ? link.url : null;
  return href ? `<a href="${e(href)}" rel="noopener">${text}</a>` : `<span>${text}</span>`;
};

const STYLE = `body{font:18px/1.6 Georgia,serif;max-width:46rem;margin:0 auto;padding:1rem 1.25rem;color:#1b1b1b}
.banner{font:600 14px/1.4 system-ui,sans-serif;background:#fff3cd;border:1px solid #e0c36a;padding:.5rem .75rem;border-radius:4px}
h1{font-size:2.1rem;line-height:1.2;margin:.75rem 0}.standfirst{font-size:1.2rem;color:#444}
figure{margin:1rem 0}figure img{max-width:100%;height:auto}figcaption{font:14px/1.4 system-ui,sans-serif;color:#555}
.meta,.tags,.schedule{font:14px/1.5 system-ui,sans-serif;color:#555}.read-also{border-left:4px solid #c00;padding:.25rem .75rem;margin:1rem 0;font:600 16px/1.4 system-ui,sans-serif}
section h2{font:700 16px/1.4 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em}`;

const page = (locale: string | undefined, title: string, inner: string): string =>
  `<!doctype html><html lang="${e(locale ?? 'id')}"><head><meta charset="utf-8"><meta name="robots" content="noindex,nofollow">` +
  `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head>` +
  `<body>${inner}</body></html>`;

/**
 * The built-in preview: an article version as a reader would see it, in its
 * language, with a banner saying which version it is. Every value is
 * escaped; rich text goes through the same renderer as the feeds.
 */
export const renderArticlePreview = (
  article: PreviewArticle,
  status: 'draft' | 'published',
  timeZone: string,
): string => {
  const w = words(article.locale);
  const when = (iso: string | null | undefined): string => (iso ? e(toZonedIso(iso, timeZone)) : '');
  const schedule = [
    article.publishAt ? `<div>${w.publishAt}: <time>${when(article.publishAt)}</time> (${e(timeZone)})</div>` : '',
    article.unpublishAt
      ? `<div>${w.unpublishAt}: <time>${when(article.unpublishAt)}</time> (${e(timeZone)})</div>`
      : '',
  ].join('');
  const cover = article.cover?.url
    ? `<figure><img src="${e(article.cover.url)}" alt="${e(article.cover.alternativeText)}"><figcaption>${e(article.coverCaption)}` +
      `${article.coverCredit ? ` <span class="credit">(${e(article.coverCredit)})</span>` : ''}</figcaption></figure>`
    : '';
  const body = (article.body ?? [])
    .map((block) =>
      block.__component === 'content.read-also'
        ? `<aside class="read-also">${e(block.link?.label) || w.readAlso}: ${linkHtml(block.link)}</aside>`
        : blocksToHtml(block.body),
    )
    .join('');
  const tags = (article.tags ?? []).map((t) => e(t.name)).filter(Boolean);
  const related = (article.relatedLinks ?? []).map((l) => `<li>${linkHtml(l)}</li>`).join('');
  const corrections = (article.corrections ?? [])
    .map(
      (c) =>
        `<li><strong>${e(w.kinds[c.kind as keyof typeof w.kinds] ?? c.kind)}</strong> <time>${when(c.date)}</time>: ${e(c.text)}</li>`,
    )
    .join('');
  return page(
    article.locale,
    article.title ?? '',
    `<p class="banner">${status === 'draft' ? w.draft : w.published} · ${e(article.locale)}</p>` +
      (schedule ? `<div class="schedule">${schedule}</div>` : '') +
      `<article><h1>${e(article.title)}</h1>` +
      (article.excerpt ? `<p class="standfirst">${e(article.excerpt)}</p>` : '') +
      (article.author?.name
        ? `<p class="meta">${w.by} ${e(article.author.name)}${article.author.jobTitle ? `, ${e(article.author.jobTitle)}` : ''}</p>`
        : '') +
      cover +
      body +
      (tags.length ? `<p class="tags">${w.tags}: ${tags.join(', ')}</p>` : '') +
      (related ? `<section><h2>${w.related}</h2><ul>${related}</ul></section>` : '') +
      (corrections ? `<section class="corrections"><h2>${w.corrections}</h2><ul>${corrections}</ul></section>` : '') +
      `</article>`,
  );
};

/** An author or tag version: its name, text and the articles listed on its page. */
export const renderListingPreview = (
  listing: PreviewListing,
  locale: string,
  status: 'draft' | 'published',
): string => {
  const w = words(locale);
  const items = (listing.articles ?? []).map((a) => `<li>${e(a.title)}</li>`).join('');
  return page(
    locale,
    listing.name ?? '',
    `<p class="banner">${status === 'draft' ? w.draft : w.published} · ${e(locale)}</p>` +
      `<h1>${e(listing.name)}</h1>` +
      (listing.jobTitle ? `<p class="meta">${e(listing.jobTitle)}</p>` : '') +
      (listing.bio || listing.description ? `<p>${e(listing.bio ?? listing.description)}</p>` : '') +
      (items ? `<section><h2>${w.articles}</h2><ul>${items}</ul></section>` : ''),
  );
};
