import type {
  AdminEvent,
  ContentStatus,
  EventDetail,
  EventRegistrationStatus,
  EventSummary,
  EventTimes,
  Instant,
  MyEventRegistration,
} from '../../../typings';
import type { Doc } from '../../ports/store';

/**
 * One 会内活动. `requestKey` (admin:requestId, unique) makes a draft's creation idempotent;
 * `registered` and `checkedIn` move in the batches that register, cancel and check in, so
 * the capacity holds however many arrive at once.
 */
export interface EventDoc extends Doc, EventTimes {
  requestKey: string;
  title: string;
  /** Sanitised on the way in (content/rich-text.ts). */
  html: string;
  place: string;
  /** Places in all, 1-10000. */
  capacity: number;
  status: ContentStatus;
  createdAt: Instant;
  createdBy: string;
  updatedAt: Instant;
  publishedAt: Instant | null;
  /** Registrations standing now. */
  registered: number;
  checkedIn: number;
  /** Counts the edits: a save is guarded on the version it read (a clock may repeat). */
  version: number;
  /** The key of the check-in codes (checkin-code.ts): never answered, never logged. */
  checkinSecret: string;
}

/** Who checked a member in by hand. */
export interface CheckinAdmin {
  adminId: string;
  username: string;
}

/**
 * A member's registration. `_id` is `eventId:memberId`: one per member and event, cancelled
 * or standing. `round` counts the registrations, so that each one's 报名 points are their
 * own award (`eventId#round`) and a cancel withdraws only its round's.
 */
export interface EventRegistrationDoc extends Doc {
  eventId: string;
  memberId: string;
  status: EventRegistrationStatus;
  round: number;
  registeredAt: Instant;
  cancelledAt: Instant | null;
  checkedInAt: Instant | null;
  checkinBy: 'code' | 'admin' | null;
  checkedInByAdmin: CheckinAdmin | null;
}

export const registrationId = (eventId: string, memberId: string) => `${eventId}:${memberId}`;

/** The award of one registration round: register → cancel → register awards twice, once each. */
export const registerRefId = (eventId: string, round: number) => `${eventId}#${round}`;

/** The same answer for a draft, a withdrawn event and one that never existed. */
export const EVENT_NOT_FOUND = '活动不存在或已撤回';

export const NOT_REGISTERED = '您未报名该活动';

/** Whether an instant lies in `[from, to)`; all instants are ISO UTC, so strings compare. */
const within = (at: string, from: string, to: string) => from <= at && at < to;

export const checkinWindowOpen = (doc: EventDoc, now: Date) =>
  within(now.toISOString(), doc.checkinStartsAt, doc.checkinEndsAt);

const times = (doc: EventDoc): EventTimes => ({
  startsAt: doc.startsAt,
  endsAt: doc.endsAt,
  registrationDeadline: doc.registrationDeadline,
  checkinStartsAt: doc.checkinStartsAt,
  checkinEndsAt: doc.checkinEndsAt,
});

/** Why a member who holds no standing registration cannot register now, or null. */
export function registrationClosedReason(doc: EventDoc, now: Date): string | null {
  const at = now.toISOString();
  if (at >= doc.endsAt) return '活动已结束';
  if (at >= doc.registrationDeadline) return '报名已截止';
  if (doc.registered >= doc.capacity) return '名额已满';
  return null;
}

function mine(reg: EventRegistrationDoc | null): MyEventRegistration | null {
  if (!reg) return null;
  return {
    status: reg.status,
    registeredAt: reg.registeredAt,
    cancelledAt: reg.cancelledAt,
    checkedInAt: reg.checkedInAt,
  };
}

export function toEventSummary(
  doc: EventDoc,
  reg: EventRegistrationDoc | null,
  now: Date,
): EventSummary {
  const standing = reg?.status === 'registered';
  const beforeDeadline = now.toISOString() < doc.registrationDeadline;
  const canCancel = standing && reg.checkedInAt === null && beforeDeadline;
  const closed = registrationClosedReason(doc, now);
  const canRegister = !standing && closed === null;
  let closedReason: string | null = null;
  if (standing && reg.checkedInAt !== null) closedReason = '已签到';
  else if (standing && !canCancel) closedReason = '报名已截止';
  else if (!standing) closedReason = closed;
  return {
    id: doc._id,
    title: doc.title,
    place: doc.place,
    capacity: doc.capacity,
    registered: doc.registered,
    ...times(doc),
    myRegistration: mine(reg),
    canRegister,
    canCancel,
    closedReason,
  };
}

export function toEventDetail(
  doc: EventDoc,
  reg: EventRegistrationDoc | null,
  now: Date,
): EventDetail {
  return { ...toEventSummary(doc, reg, now), html: doc.html };
}

/** The console's view: everything but the check-in secret. */
export function toAdminEvent(doc: EventDoc): AdminEvent {
  return {
    id: doc._id,
    title: doc.title,
    html: doc.html,
    place: doc.place,
    capacity: doc.capacity,
    status: doc.status,
    ...times(doc),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    publishedAt: doc.publishedAt,
    registered: doc.registered,
    checkedIn: doc.checkedIn,
  };
}
