import QRCode from 'qrcode';
import type { EventCheckinCode, EventDetail, EventRegistrationRow } from '../../../typings';
import type { ActionContext, AdminPrincipal, MemberPrincipal } from '../../core/context';
import { chinaClock, chinaMoment } from '../../core/dates';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { assertRateLimit } from '../auth/guards';
import { awardPoints, awardWrites, type Award } from '../points/ledger';
import { readPointsRules } from '../society/settings';
import { loadEvent } from './admin';
import {
  codeIsGenuine,
  makeCheckinCode,
  parseCheckinCode,
  slotOf,
  slotStart,
  type CheckinCodeParts,
} from './checkin-code';
import { registrationOf } from './member';
import {
  checkinWindowOpen,
  EVENT_NOT_FOUND,
  NOT_REGISTERED,
  registrationId,
  toEventDetail,
  type EventDoc,
  type EventRegistrationDoc,
} from './model';
import { registrationRows } from './registrations';

/** Scans one member may send per minute: a venue's bad signal retries, a script guesses. */
const CHECKINS_PER_MINUTE = 20;
/** Two check-ins of one registration racing: a few rounds settle it. */
const ATTEMPTS = 3;
const INVALID = '签到码无效';

/** The code a venue's screen shows now, with its QR image; for published events only. */
export async function currentCheckinCode(
  ctx: ActionContext<AdminPrincipal>,
  eventId: string,
): Promise<EventCheckinCode> {
  const event = await loadEvent(ctx.deps, eventId);
  if (event.status !== 'published') {
    throw new AppError('CONFLICT', '只有已发布的活动可以生成签到码');
  }
  const slot = slotOf(ctx.now);
  const code = makeCheckinCode(event.checkinSecret, eventId, slot);
  // Small (4 pixels a module): the console enlarges it for the projector without smoothing,
  // and it is fetched again every minute.
  const qrDataUrl = await QRCode.toDataURL(code, {
    errorCorrectionLevel: 'M',
    margin: 2,
    scale: 4,
  });
  return {
    eventId,
    code,
    qrDataUrl,
    refreshAt: slotStart(slot + 1).toISOString(),
    expiresAt: slotStart(slot + 2).toISOString(),
    windowOpen: checkinWindowOpen(event, ctx.now),
  };
}

/** A genuine code of an existing event, or INVALID_INPUT; forged and mangled codes alike. */
async function eventOfCode(ctx: ActionContext, code: string) {
  const parts = parseCheckinCode(code);
  const event = parts && (await ctx.deps.store.get<EventDoc>(COLLECTIONS.events, parts.eventId));
  if (!parts || !event || !codeIsGenuine(event.checkinSecret, parts)) {
    throw new AppError('INVALID_INPUT', INVALID, { field: 'code' });
  }
  return { parts, event };
}

/** The window and the code's minute: a code is taken in its own minute and the next. */
function assertTimely(event: EventDoc, parts: CheckinCodeParts, now: Date): void {
  const at = now.toISOString();
  if (at < event.checkinStartsAt) {
    throw new AppError('CONFLICT', `签到尚未开始（${chinaMoment(event.checkinStartsAt)} 开始）`);
  }
  if (at >= event.checkinEndsAt) throw new AppError('CONFLICT', '签到已结束');
  const slot = slotOf(now);
  // One minute ahead is a server whose clock runs a little fast; further is no code of ours.
  if (parts.slot > slot + 1) throw new AppError('INVALID_INPUT', INVALID, { field: 'code' });
  if (parts.slot < slot - 1) {
    throw new AppError('CONFLICT', '签到码已过期，请扫描现场最新的签到码');
  }
}

const alreadyCheckedIn = (reg: EventRegistrationDoc) =>
  new AppError('CONFLICT', `您已于 ${chinaClock(reg.checkedInAt!)} 签到`);

/** 会内活动签到, once per member and event. */
async function checkinAward(ctx: ActionContext, reg: EventRegistrationDoc): Promise<Award> {
  const rules = await readPointsRules(ctx.deps);
  return {
    memberId: reg.memberId,
    kind: 'eventCheckin',
    refId: reg.eventId,
    points: rules.eventCheckin,
    at: ctx.now,
  };
}

/**
 * A check-in stored before the award joined its batch may lack it: a scan or a hand
 * check-in that finds the member checked in gives it (once: the ledger keys it).
 */
async function repairCheckinAward(ctx: ActionContext, reg: EventRegistrationDoc) {
  await awardPoints(ctx.deps, await checkinAward(ctx, reg));
}

/**
 * The registration's check-in, the event's count and 会内活动签到, moved together once
 * however many scans race.
 */
async function checkinWrites(
  ctx: ActionContext,
  reg: EventRegistrationDoc,
  set: Pick<EventRegistrationDoc, 'checkedInAt' | 'checkinBy' | 'checkedInByAdmin'>,
): Promise<Write[]> {
  return [
    {
      op: 'update',
      collection: COLLECTIONS.eventRegistrations,
      id: reg._id,
      patch: { set },
      expect: { status: 'registered', round: reg.round, checkedInAt: null },
    },
    {
      op: 'update',
      collection: COLLECTIONS.events,
      id: reg.eventId,
      patch: { inc: { checkedIn: 1 } },
    },
    ...(await awardWrites(ctx.deps, await checkinAward(ctx, reg))),
  ];
}

/**
 * 签到 with the code scanned at the venue: a genuine, fresh code of a published event, in its
 * check-in window, by a registered member, once.
 */
export async function checkInWithCode(
  ctx: ActionContext<MemberPrincipal>,
  code: string,
): Promise<EventDetail> {
  const { deps, principal, now } = ctx;
  await assertRateLimit(
    deps,
    'eventCheckin',
    principal.memberId,
    CHECKINS_PER_MINUTE,
    now,
    '签到过于频繁，请一分钟后再试',
  );
  const { parts, event } = await eventOfCode(ctx, code);
  if (event.status !== 'published') throw new AppError('NOT_FOUND', EVENT_NOT_FOUND);

  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const reg = await registrationOf(ctx, event._id);
    if (!reg || reg.status !== 'registered') throw new AppError('CONFLICT', NOT_REGISTERED);
    if (reg.checkedInAt !== null) {
      await repairCheckinAward(ctx, reg);
      throw alreadyCheckedIn(reg);
    }
    assertTimely(event, parts, now);

    const set = {
      checkedInAt: now.toISOString(),
      checkinBy: 'code' as const,
      checkedInByAdmin: null,
    };
    try {
      await deps.store.batch(await checkinWrites(ctx, reg, set));
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    const latest = await deps.store.get<EventDoc>(COLLECTIONS.events, event._id);
    return toEventDetail(latest ?? event, { ...reg, ...set }, now);
  }
  throw new AppError('CONFLICT', '签到过于频繁，请稍后重试');
}

/**
 * 手动签到 by the secretariat: a registered member of a published event, at any time (a
 * phone without signal, a screen that failed); the same points as by code; audited. A member
 * already checked in is answered as is.
 */
export async function checkInByAdmin(
  ctx: ActionContext<AdminPrincipal>,
  input: { eventId: string; memberId: string },
): Promise<EventRegistrationRow> {
  const { deps, principal, now } = ctx;
  const event = await loadEvent(deps, input.eventId);
  // A withdrawn event did not take place as published: no attendance, no points.
  if (event.status !== 'published') {
    throw new AppError('CONFLICT', '活动未发布或已撤回，不能签到', { field: 'eventId' });
  }
  const id = registrationId(event._id, input.memberId);

  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const reg = await deps.store.get<EventRegistrationDoc>(COLLECTIONS.eventRegistrations, id);
    if (!reg || reg.status !== 'registered') {
      throw new AppError('CONFLICT', '该会员未报名该活动或已取消报名', { field: 'memberId' });
    }
    if (reg.checkedInAt !== null) {
      await repairCheckinAward(ctx, reg);
      return (await registrationRows(deps, [reg]))[0]!;
    }
    const set = {
      checkedInAt: now.toISOString(),
      checkinBy: 'admin' as const,
      checkedInByAdmin: { adminId: principal.adminId, username: principal.username },
    };
    try {
      await deps.store.batch([
        ...(await checkinWrites(ctx, reg, set)),
        auditWrite(principal, now, 'admin.events.checkin', event._id, {
          fields: ['checkedInAt'],
          summary: { title: event.title, memberId: input.memberId },
        }),
      ]);
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    return (await registrationRows(deps, [{ ...reg, ...set }]))[0]!;
  }
  throw new AppError('CONFLICT', '该会员正在签到，请刷新后查看');
}
