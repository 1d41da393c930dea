/**
 * 通知 without the pages: the limits the backend checks, the deadline between the picker's
 * China time and an instant, the editor's HTML made ready to send, and the export's download.
 * Nothing here calls the backend.
 */
import type { ContentStatus, NoticeReplyForm } from '../../../typings';

/** 通知管理's tabs: the three states, then every notice. */
export type NoticeTab = ContentStatus | 'all';
export const NOTICE_TABS: readonly NoticeTab[] = ['draft', 'published', 'withdrawn', 'all'];

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

const SHANGHAI_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the picker shows it: `YYYY-MM-DD HH:mm` in China time, whatever the PC's zone. */
export function pickerTime(at: string): string {
  const parts = Object.fromEntries(
    SHANGHAI_PARTS.formatToParts(new Date(at)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The picker's `YYYY-MM-DD HH:mm[:ss]`, read as China time (UTC+8, no summer time); null for ''. */
export function instantOfPicker(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!match) return null;
  return new Date(`${match[1]}T${match[2]}:00+08:00`).toISOString();
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Hands a workbook the backend sent as base64 to the browser as a download named `fileName`. */
export function saveWorkbook(fileName: string, contentBase64: string): void {
  const binary = atob(contentBase64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click has handed the bytes over; a later revoke keeps a slow browser from losing them.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
