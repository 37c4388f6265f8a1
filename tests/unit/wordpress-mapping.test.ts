import { htmlToBlocks, htmlToText } from '../../scripts/wordpress/html-to-blocks';
import { localeOf, parseWpDate, percentDecode, slugOf, timeZoneForOffset } from '../../scripts/wordpress/map';
import { uploadsPathOf } from '../../scripts/wordpress/media';

type Node = { type: string; text?: string; children?: Node[] };
const texts = (nodes: Node[]): string[] =>
  nodes.flatMap((n) => [...(n.type === 'text' ? [n.text as string] : []), ...texts(n.children ?? [])]);

describe('htmlToBlocks (WordPress post HTML → Strapi blocks)', () => {
  it('splits classic-editor text into paragraphs at blank lines, keeping <br> as a line break', () => {
    const { blocks } = htmlToBlocks('Satu\nbaris.\n\nDua<br />baris.');
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Satu baris.' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Dua\nbaris.' }] },
    ]);
  });

  it('keeps only links a blocks field accepts: javascript: becomes plain text', () => {
    const { blocks } = htmlToBlocks('<p><a href="javascript:alert(1)">klik</a> <a href="mailto:r@x.id">surel</a></p>');
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'klik ' },
          { type: 'link', url: 'mailto:r@x.id', children: [{ type: 'text', text: 'surel' }] },
        ],
      },
    ]);
  });

  it('leaves no tag in text, decodes entities once, and drops comments', () => {
    const html =
      '<!-- wp:paragraph --><p>A &lt;b&gt; tag &amp;amp; <span style="x">span</span><font>font</font></p><!-- /wp:paragraph -->';
    const { blocks, notes } = htmlToBlocks(html);
    expect(texts(blocks as Node[])).toEqual(['A <b> tag &amp; spanfont']);
    expect(notes).toEqual([]);
  });

  it('notes shortcodes, embeds and dropped elements', () => {
    const { notes } = htmlToBlocks(
      '[gallery ids="1"]<video src="https://v.example/a.mp4"></video><style>p{}</style><table><tr><td>a</td></tr></table>',
    );
    expect(notes).toEqual([
      'shortcode [gallery] kept as text',
      '<video> https://v.example/a.mp4 kept as a link',
      '<style> dropped',
      'table flattened to one paragraph per row',
    ]);
  });

  it('htmlToText strips tags and collapses whitespace', () => {
    expect(htmlToText('  Rupiah <em>menguat</em>\n &#8211; lagi ')).toBe('Rupiah menguat – lagi');
  });
});

describe('WXR field mapping', () => {
  it('reads WordPress dates as UTC, "0000-00-00 00:00:00" as none', () => {
    expect(parseWpDate('2024-01-15 03:30:00')?.toISOString()).toBe('2024-01-15T03:30:00.000Z');
    expect(parseWpDate('0000-00-00 00:00:00')).toBeNull();
    expect(parseWpDate('kemarin')).toBeNull();
  });

  it('names the site zone from its UTC offset', () => {
    expect(timeZoneForOffset(420)).toEqual({ zone: 'Asia/Jakarta' });
    expect(timeZoneForOffset(540)).toEqual({ zone: 'Asia/Jayapura' });
    expect(timeZoneForOffset(-300)).toEqual({ zone: 'Etc/GMT+5' });
    expect(timeZoneForOffset(330).note).toContain('330');
  });

  it('percent-decodes slugs, and slugifies what a CMS slug cannot hold', () => {
    const notes: string[] = [];
    expect(percentDecode('berita%20baru')).toBe('berita baru');
    expect(percentDecode('100%')).toBe('100%');
    expect(slugOf('harga~beras', 'x', notes)).toBe('harga~beras');
    expect(slugOf('kopi-caf%c3%a9', 'x', notes)).toBe('kopi-cafe');
    expect(slugOf('', 'Banjir di Bekasi', notes)).toBe('banjir-di-bekasi');
    expect(notes).toHaveLength(1);
  });

  it('maps language codes to CMS locales', () => {
    expect(['id-ID', 'in', 'en_US', 'de'].map(localeOf)).toEqual(['id', 'id', 'en', null]);
  });

  it('finds the path under wp-content/uploads of an upload URL', () => {
    expect(uploadsPathOf('https://s.example/wp-content/uploads/2024/01/a%20b.jpg')).toBe('2024/01/a b.jpg');
    expect(uploadsPathOf('https://cdn.example/img.jpg')).toBeNull();
  });
});
