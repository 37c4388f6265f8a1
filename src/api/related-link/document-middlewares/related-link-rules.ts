import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { RELATED_LINK_UID } from '../../../lib/uids';

type Params = { data?: Record<string, unknown>; locale?: string; documentId?: string };

/** An absolute http(s) URL with a host, or a reason why not. */
export const urlProblem = (value: string): string | null => {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return `"${value}" is not an absolute URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `"${value}" must use http or https, not ${parsed.protocol.replace(':', '')}`;
  }
  if (!parsed.hostname) return `"${value}" has no host`;
  return null;
};

const hasRelationValue = (value: unknown): boolean => {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') {
    const v = value as { connect?: unknown[]; set?: unknown[]; documentId?: unknown; id?: unknown };
    if (Array.isArray(v.set)) return v.set.length > 0;
    if (Array.isArray(v.connect)) return v.connect.length > 0;
    return Boolean(v.documentId ?? v.id);
  }
  return true;
};

const disconnects = (value: unknown): boolean =>
  value === null ||
  (typeof value === 'object' &&
    value !== null &&
    ((Array.isArray((value as { set?: unknown[] }).set) && (value as { set: unknown[] }).set.length === 0) ||
      (Array.isArray((value as { disconnect?: unknown[] }).disconnect) &&
        (value as { disconnect: unknown[] }).disconnect.length > 0 &&
        !hasRelationValue(value))));

/**
 * A related link points to an article of this site (`target`) or to an external
 * http(s) `url`, never both; a link known only by its headline has neither.
 */
export const relatedLinkRules =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    if (ctx.uid !== RELATED_LINK_UID || (ctx.action !== 'create' && ctx.action !== 'update')) {
      return next();
    }
    const params = ctx.params as Params;
    const data = params.data ?? {};

    const url = typeof data.url === 'string' ? data.url.trim() : data.url;
    if (url !== undefined && url !== null && url !== '') {
      if (typeof url !== 'string') {
        throw new errors.ValidationError('url must be a string', { path: ['url'] });
      }
      const problem = urlProblem(url);
      if (problem) throw new errors.ValidationError(`url: ${problem}`, { path: ['url'] });
      data.url = url;
    }

    // What the document will hold after this write: the new value where one is
    // sent, the stored one otherwise.
    let willHaveUrl = typeof url === 'string' && url !== '';
    let willHaveTarget = hasRelationValue(data.target);
    if (ctx.action === 'update' && params.documentId) {
      const stored = await strapi.db.query(RELATED_LINK_UID).findOne({
        where: { documentId: params.documentId, locale: params.locale ?? undefined, publishedAt: null },
        populate: { target: { select: ['id'] } },
      });
      if (stored) {
        if (!('url' in data)) willHaveUrl = Boolean(stored.url);
        if (!('target' in data)) willHaveTarget = Boolean(stored.target);
        else if (!willHaveTarget && !disconnects(data.target)) willHaveTarget = Boolean(stored.target);
      }
    }
    if (willHaveUrl && willHaveTarget) {
      throw new errors.ValidationError(
        'A related link points either to an article of this site (target) or to an external URL (url), not both',
        { path: ['url'] },
      );
    }
    return next();
  };
