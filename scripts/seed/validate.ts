import fs from 'fs';
import path from 'path';
import { urlProblem } from '../../src/api/related-link/document-middlewares/related-link-rules';
import { LOCALE_CODES } from '../../src/lib/locales';
import type { SeedFixture } from '../../database/seed/types';

/** Bad fixture data: names the record and the field. Nothing has been written. */
export class SeedFixtureError extends Error {
  constructor(
    readonly record: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`Invalid seed fixture: ${record}, field "${field}": ${problem}`);
    this.name = 'SeedFixtureError';
  }
}

const KINDS = new Set(['related', 'read-also', 'fact-check']);
const SOURCE_RELATIONS = new Set(['reported-by', 'quoted-from']);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type Check = (record: string, field: string, value: unknown) => void;

const text =
  (max: number, required = true): Check =>
  (record, field, value) => {
    if (value === undefined || value === null) {
      if (required) throw new SeedFixtureError(record, field, 'is missing');
      return;
    }
    if (typeof value !== 'string') throw new SeedFixtureError(record, field, `must be a string, got ${typeof value}`);
    if (required && value.trim() === '') throw new SeedFixtureError(record, field, 'is empty');
    if (value.length > max)
      throw new SeedFixtureError(record, field, `is ${value.length} characters long, at most ${max} allowed`);
  };

const slug: Check = (record, field, value) => {
  text(255)(record, field, value);
  if (!SLUG.test(value as string))
    throw new SeedFixtureError(record, field, `"${String(value)}" is not a slug (a-z, 0-9, "-")`);
};

const url: Check = (record, field, value) => {
  if (value === undefined) return;
  text(2048)(record, field, value);
  const problem = urlProblem(value as string);
  if (problem) throw new SeedFixtureError(record, field, problem);
};

const unique = (record: string, field: string, seen: Set<string>, key: string): void => {
  if (seen.has(key)) throw new SeedFixtureError(record, field, `"${key}" is used by another record`);
  seen.add(key);
};

const label = (value: string): string => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

/**
 * Checks a fixture completely before anything is written: required fields,
 * lengths (the schemas' limits), slugs, URLs, enumerations, dates, time zones
 * and that every natural key it refers to exists in the fixture. Throws a
 * SeedFixtureError naming the first bad record and field.
 */
export const validateFixture = (fixture: SeedFixture, appRoot: string): void => {
  const media = new Set<string>();
  fixture.media.forEach((m, i) => {
    const record = `media[${i}] "${m?.name ?? ''}"`;
    text(255)(record, 'name', m.name);
    unique(record, 'name', media, m.name);
    text(1024)(record, 'path', m.path);
    if (!fs.existsSync(path.resolve(appRoot, m.path)))
      throw new SeedFixtureError(record, 'path', `no file at ${m.path}`);
    text(255)(record, 'alternativeText', m.alternativeText);
    text(255, false)(record, 'caption', m.caption);
  });

  const authors = new Set<string>();
  fixture.authors.forEach((a, i) => {
    const record = `authors[${i}] "${a?.name ?? ''}"`;
    text(255)(record, 'name', a.name);
    slug(record, 'slug', a.slug);
    unique(record, 'slug', authors, a.slug);
    for (const locale of LOCALE_CODES) {
      text(255)(record, `jobTitle.${locale}`, a.jobTitle?.[locale]);
      if (a.bio) text(10000, false)(record, `bio.${locale}`, a.bio[locale]);
    }
  });

  const tagSlugs = new Map<string, Set<string>>(LOCALE_CODES.map((l) => [l, new Set<string>()]));
  fixture.tags.forEach((t, i) => {
    const record = `tags[${i}] "${t?.locales?.id?.name ?? ''}"`;
    for (const locale of LOCALE_CODES) {
      const version = t.locales?.[locale];
      if (!version) throw new SeedFixtureError(record, `locales.${locale}`, 'is missing');
      text(120)(record, `locales.${locale}.name`, version.name);
      slug(record, `locales.${locale}.slug`, version.slug);
      unique(record, `locales.${locale}.slug`, tagSlugs.get(locale) as Set<string>, version.slug);
      text(10000, false)(record, `locales.${locale}.description`, version.description);
    }
  });

  const links = new Map<string, string>();
  fixture.relatedLinks.forEach((l, i) => {
    const record = `relatedLinks[${i}] "${label(l?.locales?.id?.title ?? '')}"`;
    if (!KINDS.has(l.kind))
      throw new SeedFixtureError(record, 'kind', `"${String(l.kind)}" is not one of ${[...KINDS].join(', ')}`);
    for (const locale of LOCALE_CODES) {
      const version = l.locales?.[locale];
      if (!version) throw new SeedFixtureError(record, `locales.${locale}`, 'is missing');
      text(255)(record, `locales.${locale}.title`, version.title);
      text(80, false)(record, `locales.${locale}.label`, version.label);
    }
    url(record, 'url', l.url);
    if (links.has(l.locales.id.title))
      throw new SeedFixtureError(record, 'locales.id.title', 'is the headline of another related link');
    links.set(l.locales.id.title, l.kind);
  });

  const articleSlugs = new Map<string, Set<string>>(LOCALE_CODES.map((l) => [l, new Set<string>()]));
  fixture.articles.forEach((a, i) => {
    const record = `articles[${i}] "${label(a?.locales?.id?.title ?? a?.locales?.id?.slug ?? '')}"`;
    for (const locale of LOCALE_CODES) {
      const version = a.locales?.[locale];
      if (!version) throw new SeedFixtureError(record, `locales.${locale}`, 'is missing');
      text(255)(record, `locales.${locale}.title`, version.title);
      slug(record, `locales.${locale}.slug`, version.slug);
      unique(record, `locales.${locale}.slug`, articleSlugs.get(locale) as Set<string>, version.slug);
      text(600)(record, `locales.${locale}.excerpt`, version.excerpt);
      text(1000, false)(record, `locales.${locale}.coverCaption`, version.coverCaption);
    }
    if (!Array.isArray(a.body) || a.body.length === 0) throw new SeedFixtureError(record, 'body', 'is missing');
    a.body.forEach((block, b) => {
      if (block.type === 'rich-text') {
        for (const locale of LOCALE_CODES) {
          const paragraphs = block.paragraphs?.[locale];
          if (!Array.isArray(paragraphs) || paragraphs.length === 0) {
            throw new SeedFixtureError(record, `body[${b}].paragraphs.${locale}`, 'is missing');
          }
          paragraphs.forEach((p, n) => text(100000)(record, `body[${b}].paragraphs.${locale}[${n}]`, p));
        }
      } else if (block.type === 'read-also') {
        if (!links.has(block.link))
          throw new SeedFixtureError(
            record,
            `body[${b}].link`,
            `no related link with the headline "${label(block.link)}"`,
          );
      } else {
        throw new SeedFixtureError(
          record,
          `body[${b}].type`,
          `"${String((block as { type: unknown }).type)}" is not rich-text or read-also`,
        );
      }
    });
    if (a.cover !== undefined && !media.has(a.cover))
      throw new SeedFixtureError(record, 'cover', `no media named "${a.cover}"`);
    text(255, false)(record, 'coverCredit', a.coverCredit);
    if (a.author !== undefined && !authors.has(a.author))
      throw new SeedFixtureError(record, 'author', `no author with the slug "${a.author}"`);
    a.tags.forEach((t, n) => {
      if (!tagSlugs.get('id')?.has(t))
        throw new SeedFixtureError(record, `tags[${n}]`, `no tag with the id slug "${t}"`);
    });
    a.relatedLinks.forEach((t, n) => {
      if (!links.has(t))
        throw new SeedFixtureError(record, `relatedLinks[${n}]`, `no related link with the headline "${label(t)}"`);
    });
    a.sources.forEach((s, n) => {
      text(120)(record, `sources[${n}].name`, s.name);
      if (!SOURCE_RELATIONS.has(s.relation)) {
        throw new SeedFixtureError(
          record,
          `sources[${n}].relation`,
          `"${String(s.relation)}" is not reported-by or quoted-from`,
        );
      }
      url(record, `sources[${n}].url`, s.url);
    });
    text(64)(record, 'firstPublishedAt', a.firstPublishedAt);
    if (!/[zZ]|[+-]\d\d:\d\d$/.test(a.firstPublishedAt) || Number.isNaN(Date.parse(a.firstPublishedAt))) {
      throw new SeedFixtureError(
        record,
        'firstPublishedAt',
        `"${a.firstPublishedAt}" is not an ISO 8601 date-time with an offset`,
      );
    }
    text(64)(record, 'timeZone', a.timeZone);
    try {
      new Intl.DateTimeFormat('en', { timeZone: a.timeZone });
    } catch {
      throw new SeedFixtureError(record, 'timeZone', `"${a.timeZone}" is not an IANA time zone`);
    }
  });
};
