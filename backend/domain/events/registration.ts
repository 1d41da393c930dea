import type { EventDetail } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { awardPoints, withdrawAward } from '../points/ledger';
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
 * 报名. The registration and the event's count go in one batch guarded on a place being free
 * (and on the capacity, status and deadline read), so a full event takes no more however many
 * arrive at once. Registering when registered answers the registration unchanged.
 */
export async function registerForEvent(ctx: MemberContext, eventId: string): Promise<EventDetail> {
  const at = ctx.now.toISOString();
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const event = await loadPublished(ctx, eventId);
    const current = await registrationOf(ctx, eventId);
    if (current?.status === 'registered') {
      // A retry after the registration was stored and before its award: award it now.
      await awardRegistration(ctx, current);
      return toEventDetail(event, current, ctx.now);
    }
    const closed = registrationClosedReason(event, ctx.now);
    if (closed) throw new AppError('CONFLICT', closed);
    // The previous round's points go, if its cancel stopped before withdrawing them.
    if (current) await withdrawRound(ctx, current);

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
    ];
    try {
      await ctx.deps.store.batch(writes);
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    await awardRegistration(ctx, next);
    return toEventDetail(await loadPublished(ctx, eventId), next, ctx.now);
  }
  const closed = registrationClosedReason(await loadPublished(ctx, eventId), ctx.now);
  throw new AppError('CONFLICT', closed ?? '报名人数较多，请稍后重试');
}

/**
 * 报名参加会内活动 for this round, once. Should the member have cancelled meanwhile (the
 * cancel's withdrawal may have looked before this award existed), it is taken back at once.
 */
async function awardRegistration(ctx: MemberContext, reg: EventRegistrationDoc): Promise<void> {
  const rules = await readPointsRules(ctx.deps);
  await awardPoints(ctx.deps, {
    memberId: reg.memberId,
    kind: 'eventRegister',
    refId: registerRefId(reg.eventId, reg.round),
    points: rules.eventRegister,
    at: ctx.now,
  });
  const after = await registrationOf(ctx, reg.eventId);
  if (after?.status !== 'registered' || after.round !== reg.round) await withdrawRound(ctx, reg);
}

/** Takes back one round's award; nothing when there was none or it was taken back before. */
function withdrawRound(ctx: MemberContext, reg: EventRegistrationDoc): Promise<number> {
  return withdrawAward(ctx.deps, {
    memberId: reg.memberId,
    kind: 'eventRegister',
    refId: registerRefId(reg.eventId, reg.round),
    reason: CANCEL_REASON,
    at: ctx.now,
  });
}

/**
 * 取消报名: before the deadline, not after check-in. The registration and the event's count
 * move in one batch guarded on the round read; then that round's points are withdrawn.
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
      // A retry of a cancel that stopped before withdrawing: finish it.
      if (current) await withdrawRound(ctx, current);
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
      ]);
    } catch (error) {
      if (error instanceof StoreConflictError) continue;
      throw error;
    }
    await withdrawRound(ctx, current);
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
