import type { NoticeDetail, NoticeSummary, Page } from '../../typings/actions';
import { absoluteFileUrl } from './file-url';
import { callAction } from './transport';

/** Notices per 加载更多; the backend takes 1-100. */
export const NOTICES_PAGE_SIZE = 20;

/** One page (from 1) of the published notices, newest first, with this member's marks. */
export function listNotices(page: number): Promise<Page<NoticeSummary> & { unread: number }> {
  return callAction('notices.list', { page, pageSize: NOTICES_PAGE_SIZE });
}

/** How many published notices the member has not opened yet: the home page's badge. */
export async function unreadNoticeCount(): Promise<number> {
  return (await callAction('notices.list', { page: 1, pageSize: 1 })).unread;
}

/** Opens a notice: it counts as read, and the first opening earns 查看通知. */
export function viewNotice(noticeId: string): Promise<NoticeDetail> {
  return callAction('notices.view', { noticeId });
}

/** The member's answer: one of a `choice` form's options, or the text of a `text` form. */
export type NoticeAnswer = { choice: string } | { text: string };

/**
 * 提交反馈 / 修改反馈: until the deadline a later answer replaces the earlier one; the first
 * earns 反馈通知. Answers the notice as it now stands.
 */
export function replyToNotice(noticeId: string, answer: NoticeAnswer): Promise<NoticeDetail> {
  return callAction('notices.feedback', { noticeId, ...answer });
}

/**
 * A short-lived address of one of a published notice's attachments. The local server may
 * answer a path of its own; it is made absolute so wx.downloadFile can fetch it.
 */
export async function attachmentLink(fileId: string): Promise<string> {
  return absoluteFileUrl((await callAction('files.link', { fileId })).url);
}
