import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { transform } from 'esbuild';

const root = join(__dirname, '..');

/** The cloud function as `npm run build` bundles it: bytes and gzipped bytes. */
export function cloudFunctionSize() {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'cloud'], { stdio: 'ignore' });
  const bytes = readFileSync(join(root, 'cloudfunctions/api/index.js'));
  return { bytes: bytes.length, gzip: gzipSync(bytes).length };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * The main package as WeChat counts it: every file under the mini-program root outside the
 * subpackages, with TypeScript counted as the JavaScript DevTools compiles it to (declaration
 * files and tsconfig are not uploaded).
 */
export async function miniprogramMainPackageSize() {
  const base = join(root, 'miniprogram');
  const appJson = JSON.parse(readFileSync(join(base, 'app.json'), 'utf8')) as {
    subpackages?: { root: string }[];
  };
  const subRoots = (appJson.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
  let total = 0;
  let npm = 0;
  for (const file of walk(base)) {
    const rel = relative(base, file).split('\\').join('/');
    if (subRoots.some((r) => rel.startsWith(r))) continue;
    if (rel.endsWith('.d.ts') || rel === 'tsconfig.json') continue;
    let size = statSync(file).size;
    if (rel.endsWith('.ts')) {
      const js = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs' });
      size = Buffer.byteLength(js.code);
    }
    total += size;
    if (rel.startsWith('miniprogram_npm/')) npm += size;
  }
  return { total, npm, limit: 2 * 1024 * 1024 };
}
