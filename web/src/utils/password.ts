import { zhCN } from '../locales/zh-CN';

/** The backend's limits on a new password; it also refuses common ones and the phone number. */
const MIN_LENGTH = 8;
const MAX_LENGTH = 128;

/**
 * Why a new password would certainly be refused, or null. Only the checks that need no data
 * are made here, to answer at once; the backend has the last word and says why.
 */
export function passwordProblem(next: string, current: string): string | null {
  if (next.length < MIN_LENGTH) return zhCN.password.nextTooShort;
  if (next.length > MAX_LENGTH) return zhCN.password.nextTooLong;
  if (next === current) return zhCN.password.nextSameAsCurrent;
  return null;
}
