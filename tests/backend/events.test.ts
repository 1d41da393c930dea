/** @jest-environment node */
import ExcelJS from 'exceljs';
import type { AdminEvent, EventRegistrationRow, EventSummary, Page } from '../../typings';
import { registrationId, type EventRegistrationDoc } from '../../backend/domain/events/model';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin, type DuesMember } from '../helpers/dues';
import { auditEntries } from '../helpers/members';
import {
  DURING_CHECKIN,
  TIMES,
  codeOf,
  draftEvent,
  eventRequest,
  ledger,
  points,
  publishedEvent,
  register,
  storedEvent,
} from './event-support';

let t: TestBackend;
let me: DuesMember;
let secretariat: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  me = await duesMember(t, { phone: '13800000001', name: '张明' });
  secretariat = await duesAdmin(t, 'secretariat');
});
afterEach(() => t.close());

const list = async (member = me) =>
  dataOf<Page<EventSummary>>(await member.call('events.list', {}));
const members = (count: number) =>
  Promise.all(
    Array.from({ length: count }, (_v, i) =>
      duesMember(t, { phone: `1390000${String(i).padStart(4, '0')}`, name: `会员${i + 1}` }),
    ),
  );

describe('writing and publishing', () => {
  it('creates one draft per requestId, sanitised; members see no draft', async () => {
    const request = eventRequest({ html: '<p onclick="x()">年会<script>alert(1)</script></p>' });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => secretariat.call('admin.events.save', request)),
    );

    const ids = new Set(results.map((r) => dataOf<AdminEvent>(r).id));
    expect(ids.size).toBe(1);
    const [eventId] = [...ids] as [string];
    const draft = dataOf<AdminEvent>(await secretariat.call('admin.events.get', { eventId }));
    expect(draft).toMatchObject({ status: 'draft', html: '<p>年会</p>', registered: 0 });
    expect((await list()).total).toBe(0);
    expect(await me.call('events.get', { eventId })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await me.call('events.register', { eventId })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each([
    ['an end before the start', { endsAt: TIMES.startsAt }, 'endsAt'],
    [
      'a deadline after the end',
      { registrationDeadline: '2026-06-21T00:00:00Z' },
      'registrationDeadline',
    ],
    ['a check-in ending as it starts', { checkinEndsAt: TIMES.checkinStartsAt }, 'checkinEndsAt'],
    ['a capacity of 0', { capacity: 0 }, 'capacity'],
    ['a capacity of 10001', { capacity: 10_001 }, 'capacity'],
    ['a capacity of 1.5', { capacity: 1.5 }, 'capacity'],
    ['a one-character title', { title: '会' }, 'title'],
    ['an empty place', { place: '  ' }, 'place'],
    ['a title of two lines', { title: '学术年会\n第二行' }, 'title'],
    ['a place of zero-width spaces', { place: '\u200b\u200b' }, 'place'],
    ['a time without a zone', { startsAt: '2026-06-20 09:00' }, 'startsAt'],
    ['a start in 1970', { startsAt: '1970-01-01T00:00:00Z' }, 'startsAt'],
    ['an end in 9999', { endsAt: '9999-12-31T00:00:00Z' }, 'endsAt'],
    [
      'a check-in opening two days early',
      { checkinStartsAt: '2026-06-18T00:30:00Z' },
      'checkinStartsAt',
    ],
    ['a check-in open for days after', { checkinEndsAt: '2026-06-25T00:00:00Z' }, 'checkinEndsAt'],
    ['an empty text', { html: '<p> </p>' }, 'html'],
  ])('refuses %s and stores nothing', async (_case, overrides, field) => {
    const result = await secretariat.call('admin.events.save', eventRequest(overrides));

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field });
    expect(await t.store.count(COLLECTIONS.events)).toBe(0);
  });

  it('keeps times as UTC instants, whatever offset they came with', async () => {
    const draft = await draftEvent(secretariat, { startsAt: '2026-06-20T09:00:00+08:00' });

    expect(draft.startsAt).toBe('2026-06-20T01:00:00.000Z');
  });

  it('is for the secretariat and the super-admin; every write is audited', async () => {
    const finance = await duesAdmin(t, 'finance');
    const superAdmin = await duesAdmin(t, 'superAdmin');
    expect(await finance.call('admin.events.list', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await me.call('admin.events.list', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await superAdmin.call('admin.events.list', {})).toMatchObject({ ok: true });

    const event = await publishedEvent(secretariat);
    await secretariat.call('admin.events.save', { ...eventRequest(), eventId: event.id });
    await secretariat.call('admin.events.withdraw', { eventId: event.id });

    const actions = (await auditEntries(t)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'admin.events.create',
        'admin.events.publish',
        'admin.events.edit',
        'admin.events.withdraw',
      ]),
    );
  });

  it('keeps the capacity at or above the registrations standing', async () => {
    const event = await publishedEvent(secretariat, { capacity: 5 });
    for (const member of await members(3)) await register(member, event.id);
    const edit = (capacity: number) =>
      secretariat.call('admin.events.save', { ...eventRequest({ capacity }), eventId: event.id });

    expect(await edit(2)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      field: 'capacity',
      message: '名额不能少于已报名人数（3人）',
    });
    expect(dataOf<AdminEvent>(await edit(3)).capacity).toBe(3);
  });

  it('does not publish an event that has ended; withdrawn, members no longer see it', async () => {
    const past = await draftEvent(secretariat, {
      ...TIMES,
      startsAt: '2026-06-01T01:00:00Z',
      endsAt: '2026-06-01T09:00:00Z',
      registrationDeadline: '2026-06-01T00:00:00Z',
      checkinStartsAt: '2026-06-01T00:30:00Z',
      checkinEndsAt: '2026-06-01T04:00:00Z',
    });
    expect(await secretariat.call('admin.events.publish', { eventId: past.id })).toMatchObject({
      code: 'CONFLICT',
      field: 'endsAt',
    });

    const event = await publishedEvent(secretariat);
    await register(me, event.id);
    await secretariat.call('admin.events.withdraw', { eventId: event.id });

    expect((await list()).total).toBe(0);
    expect(await me.call('events.get', { eventId: event.id })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await points(t, me.id)).toBe(3);
    expect(await secretariat.call('admin.events.checkinCode', { eventId: event.id })).toMatchObject(
      { code: 'CONFLICT' },
    );
  });
});

describe('registering', () => {
  it('takes exactly the capacity when 20 members register at once', async () => {
    const event = await publishedEvent(secretariat, { capacity: 5 });
    const crowd = await members(20);

    const results = await Promise.all(
      crowd.map((m) => m.call('events.register', { eventId: event.id })),
    );

    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.filter((r) => !r.ok);
    expect(refused.every((r) => !r.ok && r.code === 'CONFLICT' && r.message === '名额已满')).toBe(
      true,
    );
    expect((await storedEvent(t, event.id)).registered).toBe(5);
    expect(
      await t.store.count(COLLECTIONS.eventRegistrations, { where: { status: 'registered' } }),
    ).toBe(5);
    expect(
      await t.store.count(COLLECTIONS.pointsLedger, { where: { kind: 'eventRegister' } }),
    ).toBe(5);
  });

  it('registers once and awards 3 points once, ten taps at once', async () => {
    const event = await publishedEvent(secretariat);

    const results = await Promise.all(
      Array.from({ length: 10 }, () => me.call('events.register', { eventId: event.id })),
    );

    expect(results.every((r) => r.ok)).toBe(true);
    expect((await storedEvent(t, event.id)).registered).toBe(1);
    expect(await points(t, me.id)).toBe(3);
    const again = await register(me, event.id);
    expect(again.myRegistration).toMatchObject({
      status: 'registered',
      registeredAt: '2026-06-15T04:00:00.000Z',
    });
    expect(again).toMatchObject({ canRegister: false, canCancel: true, closedReason: null });
  });

  it('refuses after the deadline and for a full event, awarding nothing', async () => {
    const full = await publishedEvent(secretariat, { capacity: 1 });
    const open = await publishedEvent(secretariat, { title: '专题讲座' });
    const [other] = await members(1);
    await register(other!, full.id);

    expect(await me.call('events.register', { eventId: full.id })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '名额已满',
    });
    t.clock.set(TIMES.registrationDeadline);
    expect(await me.call('events.register', { eventId: open.id })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '报名已截止',
    });
    expect(await points(t, me.id)).toBe(0);
    expect(
      await t.store.count(COLLECTIONS.eventRegistrations, { where: { memberId: me.id } }),
    ).toBe(0);
  });

  it('cancel and register again: +3 −3 +3, net 3, never 6', async () => {
    const event = await publishedEvent(secretariat);

    await register(me, event.id);
    t.clock.advance(60_000);
    const cancelled = dataOf<EventSummary>(await me.call('events.cancel', { eventId: event.id }));
    t.clock.advance(60_000);
    const again = await register(me, event.id);

    expect(cancelled.myRegistration).toMatchObject({ status: 'cancelled' });
    expect(cancelled).toMatchObject({ registered: 0, canRegister: true, canCancel: false });
    expect(again).toMatchObject({ registered: 1, myRegistration: { status: 'registered' } });
    expect(await ledger(t, me.id, 'eventRegister')).toEqual([3, -3, 3]);
    expect(await points(t, me.id)).toBe(3);
    const reg = await t.store.get<EventRegistrationDoc>(
      COLLECTIONS.eventRegistrations,
      registrationId(event.id, me.id),
    );
    expect(reg).toMatchObject({ round: 2, cancelledAt: null });
  });

  it('awards once when a retry finds the registration stored before its award', async () => {
    const event = await publishedEvent(secretariat);
    // The first request stored the registration and stopped before awarding.
    await t.store.batch([
      {
        op: 'insert',
        collection: COLLECTIONS.eventRegistrations,
        doc: {
          _id: registrationId(event.id, me.id),
          eventId: event.id,
          memberId: me.id,
          status: 'registered',
          round: 1,
          registeredAt: '2026-06-15T04:00:00.000Z',
          cancelledAt: null,
          checkedInAt: null,
          checkinBy: null,
          checkedInByAdmin: null,
        },
      },
      {
        op: 'update',
        collection: COLLECTIONS.events,
        id: event.id,
        patch: { inc: { registered: 1 } },
      },
    ]);

    await Promise.all([register(me, event.id), register(me, event.id)]);
    await register(me, event.id);

    expect(await ledger(t, me.id, 'eventRegister')).toEqual([3]);
    expect((await storedEvent(t, event.id)).registered).toBe(1);
  });

  it('refuses to cancel when not registered, after the deadline or after check-in', async () => {
    const event = await publishedEvent(secretariat);
    expect(await me.call('events.cancel', { eventId: event.id })).toMatchObject({
      code: 'CONFLICT',
      message: '您未报名该活动，无需取消',
    });
    await register(me, event.id);
    await me.call('events.cancel', { eventId: event.id });
    expect(await me.call('events.cancel', { eventId: event.id })).toMatchObject({
      code: 'CONFLICT',
      message: '您已取消报名',
    });

    const [late, present] = await members(2);
    await register(late!, event.id);
    await register(present!, event.id);
    await secretariat.call('admin.events.checkin', { eventId: event.id, memberId: present!.id });
    expect(await present!.call('events.cancel', { eventId: event.id })).toMatchObject({
      message: '您已签到，不能取消报名',
    });
    t.clock.set(TIMES.registrationDeadline);
    expect(await late!.call('events.cancel', { eventId: event.id })).toMatchObject({
      message: '报名已截止，不能取消报名',
    });
    expect(await points(t, late!.id)).toBe(3);
    expect((await storedEvent(t, event.id)).registered).toBe(2);
  });

  it('lists published events, latest start first, with what the member can do', async () => {
    const earlier = await publishedEvent(secretariat, {
      title: '春季沙龙',
      startsAt: '2026-06-18T01:00:00Z',
      registrationDeadline: '2026-06-17T10:00:00Z',
    });
    const full = await publishedEvent(secretariat, { title: '小型研讨', capacity: 1 });
    await draftEvent(secretariat, { title: '草稿活动' });
    const [other] = await members(1);
    await register(other!, full.id);
    await register(me, earlier.id);

    const before = await list();
    expect(before.items.map((e) => [e.title, e.canRegister, e.canCancel, e.closedReason])).toEqual([
      ['小型研讨', false, false, '名额已满'],
      ['春季沙龙', false, true, null],
    ]);

    t.clock.set('2026-06-17T10:00:00Z');
    const after = await list();
    expect(after.items.map((e) => e.closedReason)).toEqual(['名额已满', '报名已截止']);
    expect(after.items[1]).toMatchObject({
      canCancel: false,
      myRegistration: { status: 'registered' },
    });
  });
});

describe('registrations and export', () => {
  async function attendance() {
    const event = await publishedEvent(secretariat);
    const [present, absent, gone] = await members(3);
    await register(present!, event.id);
    t.clock.advance(60_000);
    await register(absent!, event.id);
    t.clock.advance(60_000);
    await register(gone!, event.id);
    await gone!.call('events.cancel', { eventId: event.id });
    t.clock.set(DURING_CHECKIN);
    const { code } = await codeOf(secretariat, event.id);
    await present!.call('events.checkin', { code });
    return { event, present: present!, absent: absent!, gone: gone! };
  }

  it('lists registrations, newest first, narrowed by the filter, phones masked', async () => {
    const { event } = await attendance();
    const rows = async (filter?: string) =>
      dataOf<Page<EventRegistrationRow>>(
        await secretariat.call('admin.events.registrations', {
          eventId: event.id,
          ...(filter ? { filter } : {}),
        }),
      ).items.map((r) => [r.name, r.phoneMasked, r.status, r.checkinBy]);

    expect(await rows()).toEqual([
      ['会员3', '139****0002', 'cancelled', null],
      ['会员2', '139****0001', 'registered', null],
      ['会员1', '139****0000', 'registered', 'code'],
    ]);
    expect((await rows('registered')).map((r) => r[0])).toEqual(['会员2', '会员1']);
    expect((await rows('cancelled')).map((r) => r[0])).toEqual(['会员3']);
    expect((await rows('checkedIn')).map((r) => r[0])).toEqual(['会员1']);
    const admin = dataOf<AdminEvent>(
      await secretariat.call('admin.events.get', { eventId: event.id }),
    );
    expect(admin).toMatchObject({ registered: 2, checkedIn: 1 });
  });

  it('exports 报名名单 and 签到名单 to one workbook, in China time', async () => {
    const { event, absent } = await attendance();
    t.clock.advance(5 * 60_000);
    await secretariat.call('admin.events.checkin', { eventId: event.id, memberId: absent.id });

    const exported = dataOf<{ fileName: string; contentBase64: string }>(
      await secretariat.call('admin.events.export', { eventId: event.id }),
    );

    expect(exported.fileName).toBe('2026年学术年会-报名签到.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(exported.contentBase64, 'base64') as unknown as ArrayBuffer,
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['报名名单', '签到名单']);
    const values = (name: string) =>
      (workbook.getWorksheet(name)!.getSheetValues().slice(1) as unknown[][]).map((r) =>
        r.slice(1),
      );
    expect(values('报名名单')).toEqual([
      ['姓名', '会员编号', '手机号', '报名时间', '签到', '签到时间'],
      ['会员1', 'M0000', '139****0000', '2026-06-15 12:00', '已签到', '2026-06-20 09:10'],
      ['会员2', 'M0001', '139****0001', '2026-06-15 12:01', '已签到', '2026-06-20 09:15'],
    ]);
    expect(values('签到名单')).toEqual([
      ['姓名', '会员编号', '手机号', '签到时间', '签到方式'],
      ['会员1', 'M0000', '139****0000', '2026-06-20 09:10', '本人扫码'],
      ['会员2', 'M0001', '139****0001', '2026-06-20 09:15', '管理员（secretariat）'],
    ]);
  });
});
