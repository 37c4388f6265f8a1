/**
 * A child process for the kill-and-resume test (tests/int/bulk-import-resume.test.ts):
 * boots the compiled app (dist/) on the database of its DATABASE_* env and imports
 * the corpus of the JSON file given as argv[2] through the bulk path
 * (dist/src/lib/bulk-import.js), printing `[import] <n>` after each committed batch.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');

const main = async () => {
  const corpus = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const batchSize = Number(process.argv[3] ?? 5);
  const { createStrapi } = require('@strapi/strapi');
  const bulk = require(path.join(ROOT, 'dist', 'src', 'lib', 'bulk-import.js'));
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  const source = 'resume-test';
  const authors = await bulk.importTranslated(strapi, 'api::author.author', corpus.authors, { source });
  const tags = await bulk.importTranslated(strapi, 'api::tag.tag', corpus.tags, { source });
  process.stdout.write('[import] references\n');
  const articles = corpus.articles.map(({ author, tags: tagIndexes, ...article }) => ({
    ...article,
    author: authors[author],
    tags: tagIndexes.map((t) => tags[t]),
  }));
  await bulk.importArticles(strapi, articles, {
    source,
    batchSize,
    onProgress: (done) => process.stdout.write(`[import] ${done}\n`),
  });
  process.stdout.write('[import] done\n');
  await strapi.destroy();
};

main().then(
  () => process.exit(0),
  (error) => {
    console.error('[import] FAILED:', error);
    process.exit(1);
  },
);
