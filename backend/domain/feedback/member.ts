import type { FeedbackItem, Page } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import { FEEDBACK_NOT_FOUND, toFeedbackItem, type FeedbackDoc } from './model';

/** A reply landing while the member opens it: a few rounds settle which one they saw. */
const ATTEMPTS = 5;

/** The member's own suggestion; another member's is as missing as one that never existed. */
async function loadOwn(ctx: ActionContext<MemberPrincipal>, feedbackId: string) {
  const doc = await ctx.deps.store.get<FeedbackDoc>(COLLECTIONS.feedback, feedbackId);
  if (!doc || doc.memberId !== ctx.principal.memberId) {
    throw new AppError('NOT_FOUND', FEEDBACK_NOT_FOUND);
  }
  return doc;
}

/** 我的意见建议: the member's own, newest first, and how many replies are still unread. */
export async function listOwnFeedback(
  ctx: ActionContext<MemberPrincipal>,
  input: { page?: number; pageSize?: number },
): Promise<Page<FeedbackItem> & { unreadReplies: number }> {
  const { store } = ctx.deps;
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const mine = { where: { memberId: ctx.principal.memberId } };
  const [total, docs, unreadReplies] = await Promise.all([
    store.count(COLLECTIONS.feedback, mine),
    store.find<FeedbackDoc>(COLLECTIONS.feedback, mine, {
      orderBy: [
        { field: 'createdAt', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    }),
    store.count(COLLECTIONS.feedback, {
      where: { memberId: ctx.principal.memberId, replyUnread: true },
    }),
  ]);
  return { items: docs.map(toFeedbackItem), total, page, pageSize, unreadReplies };
}

/**
 * Opens one of the member's suggestions: its reply counts as read. The mark is lifted only
 * on the version the member is shown, so a newer reply landing meanwhile stays unread.
 */
export async function viewOwnFeedback(
  ctx: ActionContext<MemberPrincipal>,
  feedbackId: string,
): Promise<FeedbackItem> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const doc = await loadOwn(ctx, feedbackId);
    if (!doc.replyUnread) return toFeedbackItem(doc);
    const read = await ctx.deps.store.update(
      COLLECTIONS.feedback,
      doc._id,
      { set: { replyUnread: false } },
      { version: doc.version, replyUnread: true },
    );
    if (read) return toFeedbackItem({ ...doc, replyUnread: false });
  }
  throw new AppError('CONFLICT', '回复刚刚更新，请刷新后查看');
}
