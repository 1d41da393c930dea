import type { EventDetail } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { awardPoints, awardWrites, withdrawalWrites, withdrawAward } from '../points/ledger';
import { readPointsRules } from '../society/settings';
import { loadPublished, registrationOf } from './member';
import {
  NOT_REGISTERED,
  registerRefId,
  registrationClosedReason,
  registrationId,
  toEventDetail,
  type EventDoc,
  type EventRegistrationDoc,
} from './model';

type MemberContext = ActionContext<MemberPrincipal>;

/**
 * Rounds of read-and-write when the batch's guard fails. A guard fails only when another
 * registration took a place, the event changed, or the same member raced: each round either
 * succeeds or sees why it cannot.
 */
const ATTEMPTS = 8;
const CANCEL_REASON = '取消报名';

/**
 * 报名. The registration, the event's count and the round's 报名 points go in one batch
 * guarded on a place being free (and on the capacity, status and deadline read), so a full
 * event takes no more however many arrive at once, and no crash keeps one without the other.
 * Registering when registered answers the registration unchanged.
 */
export async function registerForEvent(ctx: MemberContext, eventId: string): Promise<EventDetail> {
  const at = ctx.now.toISOString();
  const { eventRegister: points } = await readPointsRules(ctx.deps);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const event = await loadPublished(ctx, eventId);
    const current = await registrationOf(ctx, eventId);
    if (current?.status === 'registered') {
      // Registrations stored before the award joined their batch may lack it: award it now.
      await awardRegistration(ctx, current, points);
      return toEventDetail(event, current, ctx.now);
    }
    const closed = registrationClosedReason(event, ctx.now);
    if (closed) throw new AppError('CONFLICT', closed);

    const next: EventRegistrationDoc = {
      _id: registrationId(eventId, ctx.principal.memberId),
      eventId,
      memberId: ctx.principal.memberId,
      status: 'registered',
      round: (current?.round ?? 0) + 1,
      registeredAt: at,
      cancelledAt: null,
      checkedInAt: null,
      checkinBy: null,
      checkedInByAdmin: null,
    };
    const { _id: id, ...fields } = next;
    const writes: Write[] = [
      current
        ? {
            op: 'update',
            collection: COLLECTIONS.eventRegistrations,
            id,
            patch: { set: fields },
            expect: { status: 'cancelled', round: current.round },
          }
        : { op: 'insert', collection: COLLECTIONS.eventRegistrations, doc: next },
      {
        op: 'update',
        collection: COLLECTIONS.events,
        id: eventId,
        patch: { inc: { registered: 1 } },
        expect: {
          registered: { lt: event.capacity },
          capacity: event.capacity,
          status: 'published',
          registrationDeadline: { gt: at },
        },
      },
      // The previous round's points, should a cancel stored before withdrawals joined its
      // batch have kept them; before the award, so its guard reads the total untouched.
      ...(current ? await withdrawalWrites(ctx.deps, roundWithdrawal(ctx, current)) : []),
      ...(await awardWrites(ctx.deps, roundAward(next, points, ctx.now))),
    ];
    try {
      await ctx.deps.store.batch(writes);
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    return toEventDetail(await loadPublished(ctx, eventId), next, ctx.now);
  }
  const closed = registrationClosedReason(await loadPublished(ctx, eventId), ctx.now);
  throw new AppError('CONFLICT', closed ?? '报名人数较多，请稍后重试');
}

/** 报名参加会内活动 of one round: each round is its own award. */
const roundAward = (reg: EventRegistrationDoc, points: number, at: Date) => ({
  memberId: reg.memberId,
  kind: 'eventRegister' as const,
  refId: registerRefId(reg.eventId, reg.round),
  points,
  at,
});

const roundWithdrawal = (ctx: MemberContext, reg: EventRegistrationDoc) => ({
  memberId: reg.memberId,
  kind: 'eventRegister' as const,
  refId: registerRefId(reg.eventId, reg.round),
  reason: CANCEL_REASON,
  at: ctx.now,
});

/**
 * The repair of a standing round stored without its award (by code that awarded after the
 * batch). Should the member cancel meanwhile (the cancel's withdrawal may have looked before
 * this award existed), it is taken back at once.
 */
async function awardRegistration(
  ctx: MemberContext,
  reg: EventRegistrationDoc,
  points: number,
): Promise<void> {
  const made = await awardPoints(ctx.deps, roundAward(reg, points, ctx.now));
  if (!made) return;
  const after = await registrationOf(ctx, reg.eventId);
  if (after?.status !== 'registered' || after.round !== reg.round) {
    await withdrawAward(ctx.deps, roundWithdrawal(ctx, reg));
  }
}

/**
 * 取消报名: before the deadline, not after check-in. The registration, the event's count and
 * the withdrawal of that round's points move in one batch guarded on the round read.
 */
export async function cancelRegistration(
  ctx: MemberContext,
  eventId: string,
): Promise<EventDetail> {
  const at = ctx.now.toISOString();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const event = await loadPublished(ctx, eventId);
    const current = await registrationOf(ctx, eventId);
    if (!current || current.status === 'cancelled') {
      // Cancels stored before withdrawals joined their batch may have kept the points. A
      // cancelled round never stands again, so taking them back needs no guard.
      if (current) await withdrawAward(ctx.deps, roundWithdrawal(ctx, current));
      throw new AppError('CONFLICT', current ? '您已取消报名' : `${NOT_REGISTERED}，无需取消`);
    }
    assertCancellable(event, current, at);

    try {
      await ctx.deps.store.batch([
        {
          op: 'update',
          collection: COLLECTIONS.eventRegistrations,
          id: current._id,
          patch: { set: { status: 'cancelled', cancelledAt: at } },
          expect: { status: 'registered', round: current.round, checkedInAt: null },
        },
        {
          op: 'update',
          collection: COLLECTIONS.events,
          id: eventId,
          patch: { inc: { registered: -1 } },
          expect: { registered: { gt: 0 }, registrationDeadline: { gt: at } },
        },
        ...(await withdrawalWrites(ctx.deps, roundWithdrawal(ctx, current))),
      ]);
    } catch (error) {
      // Another request moved the registration, or an adjustment the total: look again.
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    const cancelled = { ...current, status: 'cancelled' as const, cancelledAt: at };
    return toEventDetail(await loadPublished(ctx, eventId), cancelled, ctx.now);
  }
  throw new AppError('CONFLICT', '操作过于频繁，请稍后重试');
}

function assertCancellable(event: EventDoc, reg: EventRegistrationDoc, at: string): void {
  if (reg.checkedInAt !== null) throw new AppError('CONFLICT', '您已签到，不能取消报名');
  if (at >= event.registrationDeadline) {
    throw new AppError('CONFLICT', '报名已截止，不能取消报名');
  }
}
