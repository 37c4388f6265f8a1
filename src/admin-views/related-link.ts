import { RELATED_LINK_UID } from '../lib/uids';
import type { ViewDefinition } from './types';

/** Related links: "Berita Terkait", "Baca juga" and fact-check items shown with an article. */
export const relatedLinkView: ViewDefinition = {
  uid: RELATED_LINK_UID,
  kind: 'contentType',
  mainField: 'title',
  defaultSortBy: 'title',
  defaultSortOrder: 'ASC',
  list: ['title', 'kind', 'label', 'target', 'url'],
  edit: [
    [
      { name: 'title', size: 8 },
      { name: 'kind', size: 4 },
    ],
    [{ name: 'label', size: 6 }],
    [
      { name: 'target', size: 6 },
      { name: 'url', size: 6 },
    ],
  ],
  fields: {
    title: { label: 'Headline', description: 'The headline shown as the link text, in this language.' },
    kind: {
      label: 'Kind',
      description:
        'related: "Berita Terkait" list; read-also: a "Baca juga" box in the story; fact-check: a HOAKS atau FAKTA item (give it a label). Shared by both languages.',
    },
    label: {
      label: 'Label',
      description:
        'Fact-check label shown before the headline, e.g. "HOAKS atau FAKTA" / "HOAX or FACT". Leave empty for ordinary links.',
    },
    target: {
      label: 'Article on this site',
      mainField: 'title',
      description:
        'Link to one of our articles (the version in the same language is used). Fill this or the external URL, not both.',
    },
    url: {
      label: 'External URL',
      description:
        'An http(s) address on another site. Fill this or the article, not both; both may stay empty while only the headline is known.',
    },
  },
};
