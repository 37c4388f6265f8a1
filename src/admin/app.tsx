import type { StrapiApp } from '@strapi/strapi/admin';

const ARTICLE_UID = 'api::article.article';

/** A list view header as the Content Manager's `inject-column-in-table` hook passes it around. */
type ListHeader = {
  name: string;
  label: string | { id: string; defaultMessage: string };
  attribute: { type: string };
  searchable: boolean;
  sortable: boolean;
  cellFormatter?: (row: Record<string, unknown>) => JSX.Element;
};
type ListHookArgs = { displayedHeaders: ListHeader[]; layout: unknown };

/**
 * `firstPublishedAt` is Strapi's (experimental) system attribute: the list view
 * configuration cannot name it, but the list data carries it. This column shows
 * it on the article list, next to the columns configured in src/admin-views.
 */
const firstPublishedColumn = ({ displayedHeaders, layout }: ListHookArgs): ListHookArgs => {
  if (!window.location.pathname.includes(`/${ARTICLE_UID}`)) return { displayedHeaders, layout };
  if (displayedHeaders.some((h) => h.name === 'firstPublishedAt')) return { displayedHeaders, layout };
  const column: ListHeader = {
    name: 'firstPublishedAt',
    label: { id: 'newsroom.list.firstPublishedAt', defaultMessage: 'First published' },
    attribute: { type: 'datetime' },
    searchable: false,
    sortable: false,
    cellFormatter: (row) => {
      const value = row.firstPublishedAt;
      const text =
        typeof value === 'string'
          ? new Date(value).toLocaleString(navigator.language, { dateStyle: 'medium', timeStyle: 'short' })
          : '-';
      return <span data-testid="first-published">{text}</span>;
    },
  };
  return { displayedHeaders: [...displayedHeaders, column], layout };
};

export default {
  config: {
    // Editors can switch the admin interface to Bahasa Indonesia in their profile.
    locales: ['id'],
    // Offline newsroom: no guided tour pop-ups, no release notifications.
    tutorials: false,
    notifications: { releases: false },
    translations: {
      en: { 'newsroom.list.firstPublishedAt': 'First published' },
      id: { 'newsroom.list.firstPublishedAt': 'Pertama terbit' },
    },
  },
  bootstrap(app: StrapiApp) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', firstPublishedColumn);
  },
};
