/** The e2e project's global teardown: removes the portal global-setup.ts built for this run. */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { WEB_ROOT_PREFIX, WEB_ROOT_VARIABLE } from './web-root';

export default function globalTeardown(): void {
  const webRoot = process.env[WEB_ROOT_VARIABLE];
  delete process.env[WEB_ROOT_VARIABLE];
  // Only a folder the setup made: never whatever else the variable might name.
  if (
    webRoot &&
    dirname(resolve(webRoot)) === resolve(tmpdir()) &&
    basename(webRoot).startsWith(WEB_ROOT_PREFIX)
  ) {
    rmSync(webRoot, { recursive: true, force: true });
  }
}
