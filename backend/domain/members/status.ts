import type { MemberStatus } from '../../../typings';
import { daysBetween } from '../../core/dates';

/** Within this many days of the expiry date the home page says 即将到期. */
export const EXPIRING_WITHIN_DAYS = 30;

/**
 * The dues status on `today` (an Asia/Shanghai calendar date). The expiry date is the last
 * day covered: on that day the membership is still valid, the day after it has expired.
 * Without an expiry date: 待缴费 for a member approved through 入会申请 (the first confirmed
 * payment starts the period), 未知 for a roster member whose roster gave none.
 */
export function memberStatus(
  member: { expiresOn: string | null; applicationId?: string },
  today: string,
): MemberStatus {
  const { expiresOn } = member;
  if (!expiresOn) return member.applicationId ? 'awaitingFirstDues' : 'unknown';
  const left = daysBetween(today, expiresOn);
  if (left < 0) return 'expired';
  if (left <= EXPIRING_WITHIN_DAYS) return 'expiring';
  return 'active';
}
