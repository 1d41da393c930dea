import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalFileStore } from '../backend/adapters/local-files/files';
import { createSqliteStore, type SqliteStore } from '../backend/adapters/sqlite/store';
import { createBackend, type Backend } from '../backend/app';
import { fixedClock } from '../backend/core/clock';
import { DEFAULT_CONFIG, type BackendDeps, type Caller } from '../backend/core/context';
import { createJsonLogger } from '../backend/core/logger';
import { openSession } from '../backend/domain/auth/sessions';
import { COLLECTIONS } from '../backend/schema/collections';

/**
 * The instant every bench backend lives at (10:00 in China): a clock that stands still, so
 * event deadlines, check-in windows and check-in codes are taken the same way on every run.
 */
export const BENCH_NOW = '2026-09-15T02:00:00.000Z';

export interface World {
  backend: Backend;
  deps: BackendDeps;
  store: SqliteStore;
  dir: string;
}

/** A backend on an on-disk SQLite store (WAL), as the local server runs it, at BENCH_NOW. */
export function world(wrap?: (store: SqliteStore) => BackendDeps['store']): World {
  const dir = mkdtempSync(join(tmpdir(), 'member-bench-'));
  const store = createSqliteStore(join(dir, 'store.sqlite'));
  const deps: BackendDeps = {
    store: wrap ? wrap(store) : store,
    files: createLocalFileStore(join(dir, 'files')),
    clock: fixedClock(BENCH_NOW),
    logger: createJsonLogger(() => undefined),
    config: { ...DEFAULT_CONFIG, loginAttemptsPerMinutePerAddress: 1_000_000 },
  };
  return { backend: createBackend(deps), deps, store, dir };
}

export function closeWorld(w: World): void {
  w.store.close();
  rmSync(w.dir, { recursive: true, force: true });
}

export const caller = (token: string | null = null): Caller => ({
  transport: 'http',
  openid: null,
  token,
  clientIp: '127.0.0.1',
  requestId: randomUUID(),
});

export async function call(w: World, action: string, data: unknown, token: string | null = null) {
  const result = await w.backend.dispatch({ action, data }, caller(token));
  if (!result.ok) throw new Error(`${action}: ${result.code} ${result.message}`);
  return result.data as Record<string, unknown>;
}

/** The store answers at most 1000 documents a query. */
const PAGE = 1000;

/** Ids of `count` imported members from the `skip`th on, in id order. */
export async function memberIds(w: World, count: number, skip = 0): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const limit = Math.min(PAGE, count - ids.length);
    const docs = await w.store.find(COLLECTIONS.members, {}, { limit, skip: skip + ids.length });
    ids.push(...docs.map((doc) => doc._id));
    if (docs.length < limit) break;
  }
  return ids;
}

/**
 * A session for a member whose password is already changed, opened straight in the store (as
 * a login would), so that a hundred members need not each pay two scrypt hashes.
 */
export async function memberToken(w: World, memberId: string): Promise<string> {
  const session = await openSession(w.deps, caller(), w.deps.clock.now(), {
    subjectKind: 'member',
    subjectId: memberId,
    mustChangePassword: false,
  });
  return session.token;
}
