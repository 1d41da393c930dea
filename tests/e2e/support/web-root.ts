/**
 * Where the portal built for this jest run lives: set by global-setup.ts before any test file
 * loads, read by portal.ts, removed by global-teardown.ts. An environment variable, so that it
 * reaches test files both in jest's own process (one worker) and in the workers it forks
 * after the global setup (they inherit its environment).
 */
export const WEB_ROOT_VARIABLE = 'E2E_WEB_ROOT';

/** The folder name's prefix under the system's temp folder; the teardown removes only these. */
export const WEB_ROOT_PREFIX = 'portal-e2e-web-';
