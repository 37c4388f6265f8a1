/**
 * Writes a synthetic WXR 1.2 export of `posts` posts (rich HTML, a category,
 * fifty tags, a comment each, a revision per ten posts), streamed to disk so
 * that a 100,000-post file costs no memory to make. It checks that the
 * importer's memory stays flat on a large export.
 *
 *   node dist/scripts/wordpress/generate-wxr.js --posts 100000 --out /tmp/big.xml [--enormous]
 *
 * `--enormous` adds one post whose HTML is over the importer's size limit.
 */
import fs from 'fs';
import { once } from 'events';

export type GenerateOptions = { posts: number; enormous?: boolean };

const cdata = (text: string): string => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const pad = (n: number): string => String(n).padStart(2, '0');
const wpDate = (d: Date): string =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

const HEAD = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Arsip Sintetis</title>
	<link>https://arsip.example</link>
	<language>id-ID</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:author><wp:author_login>${cdata('redaksi')}</wp:author_login><wp:author_email>${cdata('redaksi@arsip.example')}</wp:author_email><wp:author_display_name>${cdata('Redaksi Arsip')}</wp:author_display_name></wp:author>
	<wp:category><wp:category_nicename>${cdata('arsip')}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata('Arsip')}</wp:cat_name></wp:category>
`;

const post = (i: number): string => {
  const published = new Date(Date.UTC(2015, 0, 1) + i * 3_600_000);
  const local = new Date(published.getTime() + 7 * 3_600_000);
  const body = [
    `<!-- wp:heading --><h2>Bagian ${i}</h2><!-- /wp:heading -->`,
    `<!-- wp:paragraph --><p>Berita nomor <strong>${i}</strong> dari arsip, dengan <a href="https://arsip.example/${i}">tautan</a>.</p><!-- /wp:paragraph -->`,
    `<!-- wp:list --><ul><li>Butir satu</li><li>Butir <em>dua</em></li></ul><!-- /wp:list -->`,
    `<!-- wp:paragraph --><p>${'Kalimat pengisi untuk panjang artikel yang wajar. '.repeat(12)}</p><!-- /wp:paragraph -->`,
  ].join('\n');
  return `	<item>
		<title>${cdata(`Berita Arsip Nomor ${i}`)}</title>
		<dc:creator>${cdata('redaksi')}</dc:creator>
		<content:encoded>${cdata(body)}</content:encoded>
		<excerpt:encoded>${cdata(`Ringkasan berita ${i}.`)}</excerpt:encoded>
		<wp:post_id>${i}</wp:post_id>
		<wp:post_date>${cdata(wpDate(local))}</wp:post_date>
		<wp:post_date_gmt>${cdata(wpDate(published))}</wp:post_date_gmt>
		<wp:post_name>${cdata(`berita-arsip-nomor-${i}`)}</wp:post_name>
		<wp:status>${cdata('publish')}</wp:status>
		<wp:post_type>${cdata('post')}</wp:post_type>
		<category domain="category" nicename="arsip">${cdata('Arsip')}</category>
		<category domain="post_tag" nicename="${`topik-${i % 50}`}">${cdata(`Topik ${i % 50}`)}</category>
		<wp:comment><wp:comment_id>${i}</wp:comment_id><wp:comment_content>${cdata('<p>Komentar.</p>')}</wp:comment_content></wp:comment>
	</item>
`;
};

const revision = (i: number): string => `	<item>
		<title>${cdata(`Berita Arsip Nomor ${i}`)}</title>
		<wp:post_id>${1_000_000 + i}</wp:post_id>
		<wp:post_parent>${i}</wp:post_parent>
		<wp:status>${cdata('inherit')}</wp:status>
		<wp:post_type>${cdata('revision')}</wp:post_type>
		<content:encoded>${cdata('<p>Versi lama.</p>')}</content:encoded>
	</item>
`;

const enormous = (i: number): string => `	<item>
		<title>${cdata('Posting Raksasa')}</title>
		<content:encoded>${cdata(`<p>${'x'.repeat(2_100_000)}</p>`)}</content:encoded>
		<wp:post_id>${i}</wp:post_id>
		<wp:post_date_gmt>${cdata('2020-01-01 00:00:00')}</wp:post_date_gmt>
		<wp:post_name>${cdata('posting-raksasa')}</wp:post_name>
		<wp:status>${cdata('publish')}</wp:status>
		<wp:post_type>${cdata('post')}</wp:post_type>
	</item>
`;

/** Writes the export to `file`, awaiting the disk as it goes (memory stays flat). */
export const generateWxr = async (file: string, options: GenerateOptions): Promise<void> => {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(HEAD);
  for (let i = 1; i <= options.posts; i += 1) {
    await write(post(i));
    if (i % 10 === 0) await write(revision(i));
  }
  if (options.enormous) await write(enormous(options.posts + 1));
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
};

if (require.main === module) {
  const argv = process.argv.slice(2);
  const at = (flag: string): string | undefined => argv[argv.indexOf(flag) + 1];
  const posts = Number(at('--posts') ?? 1000);
  const file = at('--out');
  if (!file || !Number.isInteger(posts) || posts < 1) {
    console.error('usage: node dist/scripts/wordpress/generate-wxr.js --posts <n> --out <file> [--enormous]');
    process.exit(2);
  }
  generateWxr(file, { posts, enormous: argv.includes('--enormous') }).then(
    () => console.log(`wrote ${posts} posts to ${file}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
