/**
 * The period a confirmed renewal buys, on Asia/Shanghai calendar dates (`YYYY-MM-DD`). Pure
 * integer arithmetic on the date's parts: nothing here reads the clock or the process's
 * time zone, so the answer is the same on a server in UTC and in Shanghai.
 */
import type { CalendarDate } from '../../../typings';

interface Parts {
  year: number;
  month: number;
  day: number;
}

function parse(date: CalendarDate): Parts {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function format({ year, month, day }: Parts): CalendarDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** `date` plus `days` (may be negative), through the proleptic Gregorian calendar in UTC. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = parse(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return format({
    year: moved.getUTCFullYear(),
    month: moved.getUTCMonth() + 1,
    day: moved.getUTCDate(),
  });
}

/** The same day `years` later; 29 February in a year without one becomes 1 March. */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  const { year, month, day } = parse(date);
  const target = year + years;
  if (month === 2 && day === 29 && !isLeapYear(target)) {
    return format({ year: target, month: 3, day: 1 });
  }
  return format({ year: target, month, day });
}

/**
 * The new period of a renewal for `years`, decided on `today`: a member whose dues are
 * current (today ≤ expiresOn, the last covered day) continues from the day after it; a lapsed
 * member, or one whose expiry the roster does not know, starts today. It ends `years` later,
 * minus one day (2024-02-29 for one year ends 2025-02-28; 2023-03-01 ends 2024-02-29).
 */
export function renewalPeriod(
  expiresOn: CalendarDate | null,
  today: CalendarDate,
  years: number,
): { from: CalendarDate; until: CalendarDate } {
  // `YYYY-MM-DD` strings compare as the dates they name.
  const from = expiresOn !== null && today <= expiresOn ? addDays(expiresOn, 1) : today;
  return { from, until: addDays(addYears(from, years), -1) };
}
