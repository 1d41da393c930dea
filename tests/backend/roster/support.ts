import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createLocalFileStore } from '../../../backend/adapters/local-files/files';
import { createSqliteStore, type SqliteStore } from '../../../backend/adapters/sqlite/store';
import { fixedClock } from '../../../backend/core/clock';
import {
  DEFAULT_CONFIG,
  type AdminPrincipal,
  type BackendDeps,
} from '../../../backend/core/context';
import { createMemoryLogger } from '../../../backend/core/logger';
import type { DocumentStore } from '../../../backend/ports/store';
import { COLLECTIONS } from '../../../backend/schema/collections';

/** The shared sample roster and what it must give; read by the tests, never copied. */
export const SAMPLE_DIR =
  process.env.ROSTER_SAMPLE_DIR ?? resolve(__dirname, '../../../../shared/data');
export const SAMPLE_XLSX = join(SAMPLE_DIR, 'roster-sample.xlsx');

export interface SampleExpectation {
  file: string;
  sheet: string;
  headerRow: number;
  memberCount: number;
  members: {
    row: number;
    memberNo: string | null;
    name: string;
    phone: string;
    expiresOn: string | null;
  }[];
  rowErrors: { row: number; reason: string }[];
  conflicts: { row: number; phone: string; sameAsRow: number }[];
}

export function readSample(): { bytes: Buffer; expected: SampleExpectation } {
  return {
    bytes: readFileSync(SAMPLE_XLSX),
    expected: JSON.parse(
      readFileSync(join(SAMPLE_DIR, 'roster-sample.expected.json'), 'utf8'),
    ) as SampleExpectation,
  };
}

/** Backend deps on an in-memory store, a temp file folder and a clock that stands still. */
export function createRosterDeps(now = '2026-11-20T02:00:00.000Z') {
  const filesDir = mkdtempSync(join(tmpdir(), 'roster-files-'));
  const store: SqliteStore = createSqliteStore(':memory:');
  const clock = fixedClock(now);
  const logger = createMemoryLogger();
  const deps: BackendDeps = {
    store,
    files: createLocalFileStore(filesDir),
    clock,
    logger,
    config: DEFAULT_CONFIG,
  };
  return {
    deps,
    store,
    clock,
    logger,
    close() {
      store.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** Documents in every collection, to show that something wrote nothing. */
export async function countAll(store: DocumentStore): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const name of Object.values(COLLECTIONS)) counts[name] = await store.count(name);
  return counts;
}

export const SECRETARIAT: AdminPrincipal = {
  kind: 'admin',
  adminId: 'admin-secretariat-1',
  username: 'wang',
  role: 'secretariat',
  sessionId: 'session-1',
  mustChangePassword: false,
};

/**
 * True when the text is a Chinese sentence: Han characters and no English words (file format
 * names such as Excel or xlsx aside). Reasons and messages are for the secretariat to read.
 */
export function isChinese(text: string): boolean {
  const words = text.replace(/\b(Excel|xlsx|xls|WPS)\b/g, '');
  return /\p{Script=Han}/u.test(text) && !/\b[A-Za-z]{3,}\b/.test(words);
}
