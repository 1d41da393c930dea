import type { FeedbackItem } from '../../typings/actions';
import { fill, zhCN } from '../locales/zh-CN';
import { shanghaiTime } from './dues-view';
import { unfinishedUpload, type UploadRow } from './upload-rows';

const t = zhCN.feedback;

/** The text's length in characters (code points, as the backend counts: an emoji is one). */
export const MIN_TEXT = 5;
export const MAX_TEXT = 500;
/** The contact's length, counted as the backend counts it (UTF-16 units after trimming). */
export const MAX_CONTACT = 50;
export const MAX_PICTURES = 3;
/** The upload limit of `POST /api/files` (10 MiB): a larger picture is refused before sending. */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024;

/** One of the member's suggestions in the 意见建议 list. */
export interface FeedbackRow {
  id: string;
  text: string;
  /** Beijing time of writing, `2026-06-15 12:00`. */
  createdAt: string;
  /** The pictures' file ids, for 查看图片. */
  pictureIds: string[];
  /** 2张图片, or ''. */
  pictureCount: string;
  contact: string;
  /** 已回复 or 待回复, and the tag's colour. */
  status: string;
  statusTheme: 'success' | 'default';
  /** The secretariat's reply and 回复于 …, or '' before one. */
  reply: string;
  repliedAt: string;
  /** A reply the member has not opened yet: its mark shows until the suggestion is opened. */
  unread: boolean;
}

export function toFeedbackRow(item: FeedbackItem): FeedbackRow {
  return {
    id: item.id,
    text: item.text,
    createdAt: shanghaiTime(item.createdAt),
    pictureIds: item.pictures.map((picture) => picture.fileId),
    pictureCount:
      item.pictures.length > 0 ? fill(t.pictureCount, { count: item.pictures.length }) : '',
    contact: item.contact ?? '',
    status: item.reply ? t.replied : t.awaiting,
    statusTheme: item.reply ? 'success' : 'default',
    reply: item.reply?.text ?? '',
    repliedAt: item.reply ? fill(t.repliedAt, { at: shanghaiTime(item.reply.repliedAt) }) : '',
    unread: item.replyUnread,
  };
}

/** One chosen picture of the form: its thumbnail (the temporary path) and its upload. */
export interface PictureRow extends UploadRow {
  filePath: string;
}

export type FeedbackField = 'text' | 'pictures' | 'contact';

/** A suggestion the form would refuse, with the field it is about. */
export interface FeedbackProblem {
  field: FeedbackField;
  message: string;
}

/** Characters as the backend counts the text (code points). */
export function textLength(text: string): number {
  return Array.from(text).length;
}

/**
 * What the backend would refuse, checked before sending, top to bottom as the form shows the
 * fields: a text missing, too short or too long (trimmed), a picture still uploading or
 * failed, a contact over 50 characters. Null when it may go.
 */
export function feedbackProblem(form: {
  text: string;
  pictures: readonly PictureRow[];
  contact: string;
}): FeedbackProblem | null {
  const text = form.text.trim();
  if (text === '') return { field: 'text', message: t.textMissing };
  if (textLength(text) < MIN_TEXT) {
    return { field: 'text', message: fill(t.textTooShort, { min: MIN_TEXT }) };
  }
  if (textLength(text) > MAX_TEXT) {
    return { field: 'text', message: fill(t.textTooLong, { max: MAX_TEXT }) };
  }
  const unfinished = unfinishedUpload(form.pictures, t);
  if (unfinished) return { field: 'pictures', message: unfinished };
  if (form.contact.trim().length > MAX_CONTACT) {
    return { field: 'contact', message: fill(t.contactTooLong, { max: MAX_CONTACT }) };
  }
  return null;
}

/** The form field a refusal of the backend names (`text`, `pictureFileIds`, `contact`), or null. */
export function feedbackFieldOf(field: string | null): FeedbackField | null {
  if (field === 'pictureFileIds') return 'pictures';
  return field === 'text' || field === 'contact' ? field : null;
}
