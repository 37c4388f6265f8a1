/**
 * `firstPublishedAt`: Strapi's own attribute, stamped on the first publication
 * of each locale and kept by every re-publish. The project adds a guard
 * (src/document-middlewares/first-published-at.ts) so that an update can never
 * null it, which Strapi 5.54 does when the field is sent with an update.
 */
export default {
  future: {
    experimental_firstPublishedAt: true,
  },
};
