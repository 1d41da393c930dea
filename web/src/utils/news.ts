/**
 * 机构动态 and 意见建议 without the pages: the limits the backend checks, characters counted
 * as it counts them, and the check of a picked picture. Nothing here calls the backend.
 */

/** The landing page's list: a short page, each row mints a cover link. */
export const NEWS_PAGE_SIZE = 10;

/** As admin.news.save checks it. */
export const NEWS_TITLE_MAX = 100;

/** The cover as the editor holds it: `saved` once the item keeps it (files.link opens it). */
export interface CoverDraft {
  fileId: string;
  name: string;
  saved: boolean;
}

/** As feedback.submit and admin.feedback.reply check them, in characters (code points). */
export const FEEDBACK_TEXT = { min: 5, max: 500 } as const;
export const FEEDBACK_CONTACT_MAX = 50;
export const FEEDBACK_PICTURES_MAX = 3;
export const FEEDBACK_REPLY = { min: 2, max: 500 } as const;

/** 意见建议's console tabs: 待回复 first, the secretariat's queue. */
export type FeedbackTab = 'open' | 'replied' | 'all';
export const FEEDBACK_TABS: readonly FeedbackTab[] = ['open', 'replied', 'all'];

/** The tab as admin.feedback.list's `replied` filter. */
export function repliedFilter(tab: FeedbackTab): boolean | undefined {
  return tab === 'all' ? undefined : tab === 'replied';
}

/** A cover or a suggestion's picture: JPEG or PNG, at most 10 MiB (the upload's own limit). */
export const PICTURE_TYPES: readonly string[] = ['image/jpeg', 'image/png'];
export const PICTURE_ACCEPT = '.jpg,.jpeg,.png,image/jpeg,image/png';
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024;

/** Why a picked picture is not uploaded, before the server's own check of its bytes. */
export function pictureProblem(file: File): 'badType' | 'tooLarge' | null {
  const typed = PICTURE_TYPES.includes(file.type);
  const named = file.type === '' && /\.(jpe?g|png)$/i.test(file.name);
  if (!typed && !named) return 'badType';
  if (file.size === 0 || file.size > MAX_PICTURE_BYTES) return 'tooLarge';
  return null;
}
