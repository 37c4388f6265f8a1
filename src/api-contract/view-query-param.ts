import type { Core } from '@strapi/strapi';
import { ARTICLE_UID } from '../lib/uids';
import { ARTICLE_CARD_FIELDS, ARTICLE_VIEWS } from './public-populate';
import { viewNames } from './public-view';

/** The article reads that take `?view=`: the list, one by documentId, one by slug. */
export const ARTICLE_VIEW_HANDLERS: readonly string[] = ['find', 'findOne', 'findBySlug'].map(
  (action) => `${ARTICLE_UID}.${action}`,
);

const VIEW_DESCRIPTION =
  'Which shape of the article the answer takes. `page` (the default): the whole article page. ' +
  `\`card\`: what a list card shows — ${ARTICLE_CARD_FIELDS.join(', ')}, cover, author (name, slug), ` +
  'tags (name, slug); no body, SEO, sources, corrections, related links or localizations. ' +
  "The client's own `fields` and `populate` combine with the view as with the defaults.";

/**
 * Declares `view` on the article read routes (Strapi's `contentAPI.addQueryParams`,
 * merged into the routes' request schemas when they are registered), so the
 * generated OpenAPI document (GET /api/openapi.json) lists it with its values.
 * The controller validates, applies and removes it before Strapi reads the
 * query (src/api-contract/public-query.ts); call in `register()`.
 */
export const registerViewQueryParam = (strapi: Core.Strapi): void => {
  const [first, ...rest] = viewNames(ARTICLE_VIEWS);
  if (!first) throw new Error('ARTICLE_VIEWS has no view');
  strapi.contentAPI.addQueryParams({
    view: {
      schema: (z) =>
        z
          .enum([first, ...rest])
          .optional()
          .describe(VIEW_DESCRIPTION),
      // Route objects are modules' objects: a second app booted in the same process (tests do)
      // meets them with `view` already merged, which Strapi would refuse as a duplicate.
      matchRoute: (route) =>
        typeof route.handler === 'string' &&
        ARTICLE_VIEW_HANDLERS.includes(route.handler) &&
        !(route.request?.query && 'view' in route.request.query),
    },
  });
};
