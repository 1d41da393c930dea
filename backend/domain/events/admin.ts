import type { AdminEvent, ContentStatus, EventTimes, Page } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { findContentPage, loadContent, type ContentKind } from '../content/kind';
import { sanitizeRichText } from '../content/rich-text';
import { saveContent } from '../content/save';
import { changeContentStatus } from '../content/status';
import { newCheckinSecret } from './checkin-code';
import { toAdminEvent, type EventDoc } from './model';

const EVENT_KIND: ContentKind = {
  collection: COLLECTIONS.events,
  actions: 'admin.events',
  noun: '活动',
  notFound: '活动不存在',
  changed: '该活动刚被其他管理员修改，请刷新后重试',
  patch: { inc: { version: 1 } },
};

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

export function loadEvent(deps: BackendDeps, eventId: string): Promise<EventDoc> {
  return loadContent<EventDoc>(deps, EVENT_KIND, eventId);
}

export async function listAdminEvents(
  deps: BackendDeps,
  input: { status?: ContentStatus; page?: number; pageSize?: number },
): Promise<Page<AdminEvent>> {
  const { docs, ...paging } = await findContentPage<EventDoc>(
    deps,
    EVENT_KIND,
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
  return saveContent<EventDoc, AdminEvent>(ctx, EVENT_KIND, {
    id: input.eventId,
    requestId: input.requestId,
    present: toAdminEvent,
    prepare: async (current, id, requestKey) => {
      if (current && input.capacity < current.registered) {
        throw belowRegistered(current.registered);
      }
      const at = ctx.now.toISOString();
      const fields = {
        title: input.title,
        html: sanitizeRichText(input.html, 'html'),
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
              createdBy: ctx.principal.adminId,
              publishedAt: null,
              registered: 0,
              checkedIn: 0,
              version: 1,
              checkinSecret: newCheckinSecret(),
            } satisfies EventDoc,
          };
      return {
        writes: [write],
        audit: {
          fields: Object.keys(fields).filter((f) => f !== 'updatedAt'),
          summary: { title: input.title, capacity: input.capacity },
        },
      };
    },
    // Members may have taken the places meanwhile: say so rather than "changed".
    onConflict: async (_error, current) => {
      if (!current) return;
      const latest = await loadEvent(ctx.deps, current._id);
      if (input.capacity < latest.registered) throw belowRegistered(latest.registered);
    },
  });
}

function belowRegistered(registered: number): AppError {
  return new AppError('CONFLICT', `名额不能少于已报名人数（${registered}人）`, {
    field: 'capacity',
  });
}

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
