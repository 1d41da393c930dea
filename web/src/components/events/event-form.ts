/**
 * 会内活动 without the pages: the limits admin.events.save checks, the editor's form between the
 * pickers' China time and instants, a registration's state, and an event's time as one range.
 * Nothing here calls the backend.
 */
import type {
  AdminEvent,
  EventRegistrationRow,
  EventTimes,
  MyEventRegistration,
} from '../../../../typings';
import { formatDateTime, formatTime } from '../../utils/dates';
import { instantOfPicker, pickerTime } from '../../utils/dates';
import type { AttendanceState } from './texts';

/** 报名名单's filter, as admin.events.registrations takes it ('all' sends none). */
export type RegistrationFilter = 'all' | 'registered' | 'cancelled' | 'checkedIn';
export const REGISTRATION_FILTERS: readonly RegistrationFilter[] = [
  'all',
  'registered',
  'cancelled',
  'checkedIn',
];

/** As admin.events.save checks them. */
export const TITLE_MAX = 100;
export const PLACE_MAX = 100;
export const CAPACITY = { min: 1, max: 10000 } as const;

/** The five times, in the order the editor shows them. */
export const TIME_FIELDS = [
  'startsAt',
  'endsAt',
  'registrationDeadline',
  'checkinStartsAt',
  'checkinEndsAt',
] as const satisfies readonly (keyof EventTimes)[];
export type TimeField = (typeof TIME_FIELDS)[number];

/** The editor's form: each time as its picker writes it, `YYYY-MM-DD HH:mm` China time, or ''. */
export interface EventDraft {
  title: string;
  place: string;
  html: string;
  capacity: number;
  times: Record<TimeField, string>;
}

/** How far before the start check-in opens when the editor fills it in: half an hour. */
const CHECKIN_LEAD_MS = 30 * 60_000;

export function blankEventDraft(): EventDraft {
  return {
    title: '',
    place: '',
    html: '',
    capacity: 50,
    times: {
      startsAt: '',
      endsAt: '',
      registrationDeadline: '',
      checkinStartsAt: '',
      checkinEndsAt: '',
    },
  };
}

/** The form holding what the backend stored. */
export function draftOfEvent(event: AdminEvent): EventDraft {
  return {
    title: event.title,
    place: event.place,
    html: event.html,
    capacity: event.capacity,
    times: {
      startsAt: pickerTime(event.startsAt),
      endsAt: pickerTime(event.endsAt),
      registrationDeadline: pickerTime(event.registrationDeadline),
      checkinStartsAt: pickerTime(event.checkinStartsAt),
      checkinEndsAt: pickerTime(event.checkinEndsAt),
    },
  };
}

/**
 * The times as instants, or the first one left empty (or unreadable): the form says which
 * before anything is sent. Their order is the backend's to check, with its own messages.
 */
export function timesOfDraft(
  draft: EventDraft,
): { times: EventTimes; missing: null } | { times: null; missing: TimeField } {
  const times: Partial<EventTimes> = {};
  for (const field of TIME_FIELDS) {
    const instant = instantOfPicker(draft.times[field]);
    if (instant === null) return { times: null, missing: field };
    times[field] = instant;
  }
  return { times: times as EventTimes, missing: null };
}

/**
 * The times an editor leaves blank once the start and end are picked: registration until the
 * start, check-in from half an hour before the start to the end. A time already set stays.
 */
export function fillBlankTimes(times: Record<TimeField, string>): void {
  const start = instantOfPicker(times.startsAt);
  const end = instantOfPicker(times.endsAt);
  if (start && !times.registrationDeadline) times.registrationDeadline = times.startsAt;
  if (start && !times.checkinStartsAt) {
    times.checkinStartsAt = pickerTime(
      new Date(new Date(start).getTime() - CHECKIN_LEAD_MS).toISOString(),
    );
  }
  if (end && !times.checkinEndsAt) times.checkinEndsAt = times.endsAt;
}

/** A member's registration as one state: checked in outranks registered. */
export function myAttendance(mine: MyEventRegistration | null): AttendanceState {
  if (!mine) return 'none';
  if (mine.checkedInAt) return 'checkedIn';
  return mine.status;
}

/** A row of 报名名单 as one state. */
export function rowAttendance(row: EventRegistrationRow): AttendanceState {
  return row.checkedInAt ? 'checkedIn' : row.status;
}

/** Colours of the states: green once there, blue when expected, grey otherwise. */
export const ATTENDANCE_THEMES = {
  none: 'default',
  registered: 'primary',
  cancelled: 'default',
  checkedIn: 'success',
} as const satisfies Record<AttendanceState, string>;

const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/**
 * Two instants as one China-time range: `2026年5月1日 09:00 – 17:00` within a day, else both
 * with their dates (the second without its year when that is the same).
 */
export function formatRange(from: string, to: string): string {
  const start = new Date(from);
  const end = new Date(to);
  const [startDay, endDay] = [dayOf.format(start), dayOf.format(end)];
  let endText = formatDateTime(end);
  if (startDay === endDay) endText = formatTime(end).split(' ')[1] ?? endText;
  else if (startDay.slice(0, 4) === endDay.slice(0, 4)) endText = formatTime(end);
  return `${formatDateTime(start)} – ${endText}`;
}
