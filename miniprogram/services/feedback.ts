import type { FeedbackItem, Page } from '../../typings/actions';
import { absoluteFileUrl } from './file-url';
import { callAction } from './transport';

/** Suggestions per 加载更多; the backend takes 1-100. */
export const FEEDBACK_PAGE_SIZE = 20;

/** What 提交 sends: the text, the uploaded pictures' ids, the contact (null without one). */
export interface FeedbackSubmission {
  text: string;
  pictureFileIds: string[];
  contact: string | null;
  /** Made once per form: a double tap, or a retry after a lost answer, stores one. */
  requestId: string;
}

/** One page (from 1) of the member's own suggestions, newest first, and the unread replies. */
export function listFeedback(
  page: number,
): Promise<Page<FeedbackItem> & { unreadReplies: number }> {
  return callAction('feedback.list', { page, pageSize: FEEDBACK_PAGE_SIZE });
}

/** How many replies the member has not opened yet: the dot on the home page's 意见建议. */
export async function unreadReplyCount(): Promise<number> {
  return (await callAction('feedback.list', { page: 1, pageSize: 1 })).unreadReplies;
}

/** Opens one suggestion: its reply counts as read. Answers it as it now stands. */
export function viewFeedback(feedbackId: string): Promise<FeedbackItem> {
  return callAction('feedback.view', { feedbackId });
}

/** 意见建议 → 提交. Answers the stored suggestion (the first one for a repeated requestId). */
export function submitFeedback(submission: FeedbackSubmission): Promise<FeedbackItem> {
  return callAction('feedback.submit', submission);
}

/** A short-lived address of one of the member's own pictures, for wx.downloadFile. */
export async function pictureLink(fileId: string): Promise<string> {
  return absoluteFileUrl((await callAction('files.link', { fileId })).url);
}
