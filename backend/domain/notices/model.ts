import type {
  AdminNotice,
  ContentFile,
  ContentStatus,
  Instant,
  NoticeDetail,
  NoticeReply,
  NoticeReplyForm,
  NoticeSummary,
} from '../../../typings';
import type { Doc } from '../../ports/store';

/** One 通知. `requestKey` (admin:requestId) makes a draft's creation idempotent. */
export interface NoticeDoc extends Doc {
  requestKey: string;
  title: string;
  /** Sanitised on the way in (content/rich-text.ts). */
  html: string;
  attachments: ContentFile[];
  reply: NoticeReplyForm;
  status: ContentStatus;
  createdAt: Instant;
  createdBy: string;
  updatedAt: Instant;
  publishedAt: Instant | null;
  /** Counted as members open and answer it, so the console's figures read no list. */
  readers: number;
  replies: number;
}

/**
 * A member's reading of a notice and their reply. `_id` is `noticeId:memberId`: inserted on
 * the first opening, so the reading (and its 查看通知 points) happens once.
 */
export interface NoticeReadDoc extends Doc {
  noticeId: string;
  memberId: string;
  readAt: Instant;
  replied: boolean;
  reply: NoticeReply | null;
}

export const readId = (noticeId: string, memberId: string) => `${noticeId}:${memberId}`;

/** Replies are taken until the deadline, if one is set. */
export function replyOpen(doc: NoticeDoc, now: Date): boolean {
  if (doc.reply.kind === 'none') return false;
  return doc.reply.deadline === null || now.toISOString() < doc.reply.deadline;
}

export function toSummary(doc: NoticeDoc, read: NoticeReadDoc | null): NoticeSummary {
  return {
    id: doc._id,
    title: doc.title,
    publishedAt: doc.publishedAt ?? doc.createdAt,
    read: read !== null,
    replyKind: doc.reply.kind,
    replied: read?.replied ?? false,
    deadline: doc.reply.deadline,
    attachmentCount: doc.attachments.length,
  };
}

export function toDetail(doc: NoticeDoc, read: NoticeReadDoc | null, now: Date): NoticeDetail {
  return {
    ...toSummary(doc, read),
    html: doc.html,
    attachments: doc.attachments,
    reply: doc.reply,
    myReply: read?.reply ?? null,
    canReply: replyOpen(doc, now),
  };
}

export function toAdminNotice(
  doc: NoticeDoc,
  byChoice: { choice: string; count: number }[],
): AdminNotice {
  return {
    id: doc._id,
    title: doc.title,
    html: doc.html,
    attachments: doc.attachments,
    reply: doc.reply,
    status: doc.status,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    publishedAt: doc.publishedAt,
    stats: { readers: doc.readers, replies: doc.replies, byChoice },
  };
}
