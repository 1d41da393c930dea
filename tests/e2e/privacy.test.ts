/** @jest-environment node */
/**
 * 隐私政策 in the portal, in Chromium against the local server with the demo society: both
 * login pages link to it, it opens without a login, and it shows the shared policy text with
 * the society's name.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../../backend/local/server';
import { privacyPolicy } from '../../miniprogram/utils/privacy-policy';

const ROOT = resolve(__dirname, '../..');
/** The demo society's name (backend/local/seed/demo-society.json). */
const SOCIETY = '示范省医学学会';

// Used inside page callbacks, which run in the browser; the tests' tsconfig has no DOM library.
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
};

let workDir: string;
let server: { url: string; close(): Promise<void> } | null = null;
let browser: Browser | null = null;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'privacy-e2e-'));
  const webRoot = join(workDir, 'web');
  await buildPortal(webRoot);
  server = await startServer({
    port: 0,
    dataDir: join(workDir, 'data'),
    seedDemo: true,
    adminPassword: 'E2e-console-Passw0rd',
    webRoot,
    log: () => undefined,
  });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 860 } });
  return context.newPage();
}

test.each(['/login', '/admin/login'])('the login page %s links to the policy', async (path) => {
  const page = await newPage();
  await page.goto(`${server!.url}${path}`);

  await page.click('[data-test="privacy-link"]');
  await page.waitForURL(/\/privacy$/);

  await expect(page.textContent('.privacy-title')).resolves.toBe('隐私政策');
  await page.click('[data-test="privacy-back"]');
  await page.waitForURL((url) => new URL(url).pathname === path);
});

test('the policy opens without a login and names the society', async () => {
  const page = await newPage();
  await page.goto(`${server!.url}/privacy`);
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

function buildPortal(outDir: string): Promise<void> {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'build', '--config', 'web/vite.config.mts', '--outDir', outDir];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...args, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`vite build failed (${code}):\n${output}`)),
    );
  });
}
