const path = require('path');

/**
 * On a second Node.js runtime (scripts/test-all.sh), native modules come from
 * the copy compiled for it (scripts/runtime/prepare-node.mjs); child processes
 * get the same mapping from scripts/runtime/native-modules.cjs.
 */
const native = process.env.NATIVE_MODULES_DIR;
const moduleNameMapper = native ? { '^better-sqlite3$': path.join(native, 'better-sqlite3') } : {};

/** Jest runs the TypeScript tests against the compiled app in dist/ (see tests/global-setup.ts). */
module.exports = {
  moduleNameMapper,
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  testTimeout: 180000,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/', '<rootDir>/build/', '<rootDir>/.tmp/'],
};
