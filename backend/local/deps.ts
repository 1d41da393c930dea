import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalFileStore } from '../adapters/local-files/files';
import { createSqliteStore, type SqliteStore } from '../adapters/sqlite/store';
import { systemClock, type Clock } from '../core/clock';
import { DEFAULT_CONFIG, type BackendDeps } from '../core/context';
import { createJsonLogger, type Logger } from '../core/logger';

/** The local runtime's ports: SQLite at `DATA_DIR/store.sqlite`, files in `DATA_DIR/files`. */
export function createLocalDeps(
  dataDir: string,
  options: { clock?: Clock; logger?: Logger } = {},
): BackendDeps & { store: SqliteStore } {
  // The folder holds members' phone and ID numbers: when it is made here, it is the server
  // user's alone (an existing folder keeps the permissions its owner gave it).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return {
    store: createSqliteStore(join(dataDir, 'store.sqlite')),
    files: createLocalFileStore(join(dataDir, 'files')),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? createJsonLogger(),
    // A copy: the server fills in `portalUrl` once it knows its own address.
    config: { ...DEFAULT_CONFIG },
  };
}
