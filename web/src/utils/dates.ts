/** The society's time zone: what members read as a time is China time, wherever they are. */
const SOCIETY_TZ = 'Asia/Shanghai';

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: SOCIETY_TZ,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as China time, e.g. `12月4日 22:15`. */
export function formatTime(at: Date): string {
  const parts = Object.fromEntries(timeFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** An instant as China time with its year, e.g. `2026年12月4日 22:15`, for past events. */
export function formatDateTime(at: Date): string {
  const parts = Object.fromEntries(timeFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

/** A `YYYY-MM-DD` calendar date as members write it: 2026年12月31日. */
export function formatCalendarDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

const SHANGHAI_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: SOCIETY_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the picker shows it: `YYYY-MM-DD HH:mm` in China time, whatever the PC's zone. */
export function pickerTime(at: string): string {
  const parts = Object.fromEntries(
    SHANGHAI_PARTS.formatToParts(new Date(at)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The picker's `YYYY-MM-DD HH:mm[:ss]`, read as China time (UTC+8, no summer time); null for ''. */
export function instantOfPicker(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!match) return null;
  return new Date(`${match[1]}T${match[2]}:00+08:00`).toISOString();
}
