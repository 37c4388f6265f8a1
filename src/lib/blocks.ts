/**
 * Pure helpers over Strapi "blocks" rich text (the JSON kept by a `blocks`
 * field) and the Article `body` dynamic zone: plain text for word counts and
 * change detection, and minimal, escaped HTML for feeds.
 */

export type BlockNode = {
  type?: string;
  text?: string;
  url?: string;
  level?: number;
  format?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
  image?: { url?: string; alternativeText?: string | null };
  children?: BlockNode[];
};

/** One entry of the Article body dynamic zone, as stored or as sent by a client. */
export type BodyEntry = { __component?: string; body?: unknown; [key: string]: unknown };

const isNodeList = (value: unknown): value is BlockNode[] => Array.isArray(value);

const BLOCK_TYPES = new Set(['paragraph', 'heading', 'list', 'list-item', 'quote', 'code', 'image']);

/** The text of blocks, one line per block, inline runs joined as written. */
export const blocksToText = (blocks: unknown): string => {
  if (!isNodeList(blocks)) return '';
  const walk = (nodes: BlockNode[]): string =>
    nodes
      .map((node) => {
        if (node.type === 'text' || (node.type === undefined && typeof node.text === 'string')) return node.text ?? '';
        const inner = isNodeList(node.children) ? walk(node.children) : '';
        return BLOCK_TYPES.has(node.type ?? '') ? `${inner}\n` : inner;
      })
      .join('');
  return walk(blocks).replace(/\n+$/, '');
};

/** The plain text of the rich-text entries of a body dynamic zone (read-also boxes are not story text). */
export const bodyToText = (body: unknown): string =>
  (Array.isArray(body) ? (body as BodyEntry[]) : [])
    .filter((entry) => entry && (entry.__component === undefined || entry.__component === 'content.rich-text'))
    .map((entry) => blocksToText(entry.body))
    .filter(Boolean)
    .join('\n');

export const countWords = (text: string): number => (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;

export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const safeHref = (url: string | undefined): string | null => {
  if (!url) return null;
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' || parsed.protocol === 'mailto:' ? url : null;
  } catch {
    return null;
  }
};

const inlineHtml = (nodes: BlockNode[]): string =>
  nodes
    .map((node) => {
      if (node.type === 'link') {
        const inner = inlineHtml(node.children ?? []);
        const href = safeHref(node.url);
        return href ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner;
      }
      let html = escapeHtml(node.text ?? '');
      if (node.code) html = `<code>${html}</code>`;
      if (node.bold) html = `<strong>${html}</strong>`;
      if (node.italic) html = `<em>${html}</em>`;
      if (node.underline) html = `<u>${html}</u>`;
      if (node.strikethrough) html = `<s>${html}</s>`;
      return html;
    })
    .join('');

const blockHtml = (node: BlockNode): string => {
  const children = node.children ?? [];
  switch (node.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(1, node.level ?? 2));
      return `<h${level}>${inlineHtml(children)}</h${level}>`;
    }
    case 'list': {
      const tag = node.format === 'ordered' ? 'ol' : 'ul';
      return `<${tag}>${children.map(blockHtml).join('')}</${tag}>`;
    }
    case 'list-item':
      return `<li>${inlineHtml(children)}</li>`;
    case 'quote':
      return `<blockquote>${inlineHtml(children)}</blockquote>`;
    case 'code':
      return `<pre><code>${inlineHtml(children)}</code></pre>`;
    case 'image': {
      const src = safeHref(node.image?.url);
      return src ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(node.image?.alternativeText ?? '')}">` : '';
    }
    default:
      return `<p>${inlineHtml(children)}</p>`;
  }
};

/** Escaped HTML of blocks: paragraphs, headings, lists, quotes, code, images and http(s) links only. */
export const blocksToHtml = (blocks: unknown): string => (isNodeList(blocks) ? blocks.map(blockHtml).join('') : '');

/** HTML of the rich-text entries of a body dynamic zone, in order. */
export const bodyToHtml = (body: unknown): string =>
  (Array.isArray(body) ? (body as BodyEntry[]) : [])
    .filter((entry) => entry && entry.__component === 'content.rich-text')
    .map((entry) => blocksToHtml(entry.body))
    .join('');
