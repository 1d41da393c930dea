import type { Instant } from '../../typings/actions';
import type { EventDetail, EventSummary, MyEventRegistration } from '../../typings/events';
import { fill, zhCN } from '../locales/zh-CN';
import { richTextHtml } from './content-view';
import { shanghaiTime } from './dues-view';

/** Where the member stands with an event: 已报名, 已取消, or 已签到 once checked in. */
export type MyEventStatus = 'registered' | 'cancelled' | 'checkedIn';

const STATUS_THEME: Record<MyEventStatus, 'primary' | 'default' | 'success'> = {
  registered: 'primary',
  cancelled: 'default',
  checkedIn: 'success',
};

/** One row of 会内活动. */
export interface EventRow {
  id: string;
  title: string;
  /** Beijing time, `2026-07-10 09:00 至 17:00`. */
  time: string;
  place: string;
  /** 已报名 12 / 50. */
  places: string;
  /** 已报名 / 已取消 / 已签到, or '' before any registration; and the tag's colour. */
  status: string;
  statusTheme: string;
}

/** An event as its page shows it. */
export interface EventView extends EventRow {
  /** The sanitised HTML, with the inline layout rich-text needs. */
  html: string;
  deadline: string;
  checkinWindow: string;
  canRegister: boolean;
  canCancel: boolean;
  /** Registered and not checked in yet: 扫码签到 is offered (the backend judges the time). */
  canCheckIn: boolean;
  /** 已于 … 签到, or ''. */
  checkedInAt: string;
  /** Why neither 报名 nor 取消报名 is possible (名额已满, 报名已截止, ...), or ''. */
  closedReason: string;
}

export function myEventStatus(registration: MyEventRegistration | null): MyEventStatus | null {
  if (!registration) return null;
  if (registration.checkedInAt) return 'checkedIn';
  return registration.status;
}

/**
 * `2026-07-10 09:00 至 17:00` within one Beijing day, `2026-07-10 09:00 至 2026-07-11 12:00`
 * across days.
 */
export function timeRangeText(from: Instant, to: Instant): string {
  const start = shanghaiTime(from);
  const end = shanghaiTime(to);
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  return fill(zhCN.events.timeRange, { from: start, to: sameDay ? end.slice(11) : end });
}

export function toEventRow(event: EventSummary): EventRow {
  const t = zhCN.events;
  const status = myEventStatus(event.myRegistration);
  return {
    id: event.id,
    title: event.title,
    time: timeRangeText(event.startsAt, event.endsAt),
    place: event.place,
    places: fill(t.places, { registered: event.registered, capacity: event.capacity }),
    status: status ? t.statuses[status] : '',
    statusTheme: status ? STATUS_THEME[status] : 'default',
  };
}

export function toEventView(event: EventDetail): EventView {
  const registration = event.myRegistration;
  const checkedIn = registration?.checkedInAt ?? null;
  return {
    ...toEventRow(event),
    html: richTextHtml(event.html),
    deadline: shanghaiTime(event.registrationDeadline),
    checkinWindow: timeRangeText(event.checkinStartsAt, event.checkinEndsAt),
    canRegister: event.canRegister,
    canCancel: event.canCancel,
    canCheckIn: registration?.status === 'registered' && !checkedIn,
    checkedInAt: checkedIn ? fill(zhCN.events.checkedInAt, { at: shanghaiTime(checkedIn) }) : '',
    // Once checked in, 已于 … 签到 says more than the backend's 已签到.
    closedReason: checkedIn ? '' : (event.closedReason ?? ''),
  };
}
