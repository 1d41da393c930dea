import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { FileStore } from '../../ports/files';

const PREFIX = 'local://';
const SAFE_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

/**
 * Files on disk under `root`. A file id is `local://<path>`; paths are made by the domain
 * (unique per owner) and checked here so that no id can reach outside `root`.
 */
export function createLocalFileStore(root: string): FileStore {
  const base = resolve(root);

  const locate = (path: string): string => {
    if (!SAFE_PATH.test(path) || path.split('/').includes('..')) {
      throw new Error('invalid file path');
    }
    const full = resolve(join(base, path));
    if (!full.startsWith(base + sep)) throw new Error('invalid file path');
    return full;
  };

  const fromId = (fileId: string): string | null =>
    fileId.startsWith(PREFIX) ? fileId.slice(PREFIX.length) : null;

  return {
    async put(path, bytes) {
      const full = locate(path);
      // Uploads hold ID photos and rosters: readable by the server's own user only.
      await mkdir(dirname(full), { recursive: true, mode: 0o700 });
      await writeFile(full, bytes, { flag: 'wx', mode: 0o600 });
      return `${PREFIX}${path}`;
    },

    async get(fileId) {
      const path = fromId(fileId);
      if (!path) return null;
      try {
        return await readFile(locate(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async remove(fileId) {
      const path = fromId(fileId);
      if (path) await rm(locate(path), { force: true });
    },
  };
}
