import { randomUUID } from 'node:crypto';
import type { AdminEvent, ContentStatus, EventTimes, Page } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { findPage } from '../../core/paging';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { sanitizeRichText } from '../content/rich-text';
import { changeContentStatus, type ContentKind } from '../content/status';
import { newCheckinSecret } from './checkin-code';
import { toAdminEvent, type EventDoc } from './model';

const NOT_FOUND = '活动不存在';
const CHANGED = '该活动刚被其他管理员修改，请刷新后重试';

export type EventInput = EventTimes & {
  eventId?: string;
  title: string;
  html: string;
  place: string;
  capacity: number;
  requestId: string;
};

/** Latest start first; events starting at one instant keep a stable order across pages. */
export const LATEST_START_FIRST = [
  { field: 'startsAt', direction: 'desc' as const },
  { field: '_id', direction: 'asc' as const },
];

export async function loadEvent(deps: BackendDeps, eventId: string): Promise<EventDoc> {
  const doc = await deps.store.get<EventDoc>(COLLECTIONS.events, eventId);
  if (!doc) throw new AppError('NOT_FOUND', NOT_FOUND);
  return doc;
}

async function findByRequest(deps: BackendDeps, requestKey: string) {
  const [found] = await deps.store.find<EventDoc>(COLLECTIONS.events, { where: { requestKey } });
  return found ?? null;
}

export async function listAdminEvents(
  deps: BackendDeps,
  input: { status?: ContentStatus; page?: number; pageSize?: number },
): Promise<Page<AdminEvent>> {
  const filter = input.status ? { where: { status: input.status } } : {};
  const { docs, ...paging } = await findPage<EventDoc>(
    deps.store,
    COLLECTIONS.events,
    filter,
    LATEST_START_FIRST,
    input,
  );
  return { items: docs.map(toAdminEvent), ...paging };
}

export async function getAdminEvent(deps: BackendDeps, eventId: string): Promise<AdminEvent> {
  return toAdminEvent(await loadEvent(deps, eventId));
}

/**
 * Saves a draft (once per `requestId`), or edits an event in any state. An edit is guarded
 * on the version it read, and on the registrations standing at the moment it is stored, so
 * the capacity never falls below them even while members register.
 */
export async function saveEvent(
  ctx: ActionContext<AdminPrincipal>,
  input: EventInput,
): Promise<AdminEvent> {
  const { deps, principal, now } = ctx;
  const requestKey = `${principal.adminId}:${input.requestId}`;
  const current = input.eventId ? await loadEvent(deps, input.eventId) : null;
  if (!current) {
    const repeat = await findByRequest(deps, requestKey);
    if (repeat) return toAdminEvent(repeat);
  }
  if (current && input.capacity < current.registered) throw belowRegistered(current.registered);
  const html = sanitizeRichText(input.html, 'html');

  const id = current?._id ?? randomUUID();
  const at = now.toISOString();
  const fields = {
    title: input.title,
    html,
    place: input.place,
    capacity: input.capacity,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    registrationDeadline: input.registrationDeadline,
    checkinStartsAt: input.checkinStartsAt,
    checkinEndsAt: input.checkinEndsAt,
    updatedAt: at,
  };
  const write: Write = current
    ? {
        op: 'update',
        collection: COLLECTIONS.events,
        id,
        patch: { set: fields, inc: { version: 1 } },
        expect: { version: current.version, registered: { lte: input.capacity } },
      }
    : {
        op: 'insert',
        collection: COLLECTIONS.events,
        doc: {
          _id: id,
          requestKey,
          ...fields,
          status: 'draft',
          createdAt: at,
          createdBy: principal.adminId,
          publishedAt: null,
          registered: 0,
          checkedIn: 0,
          version: 1,
          checkinSecret: newCheckinSecret(),
        } satisfies EventDoc,
      };
  try {
    await deps.store.batch([
      write,
      auditWrite(principal, now, current ? 'admin.events.edit' : 'admin.events.create', id, {
        fields: Object.keys(fields).filter((f) => f !== 'updatedAt'),
        summary: { title: input.title, capacity: input.capacity },
      }),
    ]);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    // The same request won elsewhere, members took the places meanwhile, or an edit raced.
    const winner = current ? null : await findByRequest(deps, requestKey);
    if (winner) return toAdminEvent(winner);
    const latest = current ? await loadEvent(deps, id) : null;
    if (latest && input.capacity < latest.registered) throw belowRegistered(latest.registered);
    throw new AppError('CONFLICT', CHANGED);
  }
  return getAdminEvent(deps, id);
}

function belowRegistered(registered: number): AppError {
  return new AppError('CONFLICT', `名额不能少于已报名人数（${registered}人）`, {
    field: 'capacity',
  });
}

const EVENT_KIND: ContentKind = {
  collection: COLLECTIONS.events,
  actions: 'admin.events',
  noun: '活动',
  patch: { inc: { version: 1 } },
};

/**
 * draft → published (members see it and may register), published → withdrawn (they no
 * longer see it; registrations and points already given stay); each once. An event that
 * has ended is not published.
 */
export async function changeEventStatus(
  ctx: ActionContext<AdminPrincipal>,
  eventId: string,
  to: 'published' | 'withdrawn',
): Promise<AdminEvent> {
  const doc = await loadEvent(ctx.deps, eventId);
  if (to === 'published' && doc.status === 'draft' && doc.endsAt <= ctx.now.toISOString()) {
    throw new AppError('CONFLICT', '活动已结束，不能发布，请修改活动时间后再发布', {
      field: 'endsAt',
    });
  }
  await changeContentStatus(ctx, EVENT_KIND, doc, to);
  return getAdminEvent(ctx.deps, eventId);
}
