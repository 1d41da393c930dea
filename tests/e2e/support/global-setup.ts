/**
 * The e2e project's global setup: builds the portal once for the whole jest run, for every test
 * file of the project. jest 30 runs a project's globalSetup only when a test of that project is
 * in the run, so `--selectProjects backend` does not pay for the build.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WEB_ROOT_PREFIX, WEB_ROOT_VARIABLE } from './web-root';

const ROOT = resolve(__dirname, '../../..');

export default async function globalSetup(): Promise<void> {
  // Built fresh into a temp folder: a stale web/dist cannot pass the tests in its place.
  const webRoot = mkdtempSync(join(tmpdir(), WEB_ROOT_PREFIX));
  try {
    await buildPortal(webRoot);
  } catch (error) {
    rmSync(webRoot, { recursive: true, force: true });
    throw error;
  }
  process.env[WEB_ROOT_VARIABLE] = webRoot;
}

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
      code === 0 ? done() : fail(new Error(`portal build failed (${code}):\n${output}`)),
    );
  });
}
