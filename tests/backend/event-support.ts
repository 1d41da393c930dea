import type { AdminEvent, EventCheckinCode, EventDetail } from '../../typings';
import type { LedgerEntryDoc } from '../../backend/domain/points/ledger';
import { yearTotal } from '../../backend/domain/points/ledger';
import type { EventDoc } from '../../backend/domain/events/model';
import type { Write } from '../../backend/ports/store';
import { COLLECTIONS } from '../../backend/schema/collections';
import { dataOf, type TestBackend } from '../helpers/backend';
import type { DuesAdmin, DuesMember } from '../helpers/dues';

// One event's timeline, in China time: registration until 6月19日 18:00, the event on 6月20日
// 09:00-17:00, check-in 08:30-12:00. The test clock starts on 6月15日 12:00.
export const TIMES = {
  startsAt: '2026-06-20T01:00:00.000Z',
  endsAt: '2026-06-20T09:00:00.000Z',
  registrationDeadline: '2026-06-19T10:00:00.000Z',
  checkinStartsAt: '2026-06-20T00:30:00.000Z',
  checkinEndsAt: '2026-06-20T04:00:00.000Z',
};
/** A moment inside the check-in window: 6月20日 09:10 China time. */
export const DURING_CHECKIN = '2026-06-20T01:10:00.000Z';

let requests = 0;

export function eventRequest(overrides: Record<string, unknown> = {}) {
  return {
    title: '2026年学术年会',
    html: '<p>年会在<strong>成都</strong>召开。</p>',
    place: '成都市锦江宾馆',
    capacity: 100,
    ...TIMES,
    requestId: `event-req-${(requests += 1)}`,
    ...overrides,
  };
}

export async function draftEvent(
  admin: DuesAdmin,
  overrides: Record<string, unknown> = {},
): Promise<AdminEvent> {
  return dataOf<AdminEvent>(await admin.call('admin.events.save', eventRequest(overrides)));
}

export async function publishedEvent(
  admin: DuesAdmin,
  overrides: Record<string, unknown> = {},
): Promise<AdminEvent> {
  const draft = await draftEvent(admin, overrides);
  return dataOf<AdminEvent>(await admin.call('admin.events.publish', { eventId: draft.id }));
}

export const register = async (member: DuesMember, eventId: string) =>
  dataOf<EventDetail>(await member.call('events.register', { eventId }));

export const codeOf = async (admin: DuesAdmin, eventId: string) =>
  dataOf<EventCheckinCode>(await admin.call('admin.events.checkinCode', { eventId }));

export const points = (t: TestBackend, memberId: string) => yearTotal(t.deps, memberId, 2026);

/** A member's ledger of one kind, oldest first: the points of each entry. */
export async function ledger(t: TestBackend, memberId: string, kind: string): Promise<number[]> {
  const entries = await t.store.find<LedgerEntryDoc>(
    COLLECTIONS.pointsLedger,
    { where: { memberId, kind } },
    { orderBy: [{ field: 'at', direction: 'asc' }] },
  );
  return entries.map((e) => e.points);
}

export const storedEvent = async (t: TestBackend, eventId: string) =>
  (await t.store.get<EventDoc>(COLLECTIONS.events, eventId))!;

/** Makes the next batch that writes points fail, as a process dying at that moment would. */
export function failNextPointsBatch(t: TestBackend): void {
  const batch = t.store.batch.bind(t.store);
  let armed = true;
  t.store.batch = async (writes: Write[]) => {
    const writesPoints = writes.some(
      (w) => w.op === 'insert' && w.collection === COLLECTIONS.pointsLedger,
    );
    if (armed && writesPoints) {
      armed = false;
      throw new Error('process died before the points');
    }
    return batch(writes);
  };
}
