import type { AdminFeedback, ContentFile, FeedbackItem, Instant } from '../../../typings';
import { maskPhone } from '../../core/mask';
import type { Doc } from '../../ports/store';
import type { MemberDoc } from '../members/model';

/**
 * One 意见建议. `requestKey` (memberId:requestId, unique) makes a double tap one suggestion.
 * `text` is the member's own words, kept as written (trimmed): it goes to no log.
 */
export interface FeedbackDoc extends Doc {
  requestKey: string;
  memberId: string;
  /** The member's name and number when written, for a member since removed. */
  memberName: string;
  memberNo: string | null;
  text: string;
  /** JPEGs and PNGs kept under `feedback/<memberId>/<id>/` (files/attachments.ts). */
  pictures: ContentFile[];
  contact: string | null;
  check: FeedbackItem['check'];
  /** WeChat's label of a text it wants a person to look at (msgSecCheck); null otherwise. */
  checkLabel: string | null;
  createdAt: Instant;
  reply: { text: string; repliedAt: Instant } | null;
  /** Who replied last, for the audit trail's readers. */
  repliedBy: string | null;
  /** For the console's 已回复 / 未回复 filter: never missing, unlike `reply`'s fields. */
  replied: boolean;
  /** A reply the member has not opened yet. */
  replyUnread: boolean;
  updatedAt: Instant;
  /** Counts the replies: a reply is guarded on the version it read. */
  version: number;
}

/** The same answer for another member's suggestion and one that never existed. */
export const FEEDBACK_NOT_FOUND = '未找到该条意见建议';

export function toFeedbackItem(doc: FeedbackDoc): FeedbackItem {
  return {
    id: doc._id,
    text: doc.text,
    pictures: doc.pictures,
    contact: doc.contact,
    createdAt: doc.createdAt,
    check: doc.check,
    reply: doc.reply,
    replyUnread: doc.reply !== null && doc.replyUnread,
  };
}

/** The console's row: the member as they are now (phone masked), or as they wrote. */
export function toAdminFeedback(doc: FeedbackDoc, member: MemberDoc | null): AdminFeedback {
  const { replyUnread: _unread, ...item } = toFeedbackItem(doc);
  return {
    ...item,
    memberId: doc.memberId,
    memberName: member?.name ?? doc.memberName,
    memberNo: member ? member.memberNo : doc.memberNo,
    phoneMasked: member ? maskPhone(member.phone) : '',
  };
}
