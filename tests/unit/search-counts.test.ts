import { analyse, stemCounts } from '../../src/search/analyze';

/**
 * Stem counts start from zero for every word, including the names that a plain
 * object inherits (`constructor`, `toString`, `__proto__`): they once counted
 * from Object.prototype's function and stored `"function Object() { [native code] }1"`.
 */
describe('stem counts', () => {
  const text = 'constructor constructor toString valueOf hasOwnProperty __proto__';

  test.each(['en', 'id'] as const)('every count is a number, in %s', (locale) => {
    const counts = stemCounts(text, locale);
    expect(Object.values(counts).every((n) => typeof n === 'number')).toBe(true);
    expect(JSON.parse(JSON.stringify(counts))).toEqual(counts);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(6);
    expect(analyse(text, locale).counts).toEqual(counts);
  });

  test('a word repeated counts twice', () => {
    const counts = stemCounts('constructor constructor', 'en');
    expect(Object.entries(counts)).toEqual([[Object.keys(counts)[0], 2]]);
  });
});
