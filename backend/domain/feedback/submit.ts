import { assertRateLimit } from '../auth/guards';
import { randomUUID } from 'node:crypto';
import type { FeedbackItem } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import {
  prepareAttachments,
  removeStoredFiles,
  type PreparedAttachment,
} from '../files/attachments';
import { loadOwnMember } from '../members/member-writes';
import { checkFeedbackText } from './check';
import { toFeedbackItem, type FeedbackDoc } from './model';

/** Suggestions one member may submit per minute. */
const SUBMITS_PER_MINUTE = 5;

export const PICTURE_TYPES = '图片只能是 JPG 或 PNG 格式';

export interface FeedbackInput {
  text: string;
  pictureFileIds: string[];
  contact?: string | null;
  requestId: string;
}

async function findByRequest(ctx: ActionContext<MemberPrincipal>, requestKey: string) {
  const [found] = await ctx.deps.store.find<FeedbackDoc>(COLLECTIONS.feedback, {
    where: { requestKey },
  });
  return found ?? null;
}

/**
 * 意见建议 → 提交. A repeat of the same `requestId` answers the suggestion the first one
 * stored, even when both arrive at once: the unique `requestKey` lets one insert win. The
 * text passes WeChat's content check where one can run (check.ts); the pictures, the
 * member's own JPEG or PNG uploads, move under the suggestion in the batch that stores it.
 */
export async function submitFeedback(
  ctx: ActionContext<MemberPrincipal>,
  input: FeedbackInput,
): Promise<FeedbackItem> {
  const { deps, principal, now } = ctx;
  const requestKey = `${principal.memberId}:${input.requestId}`;
  const repeat = await findByRequest(ctx, requestKey);
  if (repeat) return toFeedbackItem(repeat);
  // A few suggestions a minute is a lot for one member; more is a script.
  await assertRateLimit(
    deps,
    'feedbackSubmit',
    principal.memberId,
    SUBMITS_PER_MINUTE,
    now,
    '提交过于频繁，请一分钟后再试',
  );

  const member = await loadOwnMember(ctx);
  const { check, label } = await checkFeedbackText(ctx, input.text);
  const id = randomUUID();
  let prepared: PreparedAttachment[];
  try {
    prepared = await prepareAttachments(
      deps,
      principal,
      input.pictureFileIds,
      { folder: 'feedback', memberId: principal.memberId, feedbackId: id },
      PICTURE_TYPES,
      'pictureFileIds',
    );
  } catch (error) {
    // A picture already kept may be kept by this very request, stored meanwhile.
    const winner = await findByRequest(ctx, requestKey);
    if (winner) return toFeedbackItem(winner);
    throw error;
  }

  const at = now.toISOString();
  const doc: FeedbackDoc = {
    _id: id,
    requestKey,
    memberId: principal.memberId,
    memberName: member.name,
    memberNo: member.memberNo,
    text: input.text,
    pictures: prepared.map((p) => p.file),
    contact: input.contact ?? null,
    check,
    checkLabel: label,
    createdAt: at,
    reply: null,
    repliedBy: null,
    replied: false,
    replyUnread: false,
    updatedAt: at,
    version: 1,
  };
  try {
    await deps.store.batch([
      { op: 'insert', collection: COLLECTIONS.feedback, doc },
      ...prepared.map((p) => p.write),
      auditWrite(principal, now, 'feedback.submit', id, {
        fields: ['feedback'],
        summary: { pictures: prepared.length, check },
      }),
    ]);
  } catch (error) {
    await removeStoredFiles(
      deps,
      prepared.map((p) => p.copy),
    );
    if (!(error instanceof StoreConflictError)) throw error;
    // The same request won elsewhere, or a picture went to another suggestion meanwhile.
    const winner = await findByRequest(ctx, requestKey);
    if (winner) return toFeedbackItem(winner);
    if (error.collection === COLLECTIONS.files) {
      throw new AppError('CONFLICT', '图片已用于另一条意见建议，请重新上传', {
        field: 'pictureFileIds',
      });
    }
    throw error;
  }
  await removeStoredFiles(
    deps,
    prepared.map((p) => p.original),
  );
  return toFeedbackItem(doc);
}
