/**
 * A deterministic synthetic newsroom corpus (fixed seed): the same N always
 * gives the same authors, tags and articles, byte for byte.
 */
import type { BulkArticle, BulkRelatedLink } from '../src/lib/bulk-import';
import type { LocaleCode } from '../src/lib/locales';

export const CORPUS_SEED = 0x5eed2024;

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const ID_WORDS = [
  'pemerintah',
  'rakyat',
  'ekonomi',
  'banjir',
  'pemilu',
  'harga',
  'beras',
  'jalan',
  'sekolah',
  'presiden',
  'menteri',
  'kota',
  'desa',
  'pasar',
  'nelayan',
  'petani',
  'laut',
  'gunung',
  'hutan',
  'listrik',
  'kereta',
  'bandara',
  'rumah',
  'sakit',
  'dokter',
  'guru',
  'siswa',
  'polisi',
  'hakim',
  'sidang',
];
const EN_WORDS = [
  'government',
  'people',
  'economy',
  'flood',
  'election',
  'price',
  'rice',
  'road',
  'school',
  'president',
  'minister',
  'city',
  'village',
  'market',
  'fishers',
  'farmers',
  'sea',
  'mountain',
  'forest',
  'power',
  'train',
  'airport',
  'house',
  'hospital',
  'doctor',
  'teacher',
  'student',
  'police',
  'judge',
  'trial',
];

/** The words every title, excerpt and body is drawn from, the same pick in both locales (bench/search-queries.ts). */
export const VOCABULARY: Readonly<Record<LocaleCode, readonly string[]>> = { id: ID_WORDS, en: EN_WORDS };

export const AUTHOR_COUNT = 24;
export const TAG_COUNT = 120;

export type CorpusAuthor = Record<LocaleCode, { name: string; slug: string; jobTitle: string; bio: string }>;
export type CorpusTag = Record<LocaleCode, { name: string; slug: string; description: string }>;
/** An article whose author, tags and link targets are indexes, resolved to documentIds at import. */
export type CorpusArticle = Omit<BulkArticle, 'author' | 'tags' | 'relatedLinks' | 'cover'> & {
  author: number;
  tags: number[];
  relatedLinks: (Omit<BulkRelatedLink, 'target'> & { target?: number })[];
};

export type Corpus = { authors: CorpusAuthor[]; tags: CorpusTag[]; articles: CorpusArticle[] };

export const buildCorpus = (n: number, seed = CORPUS_SEED): Corpus => {
  const random = prng(seed);
  const int = (max: number): number => Math.floor(random() * max);
  const words = (count: number): [string, string] => {
    const picks = Array.from({ length: count }, () => int(ID_WORDS.length));
    return [picks.map((i) => ID_WORDS[i]).join(' '), picks.map((i) => EN_WORDS[i]).join(' ')];
  };
  const sentence = (count: number): [string, string] => {
    const [id, en] = words(count);
    return [`${id[0]?.toUpperCase()}${id.slice(1)}.`, `${en[0]?.toUpperCase()}${en.slice(1)}.`];
  };
  const paragraph = (sentences: number): [string, string] => {
    const parts = Array.from({ length: sentences }, () => sentence(8 + int(10)));
    return [parts.map((p) => p[0]).join(' '), parts.map((p) => p[1]).join(' ')];
  };

  const authors: CorpusAuthor[] = Array.from({ length: AUTHOR_COUNT }, (_, i) => {
    const name = `Penulis ${String(i + 1).padStart(2, '0')}`;
    const slug = `penulis-${i + 1}`;
    return {
      id: { name, slug, jobTitle: 'Jurnalis', bio: paragraph(2)[0] },
      en: { name, slug, jobTitle: 'Journalist', bio: paragraph(2)[1] },
    };
  });
  const tags: CorpusTag[] = Array.from({ length: TAG_COUNT }, (_, i) => {
    const [id, en] = words(2);
    return {
      id: { name: `${id} ${i + 1}`, slug: `topik-${i + 1}`, description: sentence(10)[0] },
      en: { name: `${en} ${i + 1}`, slug: `topic-${i + 1}`, description: sentence(10)[1] },
    };
  });

  // One article every ~53 minutes, newest last, from a fixed start.
  const start = Date.UTC(2020, 0, 1, 0, 0, 0);
  const articles: CorpusArticle[] = [];
  for (let i = 0; i < n; i += 1) {
    const [titleId, titleEn] = words(5 + int(5));
    const [excerptId, excerptEn] = paragraph(2);
    const paras = Array.from({ length: 5 }, () => paragraph(3 + int(3)));
    const tagSet = new Set<number>();
    // Skewed towards the first tags, as real coverage is.
    while (tagSet.size < 3) tagSet.add(Math.floor(TAG_COUNT * random() * random()));
    const [link1Id, link1En] = words(6);
    const [link2Id, link2En] = words(6);
    const relatedLinks: CorpusArticle['relatedLinks'] = [
      {
        kind: 'read-also',
        locales: { id: { title: `${link1Id} ${i}` }, en: { title: `${link1En} ${i}` } },
        // An article at least 100 places older: always in an earlier import batch.
        ...(i >= 100 ? { target: int(i - 99) } : { url: `https://example.org/news/${i}` }),
      },
      {
        kind: int(4) === 0 ? 'fact-check' : 'related',
        locales: {
          id: { title: `${link2Id} ${i}`, label: 'Berita Terkait' },
          en: { title: `${link2En} ${i}`, label: 'Related' },
        },
        url: `https://example.org/berita/${i}`,
      },
    ];
    const body = (locale: 0 | 1): CorpusArticle['locales']['id']['body'] => [
      { type: 'rich-text', paragraphs: paras.slice(0, 3).map((p) => p[locale]) },
      { type: 'read-also', link: 0 },
      { type: 'rich-text', paragraphs: paras.slice(3).map((p) => p[locale]) },
    ];
    articles.push({
      locales: {
        id: {
          title: `${titleId[0]?.toUpperCase()}${titleId.slice(1)} ${i + 1}`,
          excerpt: excerptId,
          coverCaption: `Foto ${titleId}`,
          body: body(0),
          seo: { metaTitle: titleId.slice(0, 60), metaDescription: excerptId.slice(0, 190) },
        },
        en: {
          title: `${titleEn[0]?.toUpperCase()}${titleEn.slice(1)} ${i + 1}`,
          excerpt: excerptEn,
          coverCaption: `Photo ${titleEn}`,
          body: body(1),
          seo: { metaTitle: titleEn.slice(0, 60), metaDescription: excerptEn.slice(0, 190) },
        },
      },
      firstPublishedAt: new Date(start + i * 53 * 60_000 + int(50) * 60_000).toISOString(),
      timeZone: 'Asia/Jakarta',
      coverCredit: 'ANTARA/Bench',
      author: int(AUTHOR_COUNT),
      tags: [...tagSet],
      relatedLinks,
      sources: [{ name: int(2) ? 'Antara' : 'KCNA', relation: int(2) ? 'reported-by' : 'quoted-from' }],
    });
  }
  return { authors, tags, articles };
};
