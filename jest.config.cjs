/**
 * Three projects: the backend on SQLite (node), the mini-program's pages in
 * miniprogram-simulate (jsdom), and the portal in headless Chromium (node, needs a built portal).
 */
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }];

// Tests that load the local server load @fastify/static 10, which needs content-disposition 3.
// That package ships only as an ES module, and jest on Node 20 cannot require one
// untransformed: swc turns it into CommonJS. (@fastify/static 8 avoids it, but 8.x is open
// to path-traversal advisories fixed only in 10.1.x.)
const withServer = {
  transform: { '^.+\\.ts$': swc, '/node_modules/content-disposition/.+\\.js$': swc },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
};

module.exports = {
  projects: [
    {
      displayName: 'backend',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/backend'],
      ...withServer,
      setupFilesAfterEnv: ['<rootDir>/tests/backend/timeout.setup.ts'],
    },
    // Pages in miniprogram-simulate (jsdom) against the backend in-process; its own file so
    // that it also runs alone: npx jest -c tests/miniprogram/jest.config.cjs
    '<rootDir>/tests/miniprogram/jest.config.cjs',
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests/e2e'],
      // The tests run the real server in-process.
      ...withServer,
      // The portal is built once per run, into a temp folder the teardown removes; jest 30 runs
      // a project's global setup only when one of its tests is in the run.
      globalSetup: '<rootDir>/tests/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/e2e/support/global-teardown.ts',
      // A 120 s timeout (each file starts a server and a browser). Set by a setup file: jest 30
      // accepts `testTimeout` in a project but still applies only the global one.
      setupFilesAfterEnv: ['<rootDir>/tests/e2e/timeout.setup.ts'],
    },
  ],
};
