import { createHash, randomBytes } from 'node:crypto';
import type { AdminRole } from '../../../typings';
import type { BackendDeps, Caller, Principal, TransportKind } from '../../core/context';
import { COLLECTIONS } from '../../schema/collections';
import type { Condition, Doc } from '../../ports/store';

/**
 * A login session. Only the SHA-256 of the token is stored (it is the `_id`), so a copy of the
 * database logs nobody in. A session opened from the mini-program is bound to its OPENID,
 * kept as a hash too: the OPENID is personal data, and comparing hashes is all it takes.
 */
export interface SessionDoc extends Doc {
  subjectKind: 'member' | 'admin';
  subjectId: string;
  /** Admin sessions carry the role and name they were opened with; a change ends them. */
  username: string | null;
  role: AdminRole | null;
  openidHash: string | null;
  transport: TransportKind;
  mustChangePassword: boolean;
  createdAt: string;
  expiresAt: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The stored form of a WeChat OPENID (sessions, bindings). */
export function hashOpenid(openid: string): string {
  return createHash('sha256').update(`openid:${openid}`).digest('hex');
}

/** Opens a session and answers the token (shown to the client once, never stored). */
export async function openSession(
  deps: BackendDeps,
  caller: Caller,
  now: Date,
  subject: Pick<SessionDoc, 'subjectKind' | 'subjectId' | 'mustChangePassword'> &
    Partial<Pick<SessionDoc, 'username' | 'role'>>,
): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.sessionTtlHours * 3_600_000);
  const doc: SessionDoc = {
    _id: hashToken(token),
    subjectKind: subject.subjectKind,
    subjectId: subject.subjectId,
    username: subject.username ?? null,
    role: subject.role ?? null,
    openidHash: caller.openid ? hashOpenid(caller.openid) : null,
    transport: caller.transport,
    mustChangePassword: subject.mustChangePassword,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  await deps.store.insert(COLLECTIONS.sessions, doc);
  return { token, expiresAt, sessionId: doc._id };
}

/**
 * Who is calling: one read of the session by the token's hash. An expired session, or a
 * mini-program session presented with another OPENID, is nobody.
 */
export async function resolvePrincipal(
  deps: BackendDeps,
  caller: Caller,
  now: Date,
): Promise<Principal> {
  if (!caller.token || caller.token.length > 128) return { kind: 'anonymous' };
  const session = await deps.store.get<SessionDoc>(COLLECTIONS.sessions, hashToken(caller.token));
  if (!session || session.expiresAt <= now.toISOString()) return { kind: 'anonymous' };
  if (
    session.openidHash !== null &&
    (!caller.openid || session.openidHash !== hashOpenid(caller.openid))
  ) {
    return { kind: 'anonymous' };
  }

  if (session.subjectKind === 'member') {
    return {
      kind: 'member',
      memberId: session.subjectId,
      sessionId: session._id,
      mustChangePassword: session.mustChangePassword,
    };
  }
  if (!session.role || !session.username) return { kind: 'anonymous' };
  return {
    kind: 'admin',
    adminId: session.subjectId,
    username: session.username,
    role: session.role,
    sessionId: session._id,
    mustChangePassword: session.mustChangePassword,
  };
}

export async function closeSession(deps: BackendDeps, sessionId: string): Promise<void> {
  await deps.store.remove(COLLECTIONS.sessions, sessionId);
}

/** Ends every session of a subject but `keep` (after a password change, a disable, a reset). */
export async function closeOtherSessions(
  deps: BackendDeps,
  subjectId: string,
  keep: string | null,
): Promise<number> {
  const where: Record<string, Condition> = { subjectId };
  if (keep !== null) where._id = { ne: keep };
  return deps.store.removeWhere(COLLECTIONS.sessions, { where });
}
