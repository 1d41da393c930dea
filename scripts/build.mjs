// `npm run build`: the cloud function bundle, the portal, and the mini-program's npm folder.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

if (wants('cloud')) {
  // One CommonJS file; wx-server-sdk is installed by the cloud from the folder's package.json.
  // CLOUD_OUTFILE lets a test bundle elsewhere without touching the deployable folder.
  const outfile = process.env.CLOUD_OUTFILE ?? join(root, 'cloudfunctions/api/index.js');
  await build({
    entryPoints: [join(root, 'backend/cloud/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  console.log(`cloud function: ${outfile} (${Math.round(statSync(outfile).size / 1024)} KiB)`);
}

if (wants('web')) {
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  console.log('portal: web/dist');
}

if (wants('miniprogram')) {
  execFileSync(process.execPath, [join(root, 'scripts/prepare-miniprogram-npm.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
}
