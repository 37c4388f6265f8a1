import type { Core, Modules } from '@strapi/strapi';
import { articlesOf, indexDocuments } from '../search/indexer';
import { typeOfUid } from '../search/sources';
import { publicWrite, type DocumentContext } from './public-write';

type Params = { documentId?: string };

/**
 * Keeps the search index current (src/search/): after every write of an
 * article, author or tag through the Document Service — the admin panel, the
 * REST and GraphQL APIs, the seed, scheduled publishing — the document's
 * index rows are rebuilt from its published versions, in the same
 * transaction as the write: the write and the index commit or roll back
 * together. Writes that change no published version (src/document-middlewares/public-write.ts)
 * are passed through untouched. A draft never reaches the index (only published versions are
 * read). An author's or tag's rename, unpublish or delete re-indexes the
 * articles that carry it (found before the write too, since a delete removes
 * the links).
 */
export const searchIndexMiddleware =
  (strapi: Core.Strapi): Modules.Documents.Middleware.Middleware =>
  async (ctx, next) => {
    const type = typeOfUid(ctx.uid);
    // A draft save, a draft-only create or a discard changes no published version: nothing to index.
    if (!type || publicWrite(ctx as unknown as DocumentContext) === 'none') return next();
    // The repository joins this transaction (strapi.db.transaction nests), so the write and the index are one unit.
    return strapi.db.transaction(async () => {
      const given = (ctx.params as Params).documentId;
      const carriedBefore = type !== 'articles' && given ? await articlesOf(strapi, type, [given]) : [];
      const result = await next();
      const written = result && typeof result === 'object' && !Array.isArray(result) ? result : null;
      const documentId = given ?? (written as { documentId?: string } | null)?.documentId;
      if (documentId) await indexDocuments(strapi, type, [documentId], { alsoArticles: carriedBefore });
      return result;
    });
  };
