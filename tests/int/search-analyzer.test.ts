import path from 'path';
import { spawnSync } from 'child_process';
import { Client } from 'pg';
import { ROOT } from '../helpers/strapi';
import { PG } from '../helpers/test-database';
import { CORPUS_ARTICLES, CORPUS_AUTHORS, CORPUS_TAGS } from '../helpers/search-corpus';
import { analyse, forms, formsText, queryGroups, stem, stemCounts, stems, words } from '../../src/search/analyze';
import { ENGLISH_STOPWORDS } from '../../src/search/english-stopwords';
import { PG_CONFIG } from '../../src/search/index-writer';
import { snippetOf } from '../../src/search/snippet';
import { editDistance } from '../../src/search/correct';
import newsroomFixture from '../../database/seed/newsroom';
import type { LocaleCode } from '../../src/lib/locales';

/**
 * The search analyser (src/search/analyze.ts) is the one source of words for
 * both engines: SQLite's FTS5 indexes its stems, PostgreSQL stems its forms
 * with the `indonesian`/`english` configuration. This checks, on a PostgreSQL
 * server, that the two give the same stems for every word of the relevance
 * corpus and the seed article, and the same stop words; and the pure parts:
 * query words, snippets, edit distance.
 */
const reachable =
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'postgres-ready.mjs')], { encoding: 'utf8' }).status === 0;
if (!reachable)
  console.warn(`SKIPPED part of search-analyzer.test.ts: PostgreSQL not reachable at ${PG.host}:${PG.port}`);

const corpusText = (locale: LocaleCode): string => {
  const parts: string[] = [];
  for (const a of CORPUS_ARTICLES) parts.push(a[locale].title, a[locale].excerpt, ...a[locale].body);
  for (const a of CORPUS_AUTHORS) parts.push(a.name, a[locale].jobTitle, a[locale].bio);
  for (const t of CORPUS_TAGS) parts.push(t[locale]);
  parts.push(JSON.stringify(newsroomFixture));
  return parts.join(' ');
};

(reachable ? describe : describe.skip)('on PostgreSQL', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ ...PG, database: 'postgres' });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it.each(['id', 'en'] as const)('stems every corpus word as PostgreSQL does (%s)', async (locale) => {
    const all = [...new Set(words(corpusText(locale)).flatMap((w) => forms(w, locale)))];
    expect(all.length).toBeGreaterThan(300);
    const { rows } = await client.query<{ word: string; lexemes: string[] }>(
      'select w as word, tsvector_to_array(to_tsvector($1::regconfig, w)) as lexemes from unnest($2::text[]) w',
      [PG_CONFIG[locale], all],
    );
    const differences = rows
      .filter((r) => JSON.stringify(r.lexemes) !== JSON.stringify([stem(r.word, locale)]))
      .map((r) => `${r.word}: postgres ${JSON.stringify(r.lexemes)}, analyser ${stem(r.word, locale)}`);
    expect(differences).toEqual([]);
  });

  it("drops exactly PostgreSQL's English stop words", async () => {
    const { rows } = await client.query<{ word: string }>(
      "select w as word from unnest($1::text[]) w where to_tsvector('english', w) = ''::tsvector",
      [[...ENGLISH_STOPWORDS, 'president', 'news', 'pact']],
    );
    expect(new Set(rows.map((r) => r.word))).toEqual(ENGLISH_STOPWORDS);
  });
});

describe('the analyser', () => {
  it('restores the consonant a nasal prefix swallowed, so other forms meet', () => {
    const stemsOf = (w: string) => forms(w, 'id').map((f) => stem(f, 'id'));
    expect(stemsOf('menandatangani')).toContain(stem('ditandatangani', 'id'));
    expect(stemsOf('mengirim')).toContain(stem('dikirim', 'id'));
    expect(stemsOf('pengiriman')).toContain(stem('kiriman', 'id'));
  });

  it('turns full-text syntax into plain words', () => {
    const groups = queryGroups('"pakta" AND (korut OR -rusia) NEAR(x, 2) title:* ', 'id');
    expect(groups.map((g) => g.word)).toEqual(['pakta', 'and', 'korut', 'or', 'rusia', 'near', 'x', '2', 'title']);
    expect(groups.every((g) => !g.prefix)).toBe(true);
    expect(queryGroups('kereta cep', 'id').map((g) => g.prefix)).toEqual([false, true]);
    expect(queryGroups('Kim Jong Un', 'id').map((g) => g.prefix)).toEqual([false, false, false]);
    expect(queryGroups('the AND or', 'en')).toEqual([]);
  });

  it('marks matched words and escapes everything else in snippets', () => {
    const groups = queryGroups('pakta', 'id');
    const html = snippetOf('<b>Pakta</b> & "pakta-pakta" baru <script>', groups, 'id');
    expect(html).toBe(
      '&lt;b&gt;<mark>Pakta</mark>&lt;/b&gt; &amp; &quot;<mark>pakta</mark>-<mark>pakta</mark>&quot; baru &lt;script&gt;',
    );
    expect(snippetOf('tidak ada', groups, 'id')).toBeNull();
  });

  it.each(['id', 'en'] as const)(
    'analyses a field in one pass into what the separate functions give (%s)',
    (locale) => {
      const texts = [
        corpusText(locale),
        'Menandatangani mengirim pengiriman menandatangani: the THE 2024 Pakta pakta, ditandatangani Über-façade',
        '',
      ];
      for (const text of texts) {
        const analysis = analyse(text, locale);
        // Same object, same key order: the `terms` JSON stays byte for byte what it was.
        expect(JSON.stringify(analysis.counts)).toBe(JSON.stringify(stemCounts(text, locale)));
        expect(analysis.stemsText).toBe(stems(text, locale).join(' '));
        expect(analysis.formsText).toBe(formsText(text, locale));
        // Each word with forms, once, then the stems of its forms (the writer drops the repeats across words).
        const expected: { kind: string; term: string }[] = [];
        const found = new Set<string>();
        for (const word of words(text)) {
          const wordForms = forms(word, locale);
          if (wordForms.length === 0 || found.has(word)) continue;
          found.add(word);
          expected.push({ kind: 'w', term: word }, ...wordForms.map((f) => ({ kind: 's', term: stem(f, locale) })));
        }
        expect(analysis.vocabulary).toEqual(expected);
      }
    },
  );

  it('measures edit distance with transpositions', () => {
    expect(editDistance('kebakaarn', 'kebakaran', 2)).toBe(1);
    expect(editDistance('presidn', 'presiden', 1)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
