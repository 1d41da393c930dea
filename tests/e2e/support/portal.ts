/**
 * One e2e test file's portal: the real local server on a fresh data folder, serving the portal
 * global-setup.ts built for this run, and Debian's Chromium to open it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startServer, type RunningServer, type ServerOptions } from '../../../backend/local/server';
import { WEB_ROOT_VARIABLE } from './web-root';

export type PortalOptions = Pick<ServerOptions, 'seedDemo' | 'adminPassword' | 'simulateWechat'>;

export interface Portal {
  /** The server's address: loopback, on a port the system chose. */
  url: string;
  browser: Browser;
  /**
   * A page in a context of its own: one per person, so that the admin's and the member's
   * sessions never share storage. `contextOptions` add to (or override) the viewport.
   */
  newPage(contextOptions?: BrowserContextOptions): Promise<Page>;
  /** Closes the browser and the server and removes the data folder. */
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export async function startPortal(options: PortalOptions): Promise<Portal> {
  const webRoot = process.env[WEB_ROOT_VARIABLE];
  if (!webRoot || !existsSync(join(webRoot, 'index.html'))) {
    throw new Error(
      `no built portal at ${WEB_ROOT_VARIABLE}=${webRoot ?? ''}: run the e2e tests through ` +
        'jest.config.cjs, whose e2e project builds it in tests/e2e/support/global-setup.ts',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-e2e-data-'));
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  const close = async (): Promise<void> => {
    try {
      await browser?.close();
      await server?.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  try {
    server = await startServer({
      ...options,
      port: 0,
      dataDir,
      webRoot,
      // Quiet unless asked for: the server logs every call, which would bury jest's report.
      log: (line) => {
        if (process.env.E2E_SERVER_LOG === '1') process.stderr.write(`${line}\n`);
      },
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    await close();
    throw error;
  }

  const started = browser;
  return {
    url: server.url,
    browser: started,
    async newPage(contextOptions = {}) {
      const context = await started.newContext({
        viewport: { width: 1280, height: 860 },
        ...contextOptions,
      });
      return context.newPage();
    },
    close,
  };
}
