import type { Page } from '../../typings/actions';
import type { EventDetail, EventSummary } from '../../typings/events';
import { callAction } from './transport';

/** Events per 加载更多; the backend takes 1-100. */
export const EVENTS_PAGE_SIZE = 20;

/** One page (from 1) of 会内活动, latest start first, with this member's registration. */
export function listEvents(page: number): Promise<Page<EventSummary>> {
  return callAction('events.list', { page, pageSize: EVENTS_PAGE_SIZE });
}

/** One event with its text, as it stands for this member. */
export function getEvent(eventId: string): Promise<EventDetail> {
  return callAction('events.get', { eventId });
}

/** 报名: earns 报名参加会内活动 once per standing registration. Answers the event now. */
export function registerForEvent(eventId: string): Promise<EventDetail> {
  return callAction('events.register', { eventId });
}

/** 取消报名: the registration's points are withdrawn. Answers the event now. */
export function cancelRegistration(eventId: string): Promise<EventDetail> {
  return callAction('events.cancel', { eventId });
}

/**
 * 扫码签到: the scanned text as it is. The code names its event, so the answer may be another
 * event than the one on screen.
 */
export function checkInWithCode(code: string): Promise<EventDetail> {
  return callAction('events.checkin', { code });
}
