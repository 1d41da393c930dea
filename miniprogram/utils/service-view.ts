import type { ServiceApplicationStatus } from '../../typings/enums';
import type { ServiceApplication } from '../../typings/services';
import { fill, zhCN } from '../locales/zh-CN';
import { shanghaiTime } from './dues-view';
import { textLength } from './feedback-view';
import { unfinishedUpload, type UploadRow } from './upload-rows';

/** The application's text in characters (code points, trimmed), as the backend counts it. */
export const MIN_TEXT = 5;
export const MAX_TEXT = 1000;
export const MAX_ATTACHMENTS = 9;
/** The upload limit of `POST /api/files` (10 MiB): a larger file is refused before sending. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** What a chat may hand in besides photos: the documents the backend keeps (not .doc/.xls). */
export const CHAT_EXTENSIONS = ['pdf', 'docx', 'xlsx'] as const;

/** tdesign tag themes of the statuses: waiting, in hand, done, refused. */
const STATUS_THEME: Record<ServiceApplicationStatus, 'warning' | 'primary' | 'success' | 'danger'> =
  {
    submitted: 'warning',
    accepted: 'primary',
    completed: 'success',
    rejected: 'danger',
  };

export { textLength };

/** One step of 办理进度, oldest first. */
export interface ApplicationStepRow {
  status: string;
  at: string;
  reply: string;
}

/** One row of 我的申请. */
export interface ApplicationRow {
  id: string;
  serviceName: string;
  text: string;
  /** 申请于 2026-06-15 12:00 (Beijing time). */
  appliedAt: string;
  status: string;
  statusTheme: string;
  /** The secretariat's latest reply, or ''. */
  reply: string;
  /** 2个附件, or ''. */
  attachments: string;
  /** 积分 +1 while the point stands, or ''. */
  points: string;
  /** Said instead of the point once the application was judged invalid, or ''. */
  pointsWithdrawn: string;
  steps: ApplicationStepRow[];
}

export function statusLabel(status: ServiceApplicationStatus): string {
  return zhCN.services.statuses[status] ?? status;
}

export function toApplicationRow(application: ServiceApplication): ApplicationRow {
  const t = zhCN.services;
  const count = application.attachments.length;
  return {
    id: application.id,
    serviceName: application.serviceName,
    text: application.text,
    appliedAt: fill(t.appliedAt, { at: shanghaiTime(application.createdAt) }),
    status: statusLabel(application.status),
    statusTheme: STATUS_THEME[application.status] ?? 'default',
    reply: application.reply ?? '',
    attachments: count > 0 ? fill(t.attachmentCount, { count }) : '',
    points:
      !application.invalid && application.points > 0
        ? fill(t.pointsEarned, { points: application.points })
        : '',
    pointsWithdrawn: application.invalid ? t.pointsWithdrawn : '',
    steps: application.history.map((step) => ({
      status: statusLabel(step.status),
      at: shanghaiTime(step.at),
      reply: step.reply ?? '',
    })),
  };
}

/** One chosen file of the form: its name and its upload. */
export interface AttachmentRow extends UploadRow {
  name: string;
}

/** The message for the first chosen file over 10 MB, or null when all may be uploaded. */
export function oversizedAttachment(
  chosen: readonly { name: string; size: number }[],
): string | null {
  const big = chosen.find((file) => file.size > MAX_ATTACHMENT_BYTES);
  return big ? fill(zhCN.serviceApply.attachmentTooLarge, { name: big.name }) : null;
}

export type ServiceApplyField = 'text' | 'attachments';

/** An application the form would refuse, with the field it is about. */
export interface ServiceApplyProblem {
  field: ServiceApplyField;
  message: string;
}

/**
 * What the backend would refuse, checked before sending, top to bottom as the form shows the
 * fields: a text missing, too short or too long (trimmed), an attachment still uploading or
 * failed. Null when it may go.
 */
export function serviceApplyProblem(form: {
  text: string;
  attachments: readonly AttachmentRow[];
}): ServiceApplyProblem | null {
  const t = zhCN.serviceApply;
  const text = form.text.trim();
  if (text === '') return { field: 'text', message: t.textMissing };
  const length = textLength(text);
  if (length < MIN_TEXT || length > MAX_TEXT) {
    return { field: 'text', message: fill(t.textLength, { min: MIN_TEXT, max: MAX_TEXT }) };
  }
  const unfinished = unfinishedUpload(form.attachments, t);
  return unfinished ? { field: 'attachments', message: unfinished } : null;
}

/** The form field a refusal of the backend names (`text`, `attachmentFileIds`), or null. */
export function serviceApplyFieldOf(field: string | null): ServiceApplyField | null {
  if (field === 'text') return 'text';
  return field === 'attachmentFileIds' ? 'attachments' : null;
}
