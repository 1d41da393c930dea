import type { FeedbackItem } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { COLLECTIONS } from '../../schema/collections';
import { openSubmit, storeSubmit, type SubmitKind } from '../content/member-submit';
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

const FEEDBACK_SUBMIT: SubmitKind = {
  collection: COLLECTIONS.feedback,
  // A few suggestions a minute is a lot for one member; more is a script.
  rate: {
    scope: 'feedbackSubmit',
    perMinute: SUBMITS_PER_MINUTE,
    message: '提交过于频繁，请一分钟后再试',
  },
  audit: { action: 'feedback.submit', fields: ['feedback'] },
  files: {
    types: PICTURE_TYPES,
    field: 'pictureFileIds',
    taken: '图片已用于另一条意见建议，请重新上传',
  },
};

/**
 * 意见建议 → 提交. A repeat of the same `requestId` answers the suggestion the first one
 * stored, even when both arrive at once (content/member-submit.ts). The text passes WeChat's
 * content check where one can run (check.ts); the pictures, the member's own JPEG or PNG
 * uploads, move under the suggestion in the batch that stores it.
 */
export async function submitFeedback(
  ctx: ActionContext<MemberPrincipal>,
  input: FeedbackInput,
): Promise<FeedbackItem> {
  const { principal, now } = ctx;
  const { requestKey, repeat } = await openSubmit<FeedbackDoc>(
    ctx,
    FEEDBACK_SUBMIT,
    input.requestId,
  );
  if (repeat) return toFeedbackItem(repeat);

  const member = await loadOwnMember(ctx);
  const { check, label } = await checkFeedbackText(ctx, input.text);
  return storeSubmit(ctx, FEEDBACK_SUBMIT, {
    requestKey,
    fileIds: input.pictureFileIds,
    target: (feedbackId) => ({ folder: 'feedback', memberId: principal.memberId, feedbackId }),
    answer: toFeedbackItem,
    build: (id, pictures) => {
      const at = now.toISOString();
      const doc: FeedbackDoc = {
        _id: id,
        requestKey,
        memberId: principal.memberId,
        memberName: member.name,
        memberNo: member.memberNo,
        text: input.text,
        pictures,
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
      return { doc, summary: { pictures: pictures.length, check } };
    },
  });
}
