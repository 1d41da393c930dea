import fs from 'node:fs';
import path from 'node:path';
import { PAGES } from '../../miniprogram/services/navigation';

/**
 * What DevTools would only reveal on a machine with WeChat: runtime imports leaving the
 * mini-program root, pages calling the backend themselves, pages or components that do not
 * exist. Checked on the files.
 */
const ROOT = path.resolve(__dirname, '../..');
const MINIPROGRAM = path.join(ROOT, 'miniprogram');

function sources(dir = MINIPROGRAM): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const relative = (file: string) => path.relative(ROOT, file);

interface AppJson {
  pages: string[];
  lazyCodeLoading?: string;
  subpackages?: { root: string; pages: string[] }[];
}
const appJson = (): AppJson => readJson(path.join(MINIPROGRAM, 'app.json'));
/** The subpackages' roots, as folders under the mini-program root. */
const subpackageRoots = (app: AppJson) =>
  (app.subpackages ?? []).map((pkg) => path.join(MINIPROGRAM, pkg.root));
/** Every page of app.json, main package and subpackages, as paths from the mini-program root. */
function allPages(app: AppJson): string[] {
  const sub = (app.subpackages ?? []).flatMap((pkg) =>
    pkg.pages.map((page) => path.posix.join(pkg.root, page)),
  );
  return [...app.pages, ...sub];
}

describe('mini-program project files', () => {
  it('imports nothing at run time from outside the mini-program root', () => {
    const escaping = sources().flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)];
      return imports
        .filter(([, typeOnly, spec]) => !typeOnly && spec!.startsWith('.'))
        .map(([, , spec]) => path.resolve(path.dirname(file), spec!))
        .filter((target) => !target.startsWith(MINIPROGRAM + path.sep))
        .map((target) => `${relative(file)} -> ${relative(target)}`);
    });

    expect(escaping).toEqual([]);
  });

  it('imports nothing in the main package from a subpackage', () => {
    const roots = subpackageRoots(appJson());
    const inSubpackage = (file: string) => roots.some((root) => file.startsWith(root + path.sep));
    const crossing = sources()
      .filter((file) => !inSubpackage(file))
      .flatMap((file) => {
        const text = fs.readFileSync(file, 'utf8');
        const imports = [...text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)];
        return imports
          .filter(([, typeOnly, spec]) => !typeOnly && spec!.startsWith('.'))
          .map(([, , spec]) => path.resolve(path.dirname(file), spec!))
          .filter(inSubpackage)
          .map((target) => `${relative(file)} -> ${relative(target)}`);
      });

    expect(roots.length).toBeGreaterThan(0);
    expect(crossing).toEqual([]);
  });

  it('reaches the backend only from services/transports.ts', () => {
    const callers = sources()
      .filter((file) => /wx\.(cloud\.callFunction|request)\b/.test(fs.readFileSync(file, 'utf8')))
      .map(relative);

    expect(callers).toEqual(['miniprogram/services/transports.ts']);
  });

  it('has all four files of every page in app.json', () => {
    const app = appJson();
    const missing = allPages(app).flatMap((page) =>
      ['.ts', '.json', '.wxml', '.wxss']
        .map((ext) => path.join(MINIPROGRAM, page + ext))
        .filter((file) => !fs.existsSync(file))
        .map(relative),
    );

    expect(app.pages[0]).toBe('pages/landing/index');
    expect(app).not.toHaveProperty('style');
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(missing).toEqual([]);
  });

  it('has the paths of navigation.ts for exactly the pages of app.json', () => {
    const named = Object.values(PAGES).map((url) => url.slice(1));

    expect([...named].sort()).toEqual(allPages(appJson()).sort());
  });

  it('names only tdesign components that the npm preparation copied', () => {
    const missing = allPages(appJson()).flatMap((page) => {
      const using = readJson(path.join(MINIPROGRAM, `${page}.json`)).usingComponents ?? {};
      return (Object.values(using) as string[])
        .filter((ref) => !fs.existsSync(path.join(MINIPROGRAM, `${ref}.json`)))
        .map((ref) => `${page}: ${ref}`);
    });

    expect(missing).toEqual([]);
  });

  it('points DevTools at the mini-program, the cloud functions and the TypeScript plugin', () => {
    const project = readJson(path.join(ROOT, 'project.config.json'));

    expect(project).toMatchObject({
      compileType: 'miniprogram',
      miniprogramRoot: 'miniprogram/',
      cloudfunctionRoot: 'cloudfunctions/',
      setting: { useCompilerPlugins: ['typescript'], packNpmManually: true },
    });
  });
});
