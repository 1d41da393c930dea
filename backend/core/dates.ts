import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The society's time zone: calendar dates, years and days are those of China. */
export const SOCIETY_TZ = 'Asia/Shanghai';

/** The Asia/Shanghai calendar date of an instant, as `YYYY-MM-DD`. */
export function calendarDate(at: Date): string {
  return dayjs(at).tz(SOCIETY_TZ).format('YYYY-MM-DD');
}

/** The Asia/Shanghai calendar year of an instant. */
export function calendarYear(at: Date): number {
  return dayjs(at).tz(SOCIETY_TZ).year();
}

/** Whole days from calendar date `from` to calendar date `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

/** True when `value` is a real `YYYY-MM-DD` calendar date (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return dayjs.utc(value).format('YYYY-MM-DD') === value;
}

/** A calendar date as Chinese text: 2026-03-05 → 2026年3月5日. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

// Times as members and the secretariat read them: China time, whatever the server's zone.
const china = (at: string | Date) => dayjs(at).tz(SOCIETY_TZ);

/** 14:05 */
export const chinaClock = (at: string | Date) => china(at).format('HH:mm');

/** 6月20日 09:00 */
export const chinaMoment = (at: string | Date) => china(at).format('M月D日 HH:mm');

/** 2026-06-20 09:00, for a workbook. */
export const chinaDateTime = (at: string | Date) => china(at).format('YYYY-MM-DD HH:mm');
