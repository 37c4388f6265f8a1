import { errors } from '@strapi/utils';
import type { PublicView, PublicViews } from './public-populate';

/**
 * `?view=` of a public read: which of a type's views (public-populate.ts) the
 * answer takes. No `view` is the type's default view; anything but one of the
 * view names, once, is a client error naming them (a `view=tiny`, an empty
 * `view=`, a repeated `view=card&view=page`, a `view[x]=card`), so a typo is
 * never served silently as a whole page.
 */

/** The view names of a table, sorted: what an error message and the OpenAPI enum list. */
export const viewNames = <V extends string>(views: PublicViews<V>): V[] => (Object.keys(views.byName) as V[]).sort();

const isViewName = <V extends string>(views: PublicViews<V>, value: unknown): value is V =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(views.byName, value);

/** The view a request asks for, or a 400 saying which views exist. */
export const selectView = <V extends string>(views: PublicViews<V>, value: unknown): PublicView => {
  if (value === undefined) return views.byName[views.fallback];
  if (isViewName(views, value)) return views.byName[value];
  const allowed = viewNames(views);
  const message =
    typeof value === 'string'
      ? `Unknown view "${value}": use one of ${allowed.join(', ')}`
      : `view must be given once, as one of ${allowed.join(', ')}`;
  throw new errors.ValidationError(message, { view: value, allowed });
};
