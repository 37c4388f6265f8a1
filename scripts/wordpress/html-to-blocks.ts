/**
 * WordPress post HTML → Strapi 5 "blocks" rich text (the JSON of a `blocks`
 * field), through htmlparser2's DOM: paragraphs, headings, lists, quotes, code,
 * links and bold/italic/underline/strikethrough/code marks. Images come out as
 * `image-ref` placeholders (the source URL and alt text): Strapi's blocks
 * validator wants a whole media-library file in an image node, so the writer
 * turns each placeholder into an image node once the file is uploaded, or into
 * a link to the original URL (write.ts).
 *
 * Gutenberg block comments (`<!-- wp:paragraph -->`) are dropped with every
 * other comment. Classic-editor content has no `<p>`: its paragraphs are the
 * blank lines WordPress's wpautop() turns into paragraphs, and they are split
 * the same way. Shortcodes stay as text (a `[caption]` wrapper is unwrapped);
 * iframes, video, audio and embeds become a link; tables become one paragraph
 * per row; scripts and styles are dropped. Each of these adds a note, so the
 * import report can say what was not carried over as it was.
 */
import { DomUtils, parseDocument } from 'htmlparser2';

type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;

export type Marks = { bold?: true; italic?: true; underline?: true; strikethrough?: true; code?: true };
export type TextNode = { type: 'text'; text: string } & Marks;
export type LinkNode = { type: 'link'; url: string; children: TextNode[] };
export type InlineNode = TextNode | LinkNode;
export type ListItemNode = { type: 'list-item'; children: InlineNode[] };
export type ListNode = { type: 'list'; format: 'ordered' | 'unordered'; children: (ListItemNode | ListNode)[] };
/** An image of the post, before its file is found: resolved by the writer. */
export type ImageRef = { type: 'image-ref'; src: string; alt: string };
export type RichBlock =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: InlineNode[] }
  | { type: 'quote'; children: InlineNode[] }
  | { type: 'code'; children: TextNode[] }
  | ListNode
  | ImageRef;

export type Conversion = { blocks: RichBlock[]; notes: string[] };

const MARK_TAGS: Record<string, keyof Marks> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  del: 'strikethrough',
  strike: 'strikethrough',
  code: 'code',
  kbd: 'code',
  samp: 'code',
};
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'form', 'input', 'button', 'select', 'textarea']);
const EMBEDS = new Set(['iframe', 'video', 'audio', 'embed', 'object']);
const HEADINGS: Record<string, 1 | 2 | 3 | 4 | 5 | 6> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/** Elements whose content is a run of text in the block around them. */
const INLINE = new Set([
  'span',
  'a',
  'sub',
  'sup',
  'small',
  'big',
  'mark',
  'abbr',
  'acronym',
  'cite',
  'q',
  'time',
  'label',
  'font',
  'var',
  'dfn',
  'bdi',
  'bdo',
  'data',
  ...Object.keys(MARK_TAGS),
]);
/** A shortcode's opening or closing tag in text: `[gallery ids="1,2"]`, `[/caption]`. */
const SHORTCODE = /\[(\/?)([A-Za-z][\w-]*)((?:\s[^\]]*)?)\]/g;
/** Shortcodes that only wrap their content: the tags go, the content stays. */
const UNWRAPPED_SHORTCODES = new Set(['caption', 'wp_caption']);

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** A link target the blocks validator accepts (http, https, ftp, mailto, tel, or a path). */
const safeLinkUrl = (href: string): string | null => {
  const url = href.trim();
  if (url === '') return null;
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    return ['http:', 'https:', 'ftp:', 'mailto:', 'tel:'].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
};

class Converter {
  readonly blocks: RichBlock[] = [];
  readonly notes = new Set<string>();
  /** The inline run being collected: the current paragraph's, or a heading's, list item's or quote's. */
  private inline: InlineNode[] = [];
  /** Blocks met inside a heading, list item or quote (an image): emitted after it. */
  private deferred: RichBlock[] = [];
  private nested = 0;

  convert(html: string): Conversion {
    const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
    this.flow(doc.children);
    this.flush();
    return { blocks: this.blocks, notes: [...this.notes] };
  }

  private emit(block: RichBlock): void {
    if (this.nested > 0) this.deferred.push(block);
    else this.blocks.push(block);
  }

  /** Ends the current paragraph (if it has any text). */
  private flush(): void {
    if (this.nested > 0) return;
    const children = tidy(this.inline);
    this.inline = [];
    if (children.length === 0) return;
    const only = children.length === 1 ? children[0] : undefined;
    // A URL alone in its paragraph is a WordPress auto-embed (oEmbed): kept as a link.
    if (only?.type === 'text' && isHttpUrl(only.text.trim()) && !/\s/.test(only.text.trim())) {
      const url = only.text.trim();
      this.notes.add(`embed ${url} kept as a link`);
      this.blocks.push({
        type: 'paragraph',
        children: [{ type: 'link', url, children: [{ type: 'text', text: url }] }],
      });
      return;
    }
    this.blocks.push({ type: 'paragraph', children });
  }

  /** Collects the inline content of `nodes` on its own, for a heading, a list item or a quote. */
  private collect(nodes: DomNode[], separateBlocks = false): InlineNode[] {
    const saved = this.inline;
    this.inline = [];
    this.nested += 1;
    for (const node of nodes) {
      const block = DomUtils.isTag(node) && (node.name === 'cite' || !INLINE.has(node.name));
      if (separateBlocks && block && this.inline.length > 0) this.text('\n', {}, null, false);
      this.visit(node, {}, null, false);
    }
    this.nested -= 1;
    const collected = tidy(this.inline);
    this.inline = saved;
    return collected;
  }

  private emitDeferred(): void {
    if (this.nested > 0) return;
    this.blocks.push(...this.deferred);
    this.deferred = [];
  }

  private flow(nodes: DomNode[]): void {
    for (const node of nodes) this.visit(node, {}, null, true);
  }

  private text(data: string, marks: Marks, link: LinkNode | null, flow: boolean): void {
    // Classic-editor paragraphs are separated by blank lines (wpautop).
    const parts = flow ? data.split(/\n[ \t\r]*\n/) : [data];
    parts.forEach((part, i) => {
      if (i > 0) this.flush();
      for (const piece of this.shortcodes(part)) {
        const node: TextNode = { type: 'text', text: piece, ...marks };
        if (link) {
          if (!this.inline.includes(link)) {
            // A link split by a paragraph break starts again in the new paragraph.
            link.children = [];
            this.inline.push(link);
          }
          link.children.push(node);
        } else this.inline.push(node);
      }
    });
  }

  /** Unwraps `[caption]`, keeps other shortcodes as text, and notes each. */
  private shortcodes(text: string): string[] {
    const pieces: string[] = [];
    let last = 0;
    for (const match of text.matchAll(SHORTCODE)) {
      const name = (match[2] as string).toLowerCase();
      if (match[1] === '')
        this.notes.add(`shortcode [${name}] ${UNWRAPPED_SHORTCODES.has(name) ? 'unwrapped' : 'kept as text'}`);
      if (!UNWRAPPED_SHORTCODES.has(name)) continue;
      pieces.push(text.slice(last, match.index));
      last = (match.index ?? 0) + match[0].length;
    }
    pieces.push(text.slice(last));
    return pieces.filter((p) => p !== '');
  }

  private visit(node: DomNode, marks: Marks, link: LinkNode | null, flow: boolean): void {
    if (DomUtils.isText(node)) return this.text(node.data, marks, link, flow);
    if (DomUtils.isCDATA(node)) return node.children.forEach((c) => this.visit(c, marks, link, flow));
    if (!DomUtils.isTag(node)) return; // comments (Gutenberg block delimiters), directives
    const name = node.name;
    const kids = node.children;

    if (DROPPED.has(name)) {
      this.notes.add(`<${name}> dropped`);
      return;
    }
    if (name === 'br') return this.text('\n', marks, link, false);
    if (name === 'img') return this.image(node);
    if (EMBEDS.has(name)) return this.embed(node);
    if (name in MARK_TAGS) {
      const mark = MARK_TAGS[name] as keyof Marks;
      return kids.forEach((c) => this.visit(c, { ...marks, [mark]: true }, link, false));
    }
    if (name === 'a') {
      const url = safeLinkUrl(node.attribs.href ?? '');
      const inner = link ?? (url ? ({ type: 'link', url, children: [] } satisfies LinkNode) : null);
      return kids.forEach((c) => this.visit(c, marks, inner, false));
    }
    if (INLINE.has(name)) return kids.forEach((c) => this.visit(c, marks, link, false));

    // Block-level from here on.
    const level = HEADINGS[name];
    if (level) {
      this.flush();
      const children = this.collect(kids);
      if (children.length > 0) this.emit({ type: 'heading', level, children });
      return this.emitDeferred();
    }
    if (name === 'ul' || name === 'ol') {
      this.flush();
      const list = this.list(node);
      if (list.children.length > 0) this.emit(list);
      return this.emitDeferred();
    }
    if (name === 'blockquote') {
      this.flush();
      const children = this.collect(kids, true);
      if (children.length > 0) this.emit({ type: 'quote', children });
      return this.emitDeferred();
    }
    if (name === 'pre') {
      this.flush();
      const text = DomUtils.textContent(node).replace(/\n$/, '');
      if (text.trim() !== '') this.emit({ type: 'code', children: [{ type: 'text', text }] });
      return;
    }
    if (name === 'table') {
      this.flush();
      this.notes.add('table flattened to one paragraph per row');
      for (const row of DomUtils.getElementsByTagName('tr', node.children)) {
        const cells = row.children.filter(DomUtils.isTag).map((cell) => collapse(DomUtils.textContent(cell)).trim());
        const text = cells.filter(Boolean).join(' | ');
        if (text) this.emit({ type: 'paragraph', children: [{ type: 'text', text }] });
      }
      return;
    }
    if (name === 'hr') return this.flush();
    // p, div, figure, figcaption, section, dl, … and unknown elements: a container of paragraphs.
    this.flush();
    for (const child of kids) this.visit(child, marks, link, true);
    this.flush();
  }

  private list(node: DomElement): ListNode {
    const list: ListNode = { type: 'list', format: node.name === 'ol' ? 'ordered' : 'unordered', children: [] };
    for (const item of node.children) {
      if (!DomUtils.isTag(item)) continue;
      if (item.name === 'ul' || item.name === 'ol') {
        list.children.push(this.list(item));
        continue;
      }
      const sublists = item.children.filter(
        (c): c is DomElement => DomUtils.isTag(c) && (c.name === 'ul' || c.name === 'ol'),
      );
      const children = this.collect(item.children.filter((c) => !sublists.includes(c as DomElement)));
      list.children.push({
        type: 'list-item',
        children: children.length > 0 ? children : [{ type: 'text', text: '' }],
      });
      for (const sub of sublists) list.children.push(this.list(sub));
    }
    return list;
  }

  private image(node: DomElement): void {
    const src = (node.attribs.src ?? '').trim();
    if (!src) return;
    this.flush();
    this.emit({ type: 'image-ref', src, alt: node.attribs.alt ?? '' });
  }

  private embed(node: DomElement): void {
    const source = DomUtils.getElementsByTagName('source', node.children)[0];
    const src = (node.attribs.src ?? node.attribs.data ?? source?.attribs.src ?? '').trim();
    const url = safeLinkUrl(src);
    this.notes.add(`<${node.name}> ${url ?? '(no URL)'} kept as a link`);
    if (!url) return;
    this.flush();
    this.emit({ type: 'paragraph', children: [{ type: 'link', url, children: [{ type: 'text', text: url }] }] });
  }
}

const collapse = (text: string): string => text.replace(/[ \t\r\n\f]+/g, ' ');

/**
 * Whitespace as a browser shows it: runs collapsed to one space (a `<br>` stays
 * a line break), none at the start or end of the block; empty runs and empty
 * links dropped, neighbouring runs with the same marks merged.
 */
const tidy = (nodes: InlineNode[]): InlineNode[] => {
  const out: InlineNode[] = [];
  const textOf = (n: InlineNode) => (n.type === 'text' ? n : null);
  for (const node of nodes) {
    if (node.type === 'link') {
      const children = node.children
        .map((c) => ({ ...c, text: c.text === '\n' ? '\n' : collapse(c.text) }))
        .filter((c) => c.text !== '');
      if (children.length > 0) out.push({ ...node, children });
      continue;
    }
    const text = node.text === '\n' ? '\n' : collapse(node.text);
    if (text === '') continue;
    const prev = out.length > 0 ? textOf(out[out.length - 1] as InlineNode) : null;
    if (prev && sameMarks(prev, node)) prev.text += text;
    else out.push({ ...node, text });
  }
  // Trim the block's edges and the spaces around line breaks.
  for (const node of out) {
    for (const t of node.type === 'text' ? [node] : node.children) t.text = t.text.replace(/ ?\n ?/g, '\n');
  }
  const edge = (node: InlineNode | undefined, trim: (s: string) => string): void => {
    if (!node) return;
    const target = node.type === 'text' ? node : node.children[node.children.length - 1];
    if (target) target.text = trim(target.text);
  };
  const first = out[0];
  if (first) {
    const target = first.type === 'text' ? first : first.children[0];
    if (target) target.text = target.text.replace(/^[\s]+/, '');
  }
  edge(out[out.length - 1], (s) => s.replace(/[\s]+$/, ''));
  return out.filter((n) => (n.type === 'text' ? n.text !== '' : n.children.some((c) => c.text !== '')));
};

const MARK_KEYS: (keyof Marks)[] = ['bold', 'italic', 'underline', 'strikethrough', 'code'];
const sameMarks = (a: TextNode, b: TextNode): boolean => MARK_KEYS.every((k) => a[k] === b[k]);

/** Converts one post's HTML. Pure: no I/O. */
export const htmlToBlocks = (html: string): Conversion => new Converter().convert(html);

/** The plain text of an HTML fragment (titles, excerpts): tags gone, entities decoded, whitespace collapsed. */
export const htmlToText = (html: string): string =>
  collapse(DomUtils.textContent(parseDocument(html, { decodeEntities: true }).children)).trim();
