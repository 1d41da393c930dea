/**
 * 会内活动: events with registration, a capacity, a deadline and on-site check-in with a code
 * that changes every minute. Part of the action contract (`ActionMap` extends
 * `EventActionMap`).
 */
import type { ContentStatus, Instant, Page } from './actions';
import type { EventRegistrationStatus } from './enums';

/** The times of an event, all instants (shown in China time). */
export interface EventTimes {
  startsAt: Instant;
  endsAt: Instant;
  /** Registrations and cancellations are taken until then. */
  registrationDeadline: Instant;
  /** Check-in by code is taken from `checkinStartsAt` until `checkinEndsAt`. */
  checkinStartsAt: Instant;
  checkinEndsAt: Instant;
}

/** This member's registration for an event. */
export interface MyEventRegistration {
  status: EventRegistrationStatus;
  registeredAt: Instant;
  cancelledAt: Instant | null;
  checkedInAt: Instant | null;
}

/** A row of the member's 会内活动 list. */
export interface EventSummary extends EventTimes {
  id: string;
  title: string;
  place: string;
  /** Places in all (1-10000). */
  capacity: number;
  /** Registrations standing now (cancelled ones not counted). */
  registered: number;
  myRegistration: MyEventRegistration | null;
  /** Registering is possible now: before the deadline, a place free, not registered yet. */
  canRegister: boolean;
  /** Cancelling is possible now: registered, not checked in, before the deadline. */
  canCancel: boolean;
  /** Why neither is possible, in Chinese (报名已截止, 名额已满, ...), or null. */
  closedReason: string | null;
}

/** An event as a member opens it. `html` is sanitised rich text. */
export interface EventDetail extends EventSummary {
  html: string;
}

/** An event in the console. */
export interface AdminEvent extends EventTimes {
  id: string;
  title: string;
  html: string;
  place: string;
  capacity: number;
  status: ContentStatus;
  createdAt: Instant;
  updatedAt: Instant;
  publishedAt: Instant | null;
  registered: number;
  checkedIn: number;
}

/** One member's registration and attendance, for the console and its export. */
export interface EventRegistrationRow {
  memberId: string;
  name: string;
  memberNo: string | null;
  phoneMasked: string;
  status: EventRegistrationStatus;
  registeredAt: Instant;
  cancelledAt: Instant | null;
  checkedInAt: Instant | null;
  /** Who checked the member in: the member by code, or an admin by hand. */
  checkinBy: 'code' | 'admin' | null;
}

/**
 * The check-in code shown at the venue. It changes every minute and is taken for two
 * minutes from when it first shows, so a member scanning at the change is not refused.
 */
export interface EventCheckinCode {
  eventId: string;
  /** What the QR code holds; the mini-program's scan sends it to `events.checkin`. */
  code: string;
  /** The QR code as a PNG data URL. */
  qrDataUrl: string;
  /** When the console should fetch the next code. */
  refreshAt: Instant;
  /** When this code stops being taken. */
  expiresAt: Instant;
  /** Whether now lies in the check-in window (outside it, every code is refused). */
  windowOpen: boolean;
}

/** The actions of 会内活动. Members: `events.*`; secretariat and super-admin: `admin.events.*`. */
export interface EventActionMap {
  /** Published events, latest start first, with this member's registration. */
  'events.list': {
    req: { page?: number; pageSize?: number };
    res: Page<EventSummary>;
  };
  'events.get': { req: { eventId: string }; res: EventDetail };
  /**
   * Registers before the deadline while a place is free (a full event takes no more, however
   * many arrive at once); 报名参加会内活动 points once per standing registration. Registering
   * when already registered answers the registration unchanged.
   */
  'events.register': { req: { eventId: string }; res: EventDetail };
  /** Cancels before the deadline, if not checked in; withdraws the registration's points. */
  'events.cancel': { req: { eventId: string }; res: EventDetail };
  /**
   * Checks in with a scanned code, during the check-in window, if registered: 会内活动签到
   * points once per event. A second check-in is refused with the time of the first.
   */
  'events.checkin': { req: { code: string }; res: EventDetail };
  /** Drafts, published and withdrawn events, latest start first. */
  'admin.events.list': {
    req: { status?: ContentStatus; page?: number; pageSize?: number };
    res: Page<AdminEvent>;
  };
  'admin.events.get': { req: { eventId: string }; res: AdminEvent };
  /**
   * Creates a draft (no `eventId`; once per `requestId`) or edits one. The times must follow
   * each other: registration deadline ≤ end, start < end, check-in start < check-in end. The
   * capacity may not fall below the registrations standing. `html` is sanitised.
   */
  'admin.events.save': {
    req: EventTimes & {
      eventId?: string;
      title: string;
      html: string;
      place: string;
      capacity: number;
      requestId: string;
    };
    res: AdminEvent;
  };
  'admin.events.publish': { req: { eventId: string }; res: AdminEvent };
  /** Members no longer see it; points already given stay. */
  'admin.events.withdraw': { req: { eventId: string }; res: AdminEvent };
  /** The current check-in code of a published event. */
  'admin.events.checkinCode': { req: { eventId: string }; res: EventCheckinCode };
  /** Registrations, newest first; `filter` narrows to standing, cancelled or checked-in ones. */
  'admin.events.registrations': {
    req: {
      eventId: string;
      filter?: 'registered' | 'cancelled' | 'checkedIn';
      page?: number;
      pageSize?: number;
    };
    res: Page<EventRegistrationRow>;
  };
  /** Checks a registered member in by hand (any time); the same points as by code; audited. */
  'admin.events.checkin': {
    req: { eventId: string; memberId: string };
    res: EventRegistrationRow;
  };
  /** Registrations and attendance as an Excel workbook (.xlsx, two sheets), base64. */
  'admin.events.export': {
    req: { eventId: string };
    res: { fileName: string; contentBase64: string };
  };
}
