import type { ViewDefinition } from './types';

/** The components used inside articles. */
export const componentViews: ViewDefinition[] = [
  {
    uid: 'content.source',
    kind: 'component',
    mainField: 'name',
    edit: [
      [
        { name: 'name', size: 4 },
        { name: 'relation', size: 4 },
        { name: 'url', size: 4 },
      ],
    ],
    fields: {
      name: { label: 'Agency or outlet', description: 'e.g. KCNA, Antara, Reuters.' },
      relation: {
        label: 'How it is used',
        description:
          'reported-by: "dilansir" (the story is based on its report); quoted-from: "dikutip dari" (quoted).',
      },
      url: { label: 'URL', description: 'Optional link to the source (http or https).' },
    },
  },
  {
    uid: 'content.correction',
    kind: 'component',
    mainField: 'kind',
    edit: [
      [
        { name: 'date', size: 4 },
        { name: 'kind', size: 4 },
      ],
      [{ name: 'text', size: 12 }],
    ],
    fields: {
      date: { label: 'Date', description: 'When the story was changed (shown to readers).' },
      kind: {
        label: 'Kind',
        description:
          'correction: a fact was wrong; update: news added since publication; clarification: wording that misled.',
      },
      text: {
        label: 'Note to readers',
        description: 'e.g. "An earlier version of this article said the drone flew 200 km; it flew 20 km."',
      },
    },
  },
  {
    uid: 'content.read-also',
    kind: 'component',
    fields: {
      link: {
        label: 'Link',
        mainField: 'title',
        description: 'The related link shown in the "Baca juga" / "Read also" box.',
      },
    },
  },
  {
    uid: 'content.rich-text',
    kind: 'component',
    fields: { body: { label: 'Text', description: 'One or more paragraphs.' } },
  },
  {
    uid: 'shared.seo',
    kind: 'component',
    mainField: 'metaTitle',
    edit: [
      [
        { name: 'metaTitle', size: 6 },
        { name: 'canonicalUrl', size: 6 },
      ],
      [
        { name: 'metaDescription', size: 6 },
        { name: 'shareImage', size: 6 },
      ],
    ],
    fields: {
      metaTitle: { label: 'Search title', description: 'Up to 70 characters; empty: the headline.' },
      metaDescription: { label: 'Search description', description: 'Up to 200 characters; empty: the standfirst.' },
      canonicalUrl: {
        label: 'Canonical URL',
        description: "Only when the story first appeared at another address; empty: this article's own URL.",
      },
      shareImage: { label: 'Share image', description: 'Image for social networks; empty: the cover photo.' },
    },
  },
];
