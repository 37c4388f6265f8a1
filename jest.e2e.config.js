/**
 * The browser test (`npm run test:e2e`): builds the admin panel, seeds a
 * throwaway database, starts the real CMS and drives Chromium through it.
 * Kept apart from `npm test` because the build alone takes minutes.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  testTimeout: 900000,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/', '<rootDir>/build/', '<rootDir>/.tmp/'],
};
