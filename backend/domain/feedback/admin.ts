import { findPage, NEWEST_FIRST } from '../../core/paging';
import type { AdminFeedback, Page } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import type { MemberDoc } from '../members/model';
import { FEEDBACK_NOT_FOUND, toAdminFeedback, type FeedbackDoc } from './model';
import { findByIds } from '../../core/find-by-ids';

async function load(deps: BackendDeps, feedbackId: string): Promise<FeedbackDoc> {
  const doc = await deps.store.get<FeedbackDoc>(COLLECTIONS.feedback, feedbackId);
  if (!doc) throw new AppError('NOT_FOUND', FEEDBACK_NOT_FOUND);
  return doc;
}

async function withMembers(deps: BackendDeps, docs: FeedbackDoc[]): Promise<AdminFeedback[]> {
  const byId = await findByIds<MemberDoc>(
    deps.store,
    COLLECTIONS.members,
    docs.map((d) => d.memberId),
  );
  return docs.map((d) => toAdminFeedback(d, byId.get(d.memberId) ?? null));
}

/** Every member's suggestions, newest first; `replied` picks 已回复 or 未回复. */
export async function listAdminFeedback(
  deps: BackendDeps,
  input: { replied?: boolean; page?: number; pageSize?: number },
): Promise<Page<AdminFeedback>> {
  const filter = input.replied === undefined ? {} : { where: { replied: input.replied } };
  const { docs, ...paging } = await findPage<FeedbackDoc>(
    deps.store,
    COLLECTIONS.feedback,
    filter,
    NEWEST_FIRST,
    input,
  );
  return { items: await withMembers(deps, docs), ...paging };
}

/**
 * 回复: the secretariat's answer, which the member sees marked unread. A second reply
 * replaces the first (and is unread again). Guarded on the version read: of two replies at
 * once one lands, the other is told to look first.
 */
export async function replyToFeedback(
  ctx: ActionContext<AdminPrincipal>,
  input: { feedbackId: string; reply: string },
): Promise<AdminFeedback> {
  const { deps, principal, now } = ctx;
  const doc = await load(deps, input.feedbackId);
  const at = now.toISOString();
  const changes = {
    reply: { text: input.reply, repliedAt: at },
    repliedBy: principal.adminId,
    replied: true,
    replyUnread: true,
    updatedAt: at,
  };
  try {
    await deps.store.batch([
      {
        op: 'update',
        collection: COLLECTIONS.feedback,
        id: doc._id,
        patch: { set: changes, inc: { version: 1 } },
        expect: { version: doc.version },
      },
      auditWrite(principal, now, 'admin.feedback.reply', doc._id, {
        fields: ['reply'],
        summary: { memberId: doc.memberId, replaced: doc.reply !== null },
      }),
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) {
      throw new AppError('CONFLICT', '该条意见建议刚被其他管理员回复，请刷新后查看');
    }
    throw error;
  }
  const [row] = await withMembers(deps, [{ ...doc, ...changes, version: doc.version + 1 }]);
  return row!;
}
