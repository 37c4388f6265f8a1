/**
 * The one rule of what a Document Service write changes for readers, shared by
 * everything derived from published content: the response cache
 * (src/cache/invalidation.ts) and the search index
 * (src/document-middlewares/search-index.ts).
 */
export type DocumentContext = {
  uid: string;
  action: string;
  params: { documentId?: unknown; locale?: unknown; status?: unknown };
  contentType: {
    options?: { draftAndPublish?: boolean };
    attributes: Record<string, { type: string; target?: string }>;
  };
};

/**
 * Does this Document Service action change what a public read returns? In
 * Strapi 5 a Draft & Publish `create`/`update` writes only the draft unless it
 * carries `status: 'published'` (the content API's default), and
 * `discardDraft` copies the published version onto the draft: nothing public
 * changes. A type without Draft & Publish (the site settings) changes public
 * data on every write.
 */
export const publicWrite = (ctx: DocumentContext): 'none' | 'document' | 'everything' => {
  const { action } = ctx;
  if (!['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft'].includes(action)) return 'none';
  if (!ctx.contentType.options?.draftAndPublish) return ctx.uid.startsWith('api::') ? 'everything' : 'none';
  if (action === 'discardDraft') return 'none';
  if (action === 'create' || action === 'update' || action === 'clone') {
    return ctx.params.status === 'published' ? 'document' : 'none';
  }
  return 'document';
};
