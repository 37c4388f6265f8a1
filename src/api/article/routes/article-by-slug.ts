/**
 * GET /api/articles/slug/:slug?locale=en — the article page by its slug.
 * It needs the same permission as the article list (`find`), so the Public
 * role reads it without a new grant and API tokens keep their preview rights.
 */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/articles/slug/:slug',
      handler: 'api::article.article.findBySlug',
      config: {
        auth: { scope: ['api::article.article.find'] },
      },
    },
  ],
};
