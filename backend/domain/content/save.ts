import { randomUUID } from 'node:crypto';
import type { ActionContext, AdminPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Doc, type Write } from '../../ports/store';
import { auditWrite, type AuditDoc } from '../audit/audit';
import { removeStoredFiles } from '../files/attachments';
import { findByRequest, loadContent, type ContentKind } from './kind';

/** What one save stores, built by the kind once its checks have passed. */
export interface ContentWrites {
  /** The record's insert or guarded update first, then the moves of its files. */
  writes: Write[];
  audit: { fields: string[]; summary: AuditDoc['summary'] };
  /** Stored files to remove if the batch fails: the fresh uploads' new copies. */
  copies?: string[];
  /** Stored files to remove once the batch is stored: old copies, files taken away. */
  leftovers?: string[];
}

export interface ContentSave<D extends Doc, Out> {
  /** The record edited; absent for a new draft. */
  id: string | undefined;
  requestId: string;
  /** The answer for a stored record: this save's, or the one a repeat finds. */
  present: (doc: D) => Out | Promise<Out>;
  /** Checks the save against `current` (null for a draft) and builds the writes of `id`. */
  prepare: (current: D | null, id: string, requestKey: string) => Promise<ContentWrites>;
  /** A refusal of the kind's own for a conflict no repeat explains, before `changed`. */
  onConflict?: (error: StoreConflictError, current: D | null) => Promise<void>;
}

/**
 * Saves a draft, once per `requestId` (the unique `requestKey` lets one insert win even when
 * a repeat arrives at once), or edits a record in any state, guarded on what it read. The
 * batch stores the kind's writes with the audit; on a conflict the repeat that won is
 * answered, otherwise the editor is told to look again.
 */
export async function saveContent<D extends Doc, Out>(
  ctx: ActionContext<AdminPrincipal>,
  kind: ContentKind,
  save: ContentSave<D, Out>,
): Promise<Out> {
  const { deps, principal, now } = ctx;
  const requestKey = `${principal.adminId}:${save.requestId}`;
  const current = save.id ? await loadContent<D>(deps, kind, save.id) : null;
  if (!current) {
    const repeat = await findByRequest<D>(deps, kind.collection, requestKey);
    if (repeat) return save.present(repeat);
  }

  const id = current?._id ?? randomUUID();
  const built = await save.prepare(current, id, requestKey);
  const action = `${kind.actions}.${current ? 'edit' : 'create'}`;
  try {
    await deps.store.batch([...built.writes, auditWrite(principal, now, action, id, built.audit)]);
  } catch (error) {
    await removeStoredFiles(deps, built.copies ?? []);
    if (!(error instanceof StoreConflictError)) throw error;
    // The same request won elsewhere, or what the save was guarded on changed meanwhile.
    const winner = current ? null : await findByRequest<D>(deps, kind.collection, requestKey);
    if (winner) return save.present(winner);
    await save.onConflict?.(error, current);
    throw new AppError('CONFLICT', kind.changed);
  }
  await removeStoredFiles(deps, built.leftovers ?? []);
  return save.present(await loadContent<D>(deps, kind, id));
}
