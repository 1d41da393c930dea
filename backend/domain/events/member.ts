import type { EventDetail, EventSummary, Page } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { findPage } from '../../core/paging';
import { COLLECTIONS } from '../../schema/collections';
import { LATEST_START_FIRST } from './admin';
import {
  EVENT_NOT_FOUND,
  registrationId,
  toEventDetail,
  toEventSummary,
  type EventDoc,
  type EventRegistrationDoc,
} from './model';
import { findByIds } from '../../core/find-by-ids';

type MemberContext = ActionContext<MemberPrincipal>;

/** A published event, or NOT_FOUND: members never learn of drafts. */
export async function loadPublished(ctx: ActionContext, eventId: string): Promise<EventDoc> {
  const doc = await ctx.deps.store.get<EventDoc>(COLLECTIONS.events, eventId);
  if (!doc || doc.status !== 'published') throw new AppError('NOT_FOUND', EVENT_NOT_FOUND);
  return doc;
}

export const registrationOf = (ctx: MemberContext, eventId: string) =>
  ctx.deps.store.get<EventRegistrationDoc>(
    COLLECTIONS.eventRegistrations,
    registrationId(eventId, ctx.principal.memberId),
  );

/** 会内活动: published events, latest start first, with this member's registrations. */
export async function listEvents(
  ctx: MemberContext,
  input: { page?: number; pageSize?: number },
): Promise<Page<EventSummary>> {
  const { docs, ...paging } = await findPage<EventDoc>(
    ctx.deps.store,
    COLLECTIONS.events,
    { where: { status: 'published' } },
    LATEST_START_FIRST,
    input,
  );
  const regs = await findByIds<EventRegistrationDoc>(
    ctx.deps.store,
    COLLECTIONS.eventRegistrations,
    docs.map((d) => registrationId(d._id, ctx.principal.memberId)),
  );
  const byEvent = new Map([...regs.values()].map((r) => [r.eventId, r]));
  return {
    items: docs.map((d) => toEventSummary(d, byEvent.get(d._id) ?? null, ctx.now)),
    ...paging,
  };
}

export async function getEvent(ctx: MemberContext, eventId: string): Promise<EventDetail> {
  const doc = await loadPublished(ctx, eventId);
  return toEventDetail(doc, await registrationOf(ctx, eventId), ctx.now);
}
