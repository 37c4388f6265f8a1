import type { Schema, Struct } from '@strapi/strapi';

export interface ContentCorrection extends Struct.ComponentSchema {
  collectionName: 'components_content_corrections';
  info: {
    description: 'A dated note on a change to a published story: a correction of a fact, an update with news, or a clarification.';
    displayName: 'Correction';
    icon: 'pencil';
  };
  attributes: {
    date: Schema.Attribute.DateTime & Schema.Attribute.Required;
    kind: Schema.Attribute.Enumeration<['correction', 'update', 'clarification']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'correction'>;
    text: Schema.Attribute.Text &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2000;
      }>;
  };
}

export interface ContentReadAlso extends Struct.ComponentSchema {
  collectionName: 'components_content_read_alsos';
  info: {
    description: 'A "Baca juga" / "Read also" box placed between paragraphs, pointing to a related link.';
    displayName: 'Read also';
    icon: 'link';
  };
  attributes: {
    link: Schema.Attribute.Relation<'oneToOne', 'api::related-link.related-link'>;
  };
}

export interface ContentRichText extends Struct.ComponentSchema {
  collectionName: 'components_content_rich_texts';
  info: {
    description: 'One or more paragraphs of the story.';
    displayName: 'Rich text';
    icon: 'paragraph';
  };
  attributes: {
    body: Schema.Attribute.Blocks & Schema.Attribute.Required;
  };
}

export interface ContentSource extends Struct.ComponentSchema {
  collectionName: 'components_content_sources';
  info: {
    description: 'A wire agency or outlet the story cites, and how: reported by (dilansir) or quoted from (dikutip dari).';
    displayName: 'Source';
    icon: 'quote';
  };
  attributes: {
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    relation: Schema.Attribute.Enumeration<['reported-by', 'quoted-from']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'reported-by'>;
    url: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
  };
}

export interface SharedSeo extends Struct.ComponentSchema {
  collectionName: 'components_shared_seos';
  info: {
    description: 'What search engines and social networks show. Empty fields fall back to the title, standfirst and cover.';
    displayName: 'SEO';
    icon: 'search';
  };
  attributes: {
    canonicalUrl: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
    metaDescription: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    metaTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 70;
      }>;
    shareImage: Schema.Attribute.Media<'images'>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'content.correction': ContentCorrection;
      'content.read-also': ContentReadAlso;
      'content.rich-text': ContentRichText;
      'content.source': ContentSource;
      'shared.seo': SharedSeo;
    }
  }
}
