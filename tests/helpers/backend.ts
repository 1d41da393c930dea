import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionName, ActionRequest, ActionResult } from '../../typings';
import { createLocalFileStore } from '../../backend/adapters/local-files/files';
import { createSqliteStore } from '../../backend/adapters/sqlite/store';
import { createBackend, type Backend } from '../../backend/app';
import { fixedClock } from '../../backend/core/clock';
import { DEFAULT_CONFIG, type BackendDeps, type Caller } from '../../backend/core/context';
import { createMemoryLogger } from '../../backend/core/logger';
import { COLLECTIONS } from '../../backend/schema/collections';
import type { MemberDoc } from '../../backend/domain/members/model';

export interface SeedMember {
  phone: string;
  name: string;
  memberNo?: string;
  memberType?: string;
  expiresOn?: string | null;
}

/**
 * The whole backend in-process on an in-memory SQLite store, a temp file folder, a fixed
 * clock and a logger that keeps its lines. Only the transport is left out.
 */
export function createTestBackend(options: { now?: string } = {}) {
  const clock = fixedClock(options.now ?? '2026-06-15T04:00:00Z');
  const logger = createMemoryLogger();
  const filesDir = mkdtempSync(join(tmpdir(), 'member-files-'));
  const store = createSqliteStore(':memory:');
  const deps: BackendDeps = {
    store,
    files: createLocalFileStore(filesDir),
    clock,
    logger,
    config: { ...DEFAULT_CONFIG },
  };
  const backend: Backend = createBackend(deps);

  /** One call, as a transport would make it; the caller defaults to an HTTP client. */
  async function call<N extends ActionName>(
    action: N,
    data: ActionRequest<N> | Record<string, unknown>,
    caller: Partial<Caller> = {},
  ): Promise<ActionResult<unknown>> {
    return backend.dispatch(
      { action, data },
      {
        transport: 'http',
        openid: null,
        token: null,
        clientIp: '127.0.0.1',
        requestId: randomUUID(),
        ...caller,
      },
    );
  }

  async function seedMember(member: SeedMember): Promise<string> {
    const now = clock.now().toISOString();
    const doc: MemberDoc = {
      _id: randomUUID(),
      phone: member.phone,
      name: member.name,
      memberNo: member.memberNo ?? null,
      memberType: member.memberType ?? '个人会员',
      gender: null,
      birthDate: null,
      workUnit: null,
      title: null,
      position: null,
      email: null,
      joinedOn: null,
      expiresOn: member.expiresOn === undefined ? '2027-12-31' : member.expiresOn,
      notes: null,
      createdAt: now,
      updatedAt: now,
      firstLoginAt: null,
    };
    await store.insert(COLLECTIONS.members, doc);
    return doc._id;
  }

  return {
    backend,
    deps,
    store,
    clock,
    logger,
    call,
    seedMember,
    close() {
      store.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export type TestBackend = ReturnType<typeof createTestBackend>;

/** Narrows an envelope to its data, failing the test with the code when it is an error. */
export function dataOf<T = Record<string, unknown>>(result: ActionResult<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.data as T;
}
