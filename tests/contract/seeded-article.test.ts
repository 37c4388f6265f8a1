import fs from 'fs';
import path from 'path';
import type { AddressInfo } from 'net';
import { strapi as createClient } from '@strapi/client';
import { ROOT, startStrapi, type TestApp } from '../helpers/strapi';
import { gql } from '../helpers/graphql';
import { newsroomFixture, seedApp } from '../helpers/seed';
import { ARTICLE_PAGE, missingFields, project, toSelection } from '../helpers/contract-shape';
import type { ArticlePage } from '../../src/api-contract/types';

/**
 * The contract on the real seeded article (database/seed/newsroom.ts, the
 * MerahPutih.com story) in both locales, and the Frontend API
 * examples of docs/frontend-api.md run as written against it.
 */
type Json = Record<string, unknown>;
type Locale = 'id' | 'en';
const LOCALES: Locale[] = ['id', 'en'];
const other = (l: Locale): Locale => (l === 'id' ? 'en' : 'id');

const seeded = newsroomFixture.articles[0];
if (!seeded) throw new Error('the seed fixture has no article');
const slugOf = (l: Locale): string => String(seeded.locales[l].slug);

let app: TestApp;
let baseURL: string;

beforeAll(async () => {
  app = await startStrapi({ env: { OPENAPI_CACHE: 'false' } });
  await seedApp(app);
  const server = app.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.stop();
});

const rest = async (url: string): Promise<{ status: number; body: Json }> => {
  const res = await app.http().get(url);
  return { status: res.status, body: res.body as Json };
};
const one = (body: Json): Json => body.data as Json;

describe.each(LOCALES)('the seeded article in %s', (locale) => {
  it('is the same whole page from the list, the slug filter, the slug route, findOne and @strapi/client', async () => {
    const bySlug = await rest(`/api/articles/slug/${slugOf(locale)}?locale=${locale}`);
    expect(bySlug.status).toBe(200);
    const page = one(bySlug.body);
    expect(missingFields(page, ARTICLE_PAGE)).toEqual([]);

    const listed = (await rest(`/api/articles?locale=${locale}`)).body.data as Json[];
    expect(listed.find((a) => a.slug === slugOf(locale))).toEqual(page);
    const filtered = (await rest(`/api/articles?filters[slug][$eq]=${slugOf(locale)}&locale=${locale}`)).body
      .data as Json[];
    expect(filtered).toEqual([page]);
    expect(one((await rest(`/api/articles/${String(page.documentId)}?locale=${locale}`)).body)).toEqual(page);

    const client = createClient({ baseURL: `${baseURL}/api` });
    const found = await client.collection('articles').find({ filters: { slug: { $eq: slugOf(locale) } }, locale });
    expect(found.data as unknown as ArticlePage[]).toEqual([page]);
  });

  it('carries the story as seeded, with its language switcher', async () => {
    const a = one((await rest(`/api/articles/slug/${slugOf(locale)}?locale=${locale}`)).body) as unknown as ArticlePage;
    expect(a.title).toBe(seeded.locales[locale].title);
    expect(a.coverCaption).toBe(seeded.locales[locale].coverCaption);
    expect(a.coverCredit).toBe(seeded.coverCredit);
    expect(a.cover?.url).toMatch(/^\/uploads\//);
    expect(a.author?.slug).toBe(seeded.author);
    expect(a.tags.map((t) => t.locale)).toEqual(seeded.tags.map(() => locale));
    expect(a.tags).toHaveLength(seeded.tags.length);
    expect(a.body.map((b) => b.__component)).toEqual(['content.rich-text', 'content.read-also', 'content.rich-text']);
    expect(a.relatedLinks).toHaveLength(seeded.relatedLinks.length);
    expect(a.relatedLinks.every((l) => l.locale === locale)).toBe(true);
    expect(a.sources.map((s) => s.name)).toEqual(seeded.sources?.map((s) => s.name));
    expect(Date.parse(a.firstPublishedAt)).toBe(Date.parse(String(seeded.firstPublishedAt)));
    expect(a.localizations.map((l) => [l.locale, l.slug])).toEqual([[other(locale), slugOf(other(locale))]]);
  });

  it('is the same, field for field, over GraphQL', async () => {
    const res = await gql<{ articleBySlug: Json }>(
      app,
      `query($slug: String!, $locale: I18NLocaleCode) { articleBySlug(slug: $slug, locale: $locale) { ${toSelection(ARTICLE_PAGE)} } }`,
      { slug: slugOf(locale), locale },
    );
    expect(res.errors).toBeUndefined();
    const page = one((await rest(`/api/articles/slug/${slugOf(locale)}?locale=${locale}`)).body);
    expect(project(res.data?.articleBySlug, ARTICLE_PAGE)).toEqual(project(page, ARTICLE_PAGE));
    const text = JSON.stringify(res.data) + JSON.stringify(page);
    expect(text).not.toMatch(/"email"/);
  });
});

describe('the Frontend API examples (docs/frontend-api.md) run as written', () => {
  const section = fs.readFileSync(path.join(ROOT, 'docs', 'frontend-api.md'), 'utf8');
  const vars: Record<string, string> = {};
  for (const m of section.matchAll(/^(API|SLUG)=(\S+)$/gm)) vars[m[1] as string] = m[2] as string;

  it('every REST curl line answers 200 with data', async () => {
    const urls = [...section.matchAll(/^curl (?:-g )?"\$API(\/[^"]*)"$/gm)]
      .map((m) => m[1] as string)
      .filter((url) => !url.includes('$('))
      .map((url) => url.replace(/\$SLUG/g, vars.SLUG ?? '').replace(/\\\$/g, '$'));
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      const res = await rest(`/api${url}`);
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
      const data = res.body.data;
      expect({ url, empty: Array.isArray(data) ? data.length === 0 : !data }).toEqual({ url, empty: false });
    }
  });

  it('every GraphQL payload answers without errors and with data', async () => {
    const payloads = [...section.matchAll(/-d '(\{[\s\S]*?\})'/g)].map(
      (m) => JSON.parse(m[1] as string) as { query: string; variables?: Json },
    );
    expect(payloads.length).toBeGreaterThanOrEqual(3);
    for (const { query, variables } of payloads) {
      const res = await gql<Json>(app, query, variables ?? {});
      expect({ query, errors: res.errors }).toEqual({ query, errors: undefined });
      const values = Object.values(res.data ?? {});
      expect(values.every((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v)))).toBe(true);
    }
  });

  it('the page names the seeded slugs', () => {
    expect(vars.SLUG).toBe(slugOf('id'));
    expect(vars.API).toBe('http://localhost:1337/api');
  });
});
