// Each e2e file starts the server and a browser: give each test and hook two minutes. A
// project's own `testTimeout` is ignored by jest-circus (jestjs/jest#9759).
jest.setTimeout(120_000);
