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

/** A file as WeChat counts it: TypeScript as the JavaScript DevTools compiles it to. */
async function uploadedSize(file: string, rel: string): Promise<number> {
  if (!rel.endsWith('.ts')) return statSync(file).size;
  const js = await transform(readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs' });
  return Buffer.byteLength(js.code);
}

/**
 * The main package and each subpackage as WeChat counts them: every file under the
 * mini-program root, in the subpackage whose root holds it or else in the main package, with
 * TypeScript counted as the JavaScript DevTools compiles it to (declaration files and tsconfig
 * are not uploaded).
 */
export async function miniprogramPackageSizes() {
  const base = join(root, 'miniprogram');
  const appJson = JSON.parse(readFileSync(join(base, 'app.json'), 'utf8')) as {
    subpackages?: { root: string }[];
  };
  const subpackages = (appJson.subpackages ?? []).map((s) => ({
    root: s.root.replace(/\/?$/, '/'),
    total: 0,
  }));
  let total = 0;
  let npm = 0;
  for (const file of walk(base)) {
    const rel = relative(base, file).split('\\').join('/');
    if (rel.endsWith('.d.ts') || rel === 'tsconfig.json') continue;
    const size = await uploadedSize(file, rel);
    const sub = subpackages.find((s) => rel.startsWith(s.root));
    if (sub) {
      sub.total += size;
      continue;
    }
    total += size;
    if (rel.startsWith('miniprogram_npm/')) npm += size;
  }
  return {
    main: { total, npm, limit: 2 * 1024 * 1024 },
    subpackages: subpackages.map((s) => ({ root: s.root.slice(0, -1), total: s.total })),
    /** Each subpackage, like the main package, may hold at most 2 MB. */
    subpackageLimit: 2 * 1024 * 1024,
  };
}
