import type {
  ApplicationResultKind,
  CalendarDate,
  Instant,
  ReminderKind,
  ReminderOutboxItem,
} from '../../../typings';
import type { Doc } from '../../ports/store';

/**
 * A member's acceptances of the 会费到期提醒 subscription message. `_id` is the member's id.
 * Each acceptance in the mini-program allows WeChat to deliver one message, so `credits`
 * counts the acceptances not yet spent.
 *
 * `openid` is the member's raw OPENID: sending needs it as `touser`. This is the one place
 * the system keeps it unhashed (sessions and bindings keep only its hash); it is never
 * logged and never answered to any client.
 */
export interface ReminderSubscriptionDoc extends Doc {
  credits: number;
  /** The template the acceptances were for; acceptances of another template do not count. */
  templateId: string;
  openid: string;
  updatedAt: Instant;
}

/** At most this many acceptances are kept: a member tapping 订阅 all day gains no more. */
export const MAX_CREDITS = 50;

/**
 * One message, sent or not. A reminder's `_id` is `memberId:kind:expiresOn`, so a job run
 * twice on a day (or a member seen twice) records one; an application's result is
 * `application:<id>:<reviewedAt>`, one per review. `memberName` is the name when it was
 * recorded.
 */
export interface OutboxDoc extends Doc {
  memberId: string | null;
  memberName: string;
  kind: ReminderKind | ApplicationResultKind;
  expiresOn: CalendarDate | null;
  applicationId: string | null;
  status: ReminderOutboxItem['status'];
  errorCode: string | null;
  createdAt: Instant;
}

export function outboxId(memberId: string, kind: ReminderKind, expiresOn: CalendarDate): string {
  return `${memberId}:${kind}:${expiresOn}`;
}
