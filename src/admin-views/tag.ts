import { TAG_UID } from '../lib/uids';
import type { ViewDefinition } from './types';

/** Tags: subjects of coverage, named per language. */
export const tagView: ViewDefinition = {
  uid: TAG_UID,
  kind: 'contentType',
  mainField: 'name',
  defaultSortBy: 'name',
  defaultSortOrder: 'ASC',
  list: ['name', 'slug', 'articles', 'updatedAt'],
  edit: [
    [
      { name: 'name', size: 6 },
      { name: 'slug', size: 6 },
    ],
    [{ name: 'description', size: 12 }],
    [{ name: 'articles', size: 12 }],
  ],
  fields: {
    name: { label: 'Name', description: 'In this language, e.g. Korea Utara / North Korea.' },
    slug: { label: 'Slug', description: 'The tag page URL in this language. Leave empty to derive it from the name.' },
    description: { label: 'Description', description: 'Optional introduction shown on the tag page.' },
    articles: { label: 'Articles', mainField: 'title', description: 'Set from the article (its Tags field).' },
    updatedAt: { label: 'Updated' },
  },
};
