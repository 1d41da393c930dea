/**
 * The 会费到期提醒 subscription message. The template chosen in 公众平台 must have exactly
 * these fields, in this order:
 *
 * | key     | field    | value                                   |
 * | ------- | -------- | --------------------------------------- |
 * | thing1  | 会员姓名 | the member's name, at most 20 characters |
 * | date2   | 到期日期 | the expiry date, `2026年7月15日`         |
 * | thing3  | 温馨提示 | one of REMINDER_HINTS                    |
 *
 * A tap on the message opens the mini-program's home page, where 立即续费 is.
 */
import type { CalendarDate, ReminderKind } from '../../../typings';
import { chineseDate } from '../../core/dates';

/** WeChat's limit for a `thing` field, in characters. */
const THING_MAX = 20;

export const REMINDER_PAGE = 'pages/home/index';

export const REMINDER_HINTS: Record<ReminderKind, string> = {
  in30Days: '会费将于30天后到期，请及时续费',
  in7Days: '会费将于7天后到期，请及时续费',
  expiredYesterday: '会费已到期，请尽快续费',
};

/** A `thing` value: cut to 20 characters (code points, not UTF-16 units), with … when cut. */
export function thingValue(text: string): string {
  const chars = Array.from(text.trim());
  return chars.length <= THING_MAX ? chars.join('') : `${chars.slice(0, THING_MAX - 1).join('')}…`;
}

/** The template data of one reminder. */
export function reminderData(
  kind: ReminderKind,
  memberName: string,
  expiresOn: CalendarDate,
): Record<string, { value: string }> {
  return {
    thing1: { value: thingValue(memberName) },
    date2: { value: chineseDate(expiresOn) },
    thing3: { value: REMINDER_HINTS[kind] },
  };
}
