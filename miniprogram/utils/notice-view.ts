import type {
  ContentFile,
  NoticeDetail,
  NoticeReply,
  NoticeReplyForm,
  NoticeSummary,
} from '../../typings/actions';
import { fill, zhCN } from '../locales/zh-CN';
import { richTextHtml, shanghaiDate } from './content-view';
import { shanghaiTime } from './dues-view';

/** The longest text reply, in characters (code points), as the backend counts it. */
export const MAX_REPLY_TEXT = 500;

/** Past this the home page's badge says 99+: the width of the badge stays that of two digits. */
const MAX_BADGE = 99;

/** How WeChat opens an attachment: the document viewer (with the file's type) or the previewer. */
export type AttachmentOpening =
  { kind: 'document'; fileType: 'pdf' | 'docx' | 'xlsx' | null } | { kind: 'image' };

const DOCUMENT_TYPES: Record<string, 'pdf' | 'docx' | 'xlsx'> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** One row of the 通知 list. */
export interface NoticeRow {
  id: string;
  title: string;
  /** The Beijing calendar date of publication. */
  date: string;
  unread: boolean;
  /** 需反馈 or 已反馈 when a reply is asked; '' otherwise. */
  tag: string;
  tagTheme: 'warning' | 'success';
  /** 截止 2026-06-20 18:00 when a reply is asked by a deadline; '' otherwise. */
  deadline: string;
  /** 2个附件, or ''. */
  attachments: string;
}

export interface AttachmentRow {
  fileId: string;
  name: string;
  size: string;
  opening: AttachmentOpening;
}

/** A notice as its page shows it. */
export interface NoticeView {
  id: string;
  title: string;
  /** Beijing time, `2026-06-15 12:00`. */
  publishedAt: string;
  /** The sanitised HTML, with the inline layout rich-text needs. */
  html: string;
  attachments: AttachmentRow[];
  replyKind: NoticeReplyForm['kind'];
  options: string[];
  /** 反馈截止时间：… , or '' without a deadline. */
  deadline: string;
  /** A reply is asked and still taken (the backend's judgement, on its clock). */
  canReply: boolean;
  /** The member's current reply as text and when it was last changed, or null. */
  myReply: { value: string; at: string } | null;
}

/** The reply form's fields as the member fills them, from the current reply. */
export interface ReplyDraft {
  choice: string;
  text: string;
}

/** A reply the form would refuse, with the field it is about. */
export interface ReplyProblem {
  field: 'choice' | 'text';
  message: string;
}

export function toNoticeRow(summary: NoticeSummary): NoticeRow {
  const t = zhCN.notices;
  const asked = summary.replyKind !== 'none';
  return {
    id: summary.id,
    title: summary.title,
    date: shanghaiDate(summary.publishedAt),
    unread: !summary.read,
    tag: asked ? (summary.replied ? t.replied : t.needsReply) : '',
    tagTheme: summary.replied ? 'success' : 'warning',
    deadline:
      asked && summary.deadline ? fill(t.deadline, { at: shanghaiTime(summary.deadline) }) : '',
    attachments:
      summary.attachmentCount > 0
        ? fill(t.attachmentCount, { count: summary.attachmentCount })
        : '',
  };
}

/** The home page's badge: '' with nothing unread, else the count (at most 99+). */
export function unreadBadge(count: number): string {
  if (count <= 0) return '';
  return count > MAX_BADGE ? `${MAX_BADGE}+` : String(count);
}

/** How WeChat should open a file of this content type; other types go to the document viewer. */
export function attachmentOpening(contentType: string): AttachmentOpening {
  if (contentType.startsWith('image/')) return { kind: 'image' };
  return { kind: 'document', fileType: DOCUMENT_TYPES[contentType] ?? null };
}

/** `356 KB`, `1.2 MB` (1 MB = 1024 KB, as the 10 MB upload limit counts). */
export function fileSizeText(bytes: number): string {
  const kb = bytes / 1024;
  if (kb < 1024) return `${Math.max(1, Math.round(kb))} KB`;
  return `${(kb / 1024).toFixed(1)} MB`;
}

function toAttachmentRow(file: ContentFile): AttachmentRow {
  return {
    fileId: file.fileId,
    name: file.name,
    size: fileSizeText(file.size),
    opening: attachmentOpening(file.contentType),
  };
}

/** The current reply as the page shows it: the choice or the text. */
function replyValue(reply: NoticeReply): string {
  return reply.choice ?? reply.text ?? '';
}

export function toNoticeView(notice: NoticeDetail): NoticeView {
  const t = zhCN.notices;
  const asked = notice.reply.kind !== 'none';
  return {
    id: notice.id,
    title: notice.title,
    publishedAt: shanghaiTime(notice.publishedAt),
    html: richTextHtml(notice.html),
    attachments: notice.attachments.map(toAttachmentRow),
    replyKind: notice.reply.kind,
    options: notice.reply.options,
    deadline:
      asked && notice.reply.deadline
        ? fill(t.replyDeadline, { at: shanghaiTime(notice.reply.deadline) })
        : '',
    canReply: notice.canReply,
    myReply: notice.myReply
      ? {
          value: replyValue(notice.myReply),
          at: fill(t.repliedAt, { at: shanghaiTime(notice.myReply.updatedAt) }),
        }
      : null,
  };
}

/** The form's fields, filled with the current reply so that 修改反馈 starts from it. */
export function replyDraftOf(notice: NoticeDetail): ReplyDraft {
  return { choice: notice.myReply?.choice ?? '', text: notice.myReply?.text ?? '' };
}

/** Characters as the backend counts them (code points: an emoji is one). */
export function replyLength(text: string): number {
  return Array.from(text).length;
}

/**
 * What the backend would refuse in the reply, checked before sending: no option chosen, an
 * empty text, a text over 500 characters. Null when it may go.
 */
export function replyProblem(
  kind: NoticeReplyForm['kind'],
  draft: ReplyDraft,
): ReplyProblem | null {
  const t = zhCN.notices;
  if (kind === 'choice') {
    return draft.choice ? null : { field: 'choice', message: t.choiceMissing };
  }
  const text = draft.text.trim();
  if (text === '') return { field: 'text', message: t.textMissing };
  if (replyLength(text) > MAX_REPLY_TEXT) {
    return { field: 'text', message: fill(t.textTooLong, { max: MAX_REPLY_TEXT }) };
  }
  return null;
}

/** The reply field a refusal of the backend names (`choice`, `text`), or null. */
export function replyFieldOf(field: string | null): ReplyProblem['field'] | null {
  return field === 'choice' || field === 'text' ? field : null;
}
