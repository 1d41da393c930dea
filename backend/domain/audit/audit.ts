import { randomUUID } from 'node:crypto';
import { COLLECTIONS } from '../../schema/collections';
import type { Doc, Write } from '../../ports/store';
import type { Principal } from '../../core/context';

/**
 * One entry of the audit log: who did what to which record, and when. `fields` names what
 * changed, never the values of sensitive ones.
 */
export interface AuditDoc extends Doc {
  at: string;
  actorKind: Principal['kind'] | 'system';
  actorId: string | null;
  action: string;
  target: string | null;
  fields: string[];
  summary: Record<string, string | number | boolean | null>;
}

/** The audit entry as a write, so it can join the batch of the change it records. */
export function auditWrite(
  principal: Principal | null,
  at: Date,
  action: string,
  target: string | null,
  extra: { fields?: string[]; summary?: AuditDoc['summary'] } = {},
): Write {
  const actorId =
    principal?.kind === 'admin'
      ? principal.adminId
      : principal?.kind === 'member'
        ? principal.memberId
        : null;
  const doc: AuditDoc = {
    _id: randomUUID(),
    at: at.toISOString(),
    actorKind: principal?.kind ?? 'system',
    actorId,
    action,
    target,
    fields: extra.fields ?? [],
    summary: extra.summary ?? {},
  };
  return { op: 'insert', collection: COLLECTIONS.auditLog, doc };
}
