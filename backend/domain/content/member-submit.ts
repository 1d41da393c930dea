import { randomUUID } from 'node:crypto';
import type { ContentFile } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Doc, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite, type AuditDoc } from '../audit/audit';
import { assertRateLimit } from '../auth/guards';
import {
  prepareAttachments,
  removeStoredFiles,
  type AttachTarget,
  type PreparedAttachment,
} from '../files/attachments';
import { findByRequest } from './kind';

// What a member submits once per requestId with their own uploads (意见建议, 服务申请): a
// repeat answers the record the first one stored, even when both arrive at once, since the
// unique `requestKey` lets one insert win; the uploads move under the record in its batch.

export interface SubmitKind {
  collection: string;
  /** assertRateLimit's scope, the submits a member may make a minute, and the refusal. */
  rate: { scope: string; perMinute: number; message: string };
  audit: { action: string; fields: string[] };
  /**
   * The refusal of an upload of another type, the uploads' request field, and the refusal
   * of a file another record took meanwhile.
   */
  files: { types: string; field: string; taken: string };
  /**
   * For a kind that holds one open record per member and thing through a unique key: the
   * refusal when another request's record holds it (not a repeat of this one).
   */
  held?: { message: string; field: string };
}

/**
 * The first step: the request's key and the record an identical earlier request stored; with
 * none, the member's rate limit is counted.
 */
export async function openSubmit<D extends Doc>(
  ctx: ActionContext<MemberPrincipal>,
  kind: SubmitKind,
  requestId: string,
): Promise<{ requestKey: string; repeat: D | null }> {
  const { deps, principal, now } = ctx;
  const requestKey = `${principal.memberId}:${requestId}`;
  const repeat = await findByRequest<D>(deps, kind.collection, requestKey);
  if (repeat) return { requestKey, repeat };
  const { scope, perMinute, message } = kind.rate;
  await assertRateLimit(deps, scope, principal.memberId, perMinute, now, message);
  return { requestKey, repeat: null };
}

export interface Submission<D extends Doc, Out> {
  requestKey: string;
  fileIds: string[];
  /** Where the uploads go, under the new record's id. */
  target: (id: string) => AttachTarget;
  /** The record of `id` with its files, and what the audit says of it. */
  build: (id: string, files: ContentFile[]) => { doc: D; summary: AuditDoc['summary'] };
  /** The answer for a stored record: this one (`own`), or the one that won. */
  answer: (doc: D, own: boolean) => Out | Promise<Out>;
  /**
   * More writes that must move with the record (the points it earns), built from its id:
   * stored in the record's batch, so no crash keeps one without the other.
   */
  extraWrites?: (id: string) => Promise<Write[]>;
}

/** The second step, once the kind's own checks passed: moves the uploads and stores. */
export async function storeSubmit<D extends Doc, Out>(
  ctx: ActionContext<MemberPrincipal>,
  kind: SubmitKind,
  submission: Submission<D, Out>,
): Promise<Out> {
  const { deps, principal, now } = ctx;
  const { requestKey, answer } = submission;
  const winner = () => findByRequest<D>(deps, kind.collection, requestKey);
  const id = randomUUID();
  let prepared: PreparedAttachment[];
  try {
    prepared = await prepareAttachments(
      deps,
      principal,
      submission.fileIds,
      submission.target(id),
      kind.files.types,
      kind.files.field,
    );
  } catch (error) {
    // A file already kept may be kept by this very request, stored meanwhile.
    const won = await winner();
    if (won) return answer(won, false);
    throw error;
  }

  const { doc, summary } = submission.build(
    id,
    prepared.map((p) => p.file),
  );
  try {
    // Built inside the try: should it fail, the copied uploads are removed all the same.
    const extra = (await submission.extraWrites?.(id)) ?? [];
    await deps.store.batch([
      { op: 'insert', collection: kind.collection, doc },
      ...prepared.map((p) => p.write),
      ...extra,
      auditWrite(principal, now, kind.audit.action, id, { fields: kind.audit.fields, summary }),
    ]);
  } catch (error) {
    await removeStoredFiles(
      deps,
      prepared.map((p) => p.copy),
    );
    if (!(error instanceof StoreConflictError)) throw error;
    // The same request won elsewhere, or a file went to another record meanwhile.
    const won = await winner();
    if (won) return answer(won, false);
    if (error.collection === COLLECTIONS.files) {
      throw new AppError('CONFLICT', kind.files.taken, { field: kind.files.field });
    }
    if (error.collection === kind.collection && kind.held) {
      throw new AppError('CONFLICT', kind.held.message, { field: kind.held.field });
    }
    throw error;
  }
  await removeStoredFiles(
    deps,
    prepared.map((p) => p.original),
  );
  return answer(doc, true);
}
