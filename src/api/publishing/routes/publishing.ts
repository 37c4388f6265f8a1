/**
 * Public publishing outputs under /api (content API). They are read-only and
 * serve published content only, so they need no role permission (`auth: false`):
 * the Public role's permissions stay exactly find/findOne on the content types.
 * The feeds and sitemaps live at the site root: see src/bootstrap/publishing-routes.ts.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/slug/:slug/json-ld',
      handler: 'publishing.jsonLd',
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/articles/slug/:slug/related',
      handler: 'publishing.related',
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/articles/translations/missing',
      handler: 'publishing.missingTranslations',
      config: { auth: false },
    },
  ],
};
