import {
  ARTICLE_CARD_FIELDS,
  ARTICLE_CARD_POPULATE,
  ARTICLE_POPULATE,
  ARTICLE_VIEWS,
  mergePopulate,
  normalizePopulate,
} from '../../src/api-contract/public-populate';
import { selectView, viewNames } from '../../src/api-contract/public-view';
import { assertKnownLocale, assertPageSizeWithinLimit, withPublicDefaults } from '../../src/api-contract/public-query';

describe('mergePopulate: the client names keys, the defaults fill the rest', () => {
  it('gives the defaults when the client asks nothing or "*"', () => {
    for (const client of [undefined, '*', ['*'], true, 'true', '']) {
      expect(mergePopulate(ARTICLE_POPULATE, client)).toEqual(ARTICLE_POPULATE);
    }
  });

  it('lets a named key replace its default and keeps every other default', () => {
    const merged = mergePopulate(ARTICLE_POPULATE, { author: { fields: ['name'] } });
    expect(merged.author).toEqual({ fields: ['name'] });
    expect(merged.tags).toEqual(ARTICLE_POPULATE.tags);
    expect(Object.keys(merged).sort()).toEqual(Object.keys(ARTICLE_POPULATE).sort());
  });

  it('adds keys the defaults do not have and accepts the string and list forms', () => {
    expect(mergePopulate({ a: true }, 'b,c')).toEqual({ a: true, b: true, c: true });
    expect(mergePopulate({ a: { fields: ['x'] } }, ['a'])).toEqual({ a: true });
    expect(normalizePopulate(['a', 7, 'b'])).toEqual({ a: true, b: true });
  });
});

describe('public query checks', () => {
  it('knows id and en only', () => {
    expect(() => assertKnownLocale('id')).not.toThrow();
    expect(() => assertKnownLocale(undefined)).not.toThrow();
    expect(() => assertKnownLocale('fr')).toThrow('Unknown locale "fr": use one of id, en');
  });

  it('refuses page sizes above the maximum, zero, negative or not numbers', () => {
    expect(() => assertPageSizeWithinLimit({ pageSize: '100' }, { maxLimit: 100 })).not.toThrow();
    expect(() => assertPageSizeWithinLimit({ pageSize: '101' }, { maxLimit: 100 })).toThrow('at most 100');
    expect(() => assertPageSizeWithinLimit({ limit: -1 }, { maxLimit: 100 })).toThrow('at most 100');
    expect(() => assertPageSizeWithinLimit({ pageSize: 'lots' }, { maxLimit: 100 })).toThrow('positive integer');
    expect(() => assertPageSizeWithinLimit({ pageSize: 0 }, { maxLimit: 100 })).toThrow('positive integer');
  });

  it('adds the default sort only when the client gives none', () => {
    const limits = { maxLimit: 100 };
    expect(withPublicDefaults({}, { populate: {}, sort: ['firstPublishedAt:desc'], limits }).sort).toEqual([
      'firstPublishedAt:desc',
    ]);
    expect(
      withPublicDefaults({ sort: 'title:asc' }, { populate: {}, sort: ['firstPublishedAt:desc'], limits }).sort,
    ).toBe('title:asc');
  });
});

describe('article views', () => {
  const limits = { maxLimit: 100 };
  const sort = ['firstPublishedAt:desc'];

  it('without view (and with view=page) builds the query the page defaults built before views', () => {
    const query = { locale: 'en', fields: ['title'], populate: { author: { fields: ['name'] } }, sort: 'title:asc' };
    const before = withPublicDefaults(query, { populate: ARTICLE_POPULATE, sort, limits });
    expect(withPublicDefaults(query, { views: ARTICLE_VIEWS, sort, limits })).toEqual(before);
    expect(withPublicDefaults({ ...query, view: 'page' }, { views: ARTICLE_VIEWS, sort, limits })).toEqual(before);
  });

  it('view=card gives the card fields and population; the client fields and populate keys win', () => {
    const card = withPublicDefaults({ view: 'card', locale: 'id' }, { views: ARTICLE_VIEWS, sort, limits });
    expect(card).toEqual({ locale: 'id', fields: [...ARTICLE_CARD_FIELDS], populate: ARTICLE_CARD_POPULATE, sort });
    const own = withPublicDefaults(
      { view: 'card', fields: ['title'], populate: { body: 'true', cover: 'false' } },
      { views: ARTICLE_VIEWS, limits },
    );
    expect(own).toEqual({ fields: ['title'], populate: { ...ARTICLE_CARD_POPULATE, body: 'true', cover: 'false' } });
  });

  it('refuses anything but one view name, naming them', () => {
    expect(viewNames(ARTICLE_VIEWS)).toEqual(['card', 'page']);
    for (const bad of ['tiny', '', 'Card', 'toString', '__proto__']) {
      expect(() => selectView(ARTICLE_VIEWS, bad)).toThrow(`Unknown view "${bad}": use one of card, page`);
    }
    for (const bad of [['card'], ['card', 'page'], { a: 'card' }, null]) {
      expect(() => selectView(ARTICLE_VIEWS, bad)).toThrow('view must be given once, as one of card, page');
    }
  });
});
