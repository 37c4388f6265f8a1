/**
 * GET /api/search?q=…&locale=id|en[&type=articles,authors,tags][&page=1&pageSize=10]
 * Full-text search of the published content (src/search/). Public and
 * read-only: it serves published versions only, so it needs no role
 * permission (`auth: false`), like the other publishing outputs. Under /api,
 * so the response cache and the API's Cache-Control/ETag apply to it.
 */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/search',
      handler: 'api::search.search.find',
      config: { auth: false },
    },
  ],
};
