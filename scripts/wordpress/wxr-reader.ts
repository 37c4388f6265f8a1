/**
 * A streaming reader of WordPress eXtended RSS (WXR 1.0–1.2, Tools → Export):
 * the file is read in chunks and parsed by saxes as it arrives, and each
 * record (the channel's authors, categories, tags and terms, then each item)
 * is handed out as soon as its closing tag is read, so memory holds one item
 * at a time whatever the size of the export. The text of an item's
 * `content:encoded` is capped (`maxContentChars`): past the cap the reader
 * keeps counting but stops storing, so one enormous post cannot exhaust memory.
 *
 * Element names are matched with the prefixes every WordPress export declares
 * (`wp:`, `content:`, `excerpt:`, `dc:`).
 */
import fs from 'fs';
import { SaxesParser } from 'saxes';

export type WxrTerm = { domain: string; nicename: string; name: string };

export type WxrItem = {
  /** 1-based line of the item's opening tag. */
  line: number;
  /** Child elements' text by name (`title`, `wp:post_id`, `wp:status`, …). */
  fields: Record<string, string>;
  /** `<category domain nicename>` terms: categories, tags, Polylang `language` and `post_translations`. */
  terms: WxrTerm[];
  /** `wp:postmeta` key → value (`_thumbnail_id`, `_wp_attached_file`, …). */
  meta: Record<string, string>;
  comments: number;
  /** Length of `content:encoded` in characters (also when it was too long to keep). */
  contentChars: number;
  /** True when `content:encoded` passed `maxContentChars` and was not kept. */
  contentTruncated: boolean;
};

export type WxrRecord =
  | { kind: 'channel'; field: string; value: string }
  | { kind: 'author' | 'category' | 'tag' | 'term'; fields: Record<string, string> }
  | { kind: 'item'; item: WxrItem };

export class WxrSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'WxrSyntaxError';
  }
}

export type ReadOptions = { maxContentChars?: number; chunkSize?: number };

const CHANNEL_RECORDS: Record<string, 'author' | 'category' | 'tag' | 'term'> = {
  'wp:author': 'author',
  'wp:category': 'category',
  'wp:tag': 'tag',
  'wp:term': 'term',
};
const CHANNEL_FIELDS = new Set(['title', 'link', 'description', 'language', 'wp:wxr_version', 'wp:base_site_url']);

/**
 * Reads `file`, yielding records in document order. Throws WxrSyntaxError
 * (with line and column, and the item it was in) on malformed XML.
 */
export async function* readWxr(file: string, options: ReadOptions = {}): AsyncGenerator<WxrRecord> {
  const maxContent = options.maxContentChars ?? 2_000_000;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const queue: WxrRecord[] = [];
  const stack: string[] = [];
  let error: Error | null = null;

  // The record being read: an item, or one of the channel's author/category/tag/term records.
  let item: WxrItem | null = null;
  let channelRecord: { kind: 'author' | 'category' | 'tag' | 'term'; fields: Record<string, string> } | null = null;
  let field: string | null = null;
  let buffer = '';
  let term: { domain: string; nicename: string } | null = null;
  let metaKey = '';
  let metaValue = '';
  let inComment = false;
  let lastItem = '';

  const parent = (): string | undefined => stack[stack.length - 2];

  parser.on('error', (e) => {
    error ??= new WxrSyntaxError(
      `malformed XML at line ${parser.line}, column ${parser.column + 1}${lastItem ? ` (${lastItem})` : ''}: ${e.message.replace(/^(?:.*?:)?\d+:\d+: /, '')}`,
      parser.line,
      parser.column + 1,
    );
  });
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    const name = tag.name;
    if (name === 'item' && parent() === 'channel') {
      item = {
        line: parser.line,
        fields: {},
        terms: [],
        meta: {},
        comments: 0,
        contentChars: 0,
        contentTruncated: false,
      };
      return;
    }
    if (item) {
      if (name === 'wp:comment' && parent() === 'item') {
        item.comments += 1;
        inComment = true;
        return;
      }
      if (inComment) return;
      if (parent() === 'item') {
        field = name;
        buffer = '';
        if (name === 'category') {
          const attr = (key: string): string => {
            const value = tag.attributes[key];
            return typeof value === 'string' ? value : '';
          };
          term = { domain: attr('domain'), nicename: attr('nicename') };
        }
      } else if (parent() === 'wp:postmeta' && (name === 'wp:meta_key' || name === 'wp:meta_value')) {
        field = name;
        buffer = '';
      }
      return;
    }
    if (parent() === 'channel' && CHANNEL_RECORDS[name]) {
      channelRecord = { kind: CHANNEL_RECORDS[name], fields: {} };
      return;
    }
    const inRecord = channelRecord !== null && CHANNEL_RECORDS[parent() ?? ''] !== undefined;
    if (inRecord || (channelRecord === null && parent() === 'channel')) {
      field = name;
      buffer = '';
    }
  });
  const onText = (text: string): void => {
    if (field === null || inComment) return;
    if (field === 'content:encoded' && item) {
      item.contentChars += text.length;
      if (item.contentChars > maxContent) {
        item.contentTruncated = true;
        buffer = '';
        return;
      }
    }
    buffer += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    const name = tag.name;
    stack.pop();
    const current = item as WxrItem | null;
    if (current) {
      if (name === 'item' && stack[stack.length - 1] === 'channel') {
        lastItem = `after item "${current.fields.title ?? ''}", id ${current.fields['wp:post_id'] ?? '?'}`;
        queue.push({ kind: 'item', item: current });
        item = null;
        return;
      }
      if (name === 'wp:comment' && inComment) {
        inComment = false;
        return;
      }
      if (inComment || field !== name) {
        if (name === 'wp:postmeta' && metaKey) {
          current.meta[metaKey] = metaValue;
          metaKey = '';
          metaValue = '';
        }
        return;
      }
      if (name === 'wp:meta_key') metaKey = buffer.trim();
      else if (name === 'wp:meta_value') metaValue = buffer;
      else if (name === 'category' && term) {
        current.terms.push({ ...term, name: buffer.trim() });
        term = null;
      } else current.fields[name] = buffer;
      field = null;
      return;
    }
    if (channelRecord) {
      if (stack[stack.length - 1] === 'channel') {
        queue.push(channelRecord);
        channelRecord = null;
      } else if (field === name) {
        channelRecord.fields[name] = buffer;
        field = null;
      }
      return;
    }
    if (field === name && stack[stack.length - 1] === 'channel' && CHANNEL_FIELDS.has(name)) {
      queue.push({ kind: 'channel', field: name, value: buffer.trim() });
    }
    field = null;
  });

  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: options.chunkSize ?? 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      parser.write(chunk);
      if (error) throw error;
      while (queue.length > 0) yield queue.shift() as WxrRecord;
    }
    parser.close();
    if (error) throw error;
    if (stack.length > 0) throw new WxrSyntaxError('malformed XML: the file ends inside an element', parser.line, 0);
    while (queue.length > 0) yield queue.shift() as WxrRecord;
  } finally {
    stream.destroy();
  }
}
