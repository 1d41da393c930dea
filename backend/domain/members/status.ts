import type { MemberStatus } from '../../../typings';
import { daysBetween } from '../../core/dates';

/** Within this many days of the expiry date the home page says 即将到期. */
export const EXPIRING_WITHIN_DAYS = 30;

/**
 * The dues status on `today` (an Asia/Shanghai calendar date). The expiry date is the last
 * day covered: on that day the membership is still valid, the day after it has expired.
 */
export function memberStatus(expiresOn: string | null, today: string): MemberStatus {
  if (!expiresOn) return 'unknown';
  const left = daysBetween(today, expiresOn);
  if (left < 0) return 'expired';
  if (left <= EXPIRING_WITHIN_DAYS) return 'expiring';
  return 'active';
}
