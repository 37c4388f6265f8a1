import { AUTHOR_UID } from '../lib/uids';
import type { ViewDefinition } from './types';

/** Authors: the byline. Name, slug, avatar and e-mail are shared by both languages. */
export const authorView: ViewDefinition = {
  uid: AUTHOR_UID,
  kind: 'contentType',
  mainField: 'name',
  defaultSortBy: 'name',
  defaultSortOrder: 'ASC',
  list: ['name', 'jobTitle', 'slug', 'updatedAt'],
  edit: [
    [
      { name: 'name', size: 6 },
      { name: 'slug', size: 6 },
    ],
    [
      { name: 'jobTitle', size: 6 },
      { name: 'email', size: 6 },
    ],
    [{ name: 'bio', size: 12 }],
    [{ name: 'avatar', size: 6 }],
    [{ name: 'articles', size: 12 }],
  ],
  fields: {
    name: { label: 'Name', description: 'As printed in the byline. Shared by both languages.' },
    slug: {
      label: 'Slug',
      description: 'The author page URL: {site}/{locale}/author/{slug}. Leave empty to derive it from the name.',
    },
    jobTitle: { label: 'Job title', description: 'In this language, e.g. Jurnalis / Journalist.' },
    bio: { label: 'Bio', description: 'A short biography in this language.' },
    avatar: { label: 'Photo' },
    email: { label: 'E-mail', description: 'Private: for the newsroom only, never in a public API response.' },
    articles: { label: 'Articles', mainField: 'title', description: 'Set from the article (its Author field).' },
    updatedAt: { label: 'Updated' },
  },
};
