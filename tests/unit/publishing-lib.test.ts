import { toZonedIso } from '../../src/lib/time-zone';
import { articleUrl, mediaUrl, resolveSiteUrl } from '../../src/lib/urls';
import { blocksToHtml, bodyToText, countWords } from '../../src/lib/blocks';
import { readingTimeMinutes } from '../../src/lib/reading-time';
import { compareCandidates } from '../../src/services/related-articles';

describe('toZonedIso', () => {
  it('writes an instant with the offset of the article time zone', () => {
    expect(toZonedIso('2024-11-12T05:30:00.000Z', 'Asia/Jakarta')).toBe('2024-11-12T12:30:00+07:00');
    expect(toZonedIso('2024-11-12T20:00:00.000Z', 'Asia/Jakarta')).toBe('2024-11-13T03:00:00+07:00');
    expect(toZonedIso('2024-11-12T05:30:00.000Z', 'Asia/Makassar')).toBe('2024-11-12T13:30:00+08:00');
    expect(toZonedIso('2024-07-01T12:00:00.000Z', 'America/New_York')).toBe('2024-07-01T08:00:00-04:00');
    expect(toZonedIso('2024-07-01T12:00:00.000Z', 'UTC')).toBe('2024-07-01T12:00:00+00:00');
  });

  it('falls back to Asia/Jakarta for an unknown zone', () => {
    expect(toZonedIso('2024-11-12T05:30:00.000Z', 'Mars/Olympus')).toBe('2024-11-12T12:30:00+07:00');
  });
});

describe('urls', () => {
  it('prefers SITE_URL, then the stored setting, without trailing slash', () => {
    expect(resolveSiteUrl('https://stored.example/', 'https://env.example/')).toBe('https://env.example');
    expect(resolveSiteUrl('https://stored.example/', undefined)).toBe('https://stored.example');
    expect(resolveSiteUrl(null, '')).toBe('http://localhost:3000');
  });

  it('builds article and media URLs in one shape', () => {
    expect(articleUrl('https://merahputih.com', 'en', 'a b')).toBe('https://merahputih.com/en/a%20b');
    expect(mediaUrl('http://cms', '/uploads/x.png')).toBe('http://cms/uploads/x.png');
    expect(mediaUrl('http://cms', 'https://cdn.example/x.png')).toBe('https://cdn.example/x.png');
  });
});

describe('blocks', () => {
  const blocks = [
    { type: 'heading', level: 2, children: [{ type: 'text', text: 'Judul <b>' }] },
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Baca ', bold: true },
        { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'ini' }] },
        { type: 'text', text: ' & ' },
        { type: 'link', url: 'https://example.org/?a=1&b=2', children: [{ type: 'text', text: 'itu' }] },
      ],
    },
  ];

  it('renders escaped HTML and drops unsafe links', () => {
    expect(blocksToHtml(blocks)).toBe(
      '<h2>Judul &lt;b&gt;</h2><p><strong>Baca </strong>ini &amp; <a href="https://example.org/?a=1&amp;b=2">itu</a></p>',
    );
  });

  it('extracts the story text of rich-text entries only and counts words', () => {
    const body = [
      { __component: 'content.rich-text', body: blocks },
      { __component: 'content.read-also', link: 1 },
    ];
    expect(bodyToText(body)).toBe('Judul <b>\nBaca ini & itu');
    expect(countWords("Jum'at pagi, 12 November — rudal-rudal")).toBe(5);
  });

  it('rounds reading time up at 200 words a minute, 0 without text', () => {
    const para = (n: number) => [
      {
        __component: 'content.rich-text',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: Array(n).fill('w').join(' ') }] }],
      },
    ];
    expect(readingTimeMinutes('', [])).toBe(0);
    expect(readingTimeMinutes('satu', [])).toBe(1);
    expect(readingTimeMinutes('', para(200))).toBe(1);
    expect(readingTimeMinutes('a', para(200))).toBe(2);
  });
});

describe('compareCandidates', () => {
  it('orders by shared tags, then newest, then documentId', () => {
    const items = [
      { documentId: 'b', sharedTags: 1, firstPublishedAt: '2024-01-02T00:00:00Z' },
      { documentId: 'c', sharedTags: 2, firstPublishedAt: '2024-01-01T00:00:00Z' },
      { documentId: 'a', sharedTags: 1, firstPublishedAt: '2024-01-02T00:00:00Z' },
      { documentId: 'd', sharedTags: 1, firstPublishedAt: '2024-01-03T00:00:00Z' },
    ];
    expect([...items].sort(compareCandidates).map((i) => i.documentId)).toEqual(['c', 'd', 'a', 'b']);
    expect(
      [...items]
        .reverse()
        .sort(compareCandidates)
        .map((i) => i.documentId),
    ).toEqual(['c', 'd', 'a', 'b']);
  });
});
