/**
 * Public publishing outputs of articles under /api (content API), handled by
 * the publishing controller (src/api/publishing/). They are read-only and
 * serve published content only, so they need no role permission (`auth: false`):
 * the Public role's permissions stay exactly find/findOne on the content types.
 * The feeds and sitemaps live at the site root: see src/bootstrap/publishing-routes.ts.
 */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/articles/slug/:slug/json-ld',
      handler: 'api::publishing.publishing.jsonLd',
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/articles/slug/:slug/related',
      handler: 'api::publishing.publishing.related',
      config: { auth: false },
    },
    {
      method: 'GET',
      path: '/articles/translations/missing',
      handler: 'api::publishing.publishing.missingTranslations',
      config: { auth: false },
    },
  ],
};
