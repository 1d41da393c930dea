#!/usr/bin/env node
/**
 * Copies the tdesign-miniprogram components the mini-program uses (and everything they import)
 * from node_modules into miniprogram/miniprogram_npm/tdesign-miniprogram, where DevTools and
 * miniprogram-simulate expect them. Copying only what is used keeps the main package (2 MB
 * limit) small: the whole dist is 1.2 MB before our own code.
 *
 * Run: node scripts/prepare-miniprogram-npm.mjs   (idempotent: the target is rebuilt each run)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MINIPROGRAM = path.join(ROOT, 'miniprogram');
const DIST = path.join(ROOT, 'node_modules', 'tdesign-miniprogram', 'miniprogram_dist');
const TARGET = path.join(MINIPROGRAM, 'miniprogram_npm', 'tdesign-miniprogram');
/** How pages name tdesign components in usingComponents. */
const TDESIGN_PREFIX = '/miniprogram_npm/tdesign-miniprogram/';
/** The files that make up one component, besides what its code imports. */
const COMPONENT_EXTENSIONS = ['.json', '.js', '.wxml', '.wxss', '.wxs'];

/**
 * Import patterns per file type. Dist files are minified, so the patterns allow no spaces
 * (`from"../x"`) as well as the usual spacing.
 */
const IMPORT_PATTERNS = {
  '.js': [
    // Not after a quote: progress/utils.js has `["from","to"]`, which is no import.
    /(?<!["'\w$.])from\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ],
  '.wxml': [/<(?:import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g],
  '.wxss': [/@import\s+["']([^"']+)["']/g],
  '.wxs': [/\brequire\(\s*["']([^"']+)["']\s*\)/g],
};

/** The page and component paths (without extension) the app declares, from app.json. */
function appEntries() {
  const app = readJson(path.join(MINIPROGRAM, 'app.json'));
  const pages = [...(app.pages ?? [])];
  for (const pkg of app.subpackages ?? app.subPackages ?? []) {
    for (const page of pkg.pages ?? []) pages.push(path.posix.join(pkg.root, page));
  }
  return { pages, globalComponents: Object.values(app.usingComponents ?? {}) };
}

/**
 * The tdesign components the app uses: walks app.json's pages and every local component they
 * use, collecting usingComponents values under the tdesign prefix as dist-relative bases
 * such as `button/button`.
 */
function usedTdesignComponents() {
  const { pages, globalComponents } = appEntries();
  const found = new Set();
  const seenLocal = new Set();

  const visitRef = (ref, fromDir) => {
    if (ref.startsWith(TDESIGN_PREFIX)) {
      found.add(ref.slice(TDESIGN_PREFIX.length));
      return;
    }
    if (ref.startsWith('plugin://')) return;
    const local = ref.startsWith('/') ? path.join(MINIPROGRAM, ref) : path.resolve(fromDir, ref);
    visitLocal(local);
  };
  const visitLocal = (base) => {
    if (seenLocal.has(base)) return;
    seenLocal.add(base);
    const json = readJson(`${base}.json`, { optional: true }) ?? {};
    for (const ref of Object.values(json.usingComponents ?? {})) {
      visitRef(ref, path.dirname(base));
    }
  };

  for (const ref of globalComponents) visitRef(ref, MINIPROGRAM);
  for (const page of pages) visitLocal(path.join(MINIPROGRAM, page));
  return [...found].sort();
}

/** Resolves an import found in `fromFile` (dist-relative) to a dist-relative file. */
function resolveImport(spec, fromFile, ext) {
  const fromDir = path.posix.dirname(fromFile);
  const isBare = ext === '.js' && !spec.startsWith('.') && !spec.startsWith('/');

  // Bare imports (tslib, dayjs) resolve to the copies tdesign ships in its own miniprogram_npm.
  const base = isBare
    ? path.posix.join('miniprogram_npm', spec)
    : path.posix.normalize(spec.startsWith('/') ? spec.slice(1) : path.posix.join(fromDir, spec));
  const candidates =
    ext === '.js' ? [base, `${base}.js`, `${base}/index.js`] : [base, `${base}${ext}`];
  const hit = candidates.find((candidate) => isFile(path.join(DIST, candidate)));
  if (!hit) throw new Error(`cannot resolve "${spec}" imported by ${fromFile}`);
  return hit;
}

/** Every dist-relative file the components need, following imports transitively. */
function collectFiles(components) {
  const files = new Set();
  const queue = [];
  const enqueue = (file) => {
    if (file.endsWith('.d.ts') || files.has(file)) return;
    files.add(file);
    queue.push(file);
  };
  const enqueueComponent = (componentBase) => {
    const present = COMPONENT_EXTENSIONS.map((ext) => componentBase + ext).filter((file) =>
      isFile(path.join(DIST, file)),
    );
    if (!present.some((file) => file.endsWith('.json'))) {
      throw new Error(`not a tdesign component: ${componentBase}`);
    }
    present.forEach(enqueue);
  };

  components.forEach(enqueueComponent);
  while (queue.length > 0) {
    const file = queue.shift();
    const ext = path.posix.extname(file);
    const text = fs.readFileSync(path.join(DIST, file), 'utf8');

    if (ext === '.json') {
      const using = JSON.parse(text).usingComponents ?? {};
      for (const ref of Object.values(using)) {
        enqueueComponent(path.posix.normalize(path.posix.join(path.posix.dirname(file), ref)));
      }
      continue;
    }
    for (const pattern of IMPORT_PATTERNS[ext] ?? []) {
      for (const match of text.matchAll(pattern)) enqueue(resolveImport(match[1], file, ext));
    }
  }
  return [...files].sort();
}

/** Rebuilds the target folder; returns what it wrote. */
export function prepareMiniprogramNpm() {
  if (!isFile(path.join(DIST, 'index.js'))) {
    throw new Error(`tdesign-miniprogram is not installed (looked in ${DIST}); run npm install`);
  }
  const components = usedTdesignComponents();
  const files = collectFiles(components);

  // Build beside the target and swap, so an interrupted run never leaves half a copy.
  const staging = `${TARGET}.staging`;
  fs.rmSync(staging, { recursive: true, force: true });
  let bytes = 0;
  for (const file of files) {
    const to = path.join(staging, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(DIST, file), to);
    bytes += fs.statSync(to).size;
  }
  fs.rmSync(TARGET, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TARGET), { recursive: true });
  fs.renameSync(staging, TARGET);
  return { components, files: files.length, bytes };
}

function readJson(file, { optional = false } = {}) {
  if (optional && !isFile(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function isFile(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

const invokedDirectly =
  process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const { components, files, bytes } = prepareMiniprogramNpm();
  const relative = path.relative(ROOT, TARGET);
  console.log(`${relative}: ${components.length} components (${components.join(', ')})`);
  console.log(`${files} files, ${(bytes / 1024).toFixed(1)} KiB`);
}
