/**
 * Mini-program page tests: pages rendered by miniprogram-simulate in jsdom, talking to the
 * real backend in-process (only the transport is replaced). Run alone with
 * `npx jest -c tests/miniprogram/jest.config.cjs`, or as the `miniprogram` project of the root.
 */
const path = require('node:path');

const rootDir = path.resolve(__dirname, '../..');
const parser = (syntax) => ({ jsc: { target: 'es2022', parser: { syntax } } });

module.exports = {
  displayName: 'miniprogram',
  rootDir,
  testEnvironment: 'jsdom',
  // The backend runs in the same process: resolve its packages as Node does, not as a browser.
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
  roots: ['<rootDir>/tests/miniprogram'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/tests/miniprogram/support/global-setup.mjs',
  setupFilesAfterEnv: ['<rootDir>/tests/miniprogram/support/setup.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', parser('typescript')],
    // tdesign ships ES modules; they are copied out of node_modules, so they get transformed.
    '^.+\\.js$': ['@swc/jest', parser('ecmascript')],
  },
  moduleNameMapper: {
    // The tslib tdesign was built against (2.x), as the mini-program itself resolves it.
    '^tslib$':
      '<rootDir>/miniprogram/miniprogram_npm/tdesign-miniprogram/miniprogram_npm/tslib/index.js',
  },
};
