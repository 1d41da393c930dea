/**
 * 通知 without the pages: the limits the backend checks, the deadline between the picker's
 * China time and an instant, the editor's HTML made ready to send, and the export's download.
 * Nothing here calls the backend.
 */
import type { NoticeReplyForm } from '../../../typings';
import { instantOfPicker, pickerTime } from './dates';

/** As admin.notices.save checks them. */
export const MAX_ATTACHMENTS = 9;
export const TITLE_MAX = 100;
export const OPTION_COUNT = { min: 2, max: 6 } as const;
export const OPTION_MAX_LENGTH = 20;
/** A text reply, in characters (code points). */
export const REPLY_TEXT_MAX = 500;

/** What a notice may carry: documents, sheets and pictures, each at most 10 MiB. */
export const ATTACHMENT_TYPES: readonly string[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
export const ATTACHMENT_ACCEPT = `.pdf,.jpg,.jpeg,.png,.docx,.xlsx,${ATTACHMENT_TYPES.join(',')}`;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** An attachment as the editor lists it: `saved` once the notice holds it (it opens then). */
export interface AttachmentDraft {
  fileId: string;
  name: string;
  size: number;
  saved: boolean;
}

/** Why a picked file is not uploaded, before the server's own check of its bytes. */
export function attachmentProblem(file: File): 'badType' | 'tooLarge' | null {
  // Some systems give no type for a known extension; the name then stands in for it.
  const typed = ATTACHMENT_TYPES.includes(file.type);
  const named = file.type === '' && /\.(pdf|jpe?g|png|docx|xlsx)$/i.test(file.name);
  if (!typed && !named) return 'badType';
  if (file.size === 0 || file.size > MAX_ATTACHMENT_BYTES) return 'tooLarge';
  return null;
}

/** The reply form as the editor holds it: the deadline as the picker writes it, or ''. */
export interface ReplyDraft {
  kind: NoticeReplyForm['kind'];
  options: string[];
  /** `YYYY-MM-DD HH:mm`, China time. */
  deadline: string;
}

/** A choice form's starting options: the commonest question a notice asks. */
export const DEFAULT_OPTIONS = ['参加', '不参加'];

export function replyDraftOf(form: NoticeReplyForm): ReplyDraft {
  return {
    kind: form.kind,
    options: form.kind === 'choice' ? [...form.options] : [...DEFAULT_OPTIONS],
    deadline: form.deadline ? pickerTime(form.deadline) : '',
  };
}

/** The draft as admin.notices.save takes it: options only for a choice, trimmed. */
export function replyFormOf(draft: ReplyDraft): NoticeReplyForm {
  return {
    kind: draft.kind,
    options: draft.kind === 'choice' ? draft.options.map((option) => option.trim()) : [],
    deadline: draft.kind === 'none' ? null : instantOfPicker(draft.deadline),
  };
}
