/** @jest-environment node */
import type { EventDetail, EventRegistrationRow } from '../../typings';
import { registrationId, type EventRegistrationDoc } from '../../backend/domain/events/model';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin, type DuesMember } from '../helpers/dues';
import {
  DURING_CHECKIN,
  codeOf,
  failNextPointsBatch,
  ledger,
  points,
  publishedEvent,
  register,
  storedEvent,
} from './event-support';

// The points of 报名, 取消报名 and 签到 move in the batch that stores the action: a process
// dying there keeps neither, and the member's retry stores both, once.

let t: TestBackend;
let me: DuesMember;
let secretariat: DuesAdmin;
let eventId: string;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  me = await duesMember(t, { phone: '13800000001', name: '张明' });
  secretariat = await duesAdmin(t, 'secretariat');
  eventId = (await publishedEvent(secretariat)).id;
});
afterEach(() => t.close());

const registration = () =>
  t.store.get<EventRegistrationDoc>(COLLECTIONS.eventRegistrations, registrationId(eventId, me.id));
const cancel = () => me.call('events.cancel', { eventId });
const checkInByHand = () => secretariat.call('admin.events.checkin', { eventId, memberId: me.id });

describe('a process dying at the points', () => {
  it('stores no registration; the retry registers and awards once', async () => {
    failNextPointsBatch(t);
    expect(await me.call('events.register', { eventId })).toMatchObject({ code: 'INTERNAL' });
    expect(await registration()).toBeNull();
    expect((await storedEvent(t, eventId)).registered).toBe(0);
    expect(await points(t, me.id)).toBe(0);

    await register(me, eventId);
    await register(me, eventId);
    expect(await ledger(t, me.id, 'eventRegister')).toEqual([3]);
    expect((await storedEvent(t, eventId)).registered).toBe(1);
  });

  it('keeps the registration and its points; the retry cancels and withdraws once', async () => {
    await register(me, eventId);
    failNextPointsBatch(t);
    expect(await cancel()).toMatchObject({ code: 'INTERNAL' });
    expect(await registration()).toMatchObject({ status: 'registered', cancelledAt: null });
    expect((await storedEvent(t, eventId)).registered).toBe(1);
    expect(await points(t, me.id)).toBe(3);

    const cancelled = dataOf<EventDetail>(await cancel());
    expect(cancelled.myRegistration).toMatchObject({ status: 'cancelled' });
    expect(await cancel()).toMatchObject({ code: 'CONFLICT', message: '您已取消报名' });
    expect(await ledger(t, me.id, 'eventRegister')).toEqual([3, -3]);
    expect(await points(t, me.id)).toBe(0);
    expect((await storedEvent(t, eventId)).registered).toBe(0);
  });

  it('stores no check-in by code; the rescan checks in and awards once', async () => {
    await register(me, eventId);
    t.clock.set(DURING_CHECKIN);
    const { code } = await codeOf(secretariat, eventId);
    failNextPointsBatch(t);
    expect(await me.call('events.checkin', { code })).toMatchObject({ code: 'INTERNAL' });
    expect(await registration()).toMatchObject({ checkedInAt: null });
    expect((await storedEvent(t, eventId)).checkedIn).toBe(0);
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([]);

    dataOf(await me.call('events.checkin', { code }));
    expect(await me.call('events.checkin', { code })).toMatchObject({ code: 'CONFLICT' });
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([2]);
    expect((await storedEvent(t, eventId)).checkedIn).toBe(1);
  });

  it('stores no check-in by hand; the retry checks in and awards once', async () => {
    await register(me, eventId);
    failNextPointsBatch(t);
    expect(await checkInByHand()).toMatchObject({ code: 'INTERNAL' });
    expect(await registration()).toMatchObject({ checkedInAt: null });

    const row = dataOf<EventRegistrationRow>(await checkInByHand());
    expect(row).toMatchObject({ checkinBy: 'admin' });
    dataOf(await checkInByHand());
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([2]);
    expect((await storedEvent(t, eventId)).checkedIn).toBe(1);
  });
});

describe('actions stored by the code that moved points after the batch', () => {
  it('withdraws a cancelled round’s kept points when the member registers again', async () => {
    await register(me, eventId);
    // A cancel that stored the registration's change and stopped before withdrawing.
    await t.store.update(COLLECTIONS.eventRegistrations, registrationId(eventId, me.id), {
      set: { status: 'cancelled', cancelledAt: '2026-06-15T04:00:00.000Z' },
    });
    await t.store.update(COLLECTIONS.events, eventId, { inc: { registered: -1 } });

    await register(me, eventId);
    expect(await ledger(t, me.id, 'eventRegister')).toEqual([3, -3, 3]);
    expect(await points(t, me.id)).toBe(3);
  });

  it('awards a check-in stored without its points when the member scans again', async () => {
    await register(me, eventId);
    await t.store.update(COLLECTIONS.eventRegistrations, registrationId(eventId, me.id), {
      set: { checkedInAt: DURING_CHECKIN, checkinBy: 'code' },
    });
    t.clock.set(DURING_CHECKIN);
    const { code } = await codeOf(secretariat, eventId);

    expect(await me.call('events.checkin', { code })).toMatchObject({ code: 'CONFLICT' });
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([2]);
  });
});

describe('awards the rules set to 0', () => {
  it('write no ledger entry, and registering, cancelling and checking in still work', async () => {
    await t.store.insert(COLLECTIONS.settings, {
      _id: 'pointsRules',
      value: { eventRegister: 0, eventCheckin: 0 },
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await register(me, eventId);
    dataOf(await cancel());
    await register(me, eventId);
    dataOf(await checkInByHand());

    expect(await registration()).toMatchObject({ round: 2, checkinBy: 'admin' });
    expect(await t.store.count(COLLECTIONS.pointsLedger)).toBe(0);
    expect(await points(t, me.id)).toBe(0);
  });
});
