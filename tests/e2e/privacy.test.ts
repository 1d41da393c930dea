/** @jest-environment node */
/**
 * 隐私政策 in the portal, in Chromium against the local server with the demo society: both
 * login pages link to it, it opens without a login, and it shows the shared policy text with
 * the society's name.
 */
import { privacyPolicy } from '../../miniprogram/utils/privacy-policy';
import { startPortal, type Portal } from './support/portal';

/** The demo society's name (backend/local/seed/demo-society.json). */
const SOCIETY = '示范省医学学会';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
};

let portal: Portal | null = null;

beforeAll(async () => {
  portal = await startPortal({ seedDemo: true, adminPassword: 'E2e-console-Passw0rd' });
});

afterAll(async () => {
  await portal?.close();
});

test.each(['/login', '/admin/login'])('the login page %s links to the policy', async (path) => {
  const page = await portal!.newPage();
  await page.goto(`${portal!.url}${path}`);

  await page.click('[data-test="privacy-link"]');
  await page.waitForURL(/\/privacy$/);

  await expect(page.textContent('.privacy-title')).resolves.toBe('隐私政策');
  await page.click('[data-test="privacy-back"]');
  await page.waitForURL((url) => new URL(url).pathname === path);
});

test('the policy opens without a login and names the society', async () => {
  const page = await portal!.newPage();
  await page.goto(`${portal!.url}/privacy`);
  await page.waitForSelector('[data-test="privacy-section"]');
  await page.waitForFunction(
    (name) => document.querySelector('[data-test="privacy-intro"]')?.textContent?.includes(name),
    SOCIETY,
  );

  const headings = await page.$$eval('[data-test="privacy-section"] h2', (found) =>
    found.map((heading) => heading.textContent?.trim()),
  );
  expect(headings).toEqual(privacyPolicy(SOCIETY).sections.map((section) => section.heading));
  await expect(page.textContent('[data-test="privacy-society"]')).resolves.toBe(SOCIETY);
  expect(new URL(page.url()).pathname).toBe('/privacy');
});
