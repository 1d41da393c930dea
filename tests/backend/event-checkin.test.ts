/** @jest-environment node */
import type { AdminEvent, EventDetail, EventRegistrationRow } from '../../typings';
import { makeCheckinCode, slotOf } from '../../backend/domain/events/checkin-code';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin, type DuesMember } from '../helpers/dues';
import { auditEntries } from '../helpers/members';
import {
  DURING_CHECKIN,
  TIMES,
  codeOf,
  ledger,
  points,
  publishedEvent,
  register,
  storedEvent,
} from './event-support';

let t: TestBackend;
let me: DuesMember;
let secretariat: DuesAdmin;
let event: AdminEvent;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  me = await duesMember(t, { phone: '13800000001', name: '张明' });
  secretariat = await duesAdmin(t, 'secretariat');
  event = await publishedEvent(secretariat);
  await register(me, event.id);
  t.clock.set(DURING_CHECKIN);
});
afterEach(() => t.close());

const checkin = (code: string, member = me) => member.call('events.checkin', { code });

describe('the check-in code', () => {
  it('changes every minute and says when to fetch the next one', async () => {
    const first = await codeOf(secretariat, event.id);
    t.clock.advance(60_000);
    const next = await codeOf(secretariat, event.id);

    expect(first.code).toMatch(/^E1\.[0-9a-f-]{36}\.[0-9a-z]+\.[A-Za-z0-9_-]{16}$/);
    expect(next.code).not.toBe(first.code);
    expect(first).toMatchObject({
      eventId: event.id,
      refreshAt: '2026-06-20T01:11:00.000Z',
      expiresAt: '2026-06-20T01:12:00.000Z',
      windowOpen: true,
    });
    expect(first.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    t.clock.set(TIMES.checkinEndsAt);
    expect((await codeOf(secretariat, event.id)).windowOpen).toBe(false);
  });

  it('is only for published events', async () => {
    const draft = dataOf<AdminEvent>(
      await secretariat.call('admin.events.save', {
        title: '草稿活动',
        html: '<p>正文</p>',
        place: '学会会议室',
        capacity: 10,
        ...TIMES,
        requestId: 'event-draft-code',
      }),
    );

    expect(await secretariat.call('admin.events.checkinCode', { eventId: draft.id })).toMatchObject(
      { ok: false, code: 'CONFLICT', message: '只有已发布的活动可以生成签到码' },
    );
  });
});

describe('checking in with a code', () => {
  it('checks in with a fresh code and awards 会内活动签到 once', async () => {
    const { code } = await codeOf(secretariat, event.id);

    const detail = dataOf<EventDetail>(await checkin(code));

    expect(detail.myRegistration).toMatchObject({
      status: 'registered',
      checkedInAt: DURING_CHECKIN,
    });
    expect(detail).toMatchObject({ canCancel: false, closedReason: '已签到' });
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([2]);
    expect(await points(t, me.id)).toBe(5);
    expect((await storedEvent(t, event.id)).checkedIn).toBe(1);
  });

  it('takes a code in its minute and the next, and refuses it two minutes on', async () => {
    const { code } = await codeOf(secretariat, event.id);
    const [other] = await Promise.all([duesMember(t, { phone: '13800000002', name: '李华' })]);
    t.clock.set('2026-06-15T04:00:00Z');
    await register(other!, event.id);
    t.clock.set(DURING_CHECKIN);

    t.clock.advance(60_000);
    expect(await checkin(code)).toMatchObject({ ok: true });
    t.clock.advance(60_000);
    expect(await checkin(code, other)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: '签到码已过期，请扫描现场最新的签到码',
    });
    expect(await points(t, other!.id)).toBe(3);
  });

  it.each([
    ['a mangled text', () => 'hello'],
    ['a changed mac', (code: string) => `${code.slice(0, -4)}AAAA`],
    [
      'a code made with another secret',
      (code: string) => {
        const [, eventId] = code.split('.');
        return makeCheckinCode('not-the-secret', eventId!, slotOf(new Date(DURING_CHECKIN)));
      },
    ],
    ['an unknown event', () => makeCheckinCode('x', '00000000-0000-4000-8000-000000000000', 1)],
  ])('refuses %s as 签到码无效', async (_case, forge) => {
    const { code } = await codeOf(secretariat, event.id);

    const result = await checkin(forge(code));

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '签到码无效' });
    expect(await points(t, me.id)).toBe(3);
  });

  it('takes a code for its own event only', async () => {
    t.clock.set('2026-06-15T04:00:00Z');
    const other = await publishedEvent(secretariat, { title: '专题讲座' });
    t.clock.set(DURING_CHECKIN);
    const theirs = await codeOf(secretariat, other.id);
    const mine = await codeOf(secretariat, event.id);
    const [, , slot, mac] = theirs.code.split('.');

    expect(await checkin(theirs.code)).toMatchObject({
      code: 'CONFLICT',
      message: '您未报名该活动',
    });
    expect(await checkin(`E1.${event.id}.${slot}.${mac}`)).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(await checkin(mine.code)).toMatchObject({ ok: true });
  });

  it('refuses outside the window, naming its start in China time', async () => {
    t.clock.set('2026-06-20T00:29:00Z');
    const early = await codeOf(secretariat, event.id);
    expect(early.windowOpen).toBe(false);
    expect(await checkin(early.code)).toMatchObject({
      code: 'CONFLICT',
      message: '签到尚未开始（6月20日 08:30 开始）',
    });

    t.clock.set(TIMES.checkinEndsAt);
    const late = await codeOf(secretariat, event.id);
    expect(await checkin(late.code)).toMatchObject({ code: 'CONFLICT', message: '签到已结束' });
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([]);
  });

  it('refuses a member not registered, and one who cancelled', async () => {
    const stranger = await duesMember(t, { phone: '13800000003', name: '王芳' });
    const quitter = await duesMember(t, { phone: '13800000004', name: '赵强' });
    t.clock.set('2026-06-15T04:00:00Z');
    await register(quitter, event.id);
    await quitter.call('events.cancel', { eventId: event.id });
    t.clock.set(DURING_CHECKIN);
    const { code } = await codeOf(secretariat, event.id);

    for (const member of [stranger, quitter]) {
      expect(await checkin(code, member)).toMatchObject({
        ok: false,
        code: 'CONFLICT',
        message: '您未报名该活动',
      });
      expect(await ledger(t, member.id, 'eventCheckin')).toEqual([]);
    }
  });

  it('refuses a second check-in with the first one’s time; ten scans award once', async () => {
    const { code } = await codeOf(secretariat, event.id);

    const results = await Promise.all(Array.from({ length: 10 }, () => checkin(code)));
    t.clock.advance(30_000);
    const again = await checkin(code);

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT', message: '您已于 09:10 签到' });
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([2]);
    expect((await storedEvent(t, event.id)).checkedIn).toBe(1);
  });

  it('limits a member to 20 scans a minute', async () => {
    for (let i = 0; i < 20; i += 1) await checkin('wrong');

    expect(await checkin('wrong')).toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('checking in by hand', () => {
  it('checks a registered member in at any time, once, audited, with the same points', async () => {
    t.clock.set('2026-06-16T02:00:00Z');
    const call = () =>
      secretariat.call('admin.events.checkin', { eventId: event.id, memberId: me.id });

    const row = dataOf<EventRegistrationRow>(await call());
    const repeat = dataOf<EventRegistrationRow>(await call());

    expect(row).toMatchObject({ checkinBy: 'admin', checkedInAt: '2026-06-16T02:00:00.000Z' });
    expect(repeat).toEqual(row);
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([2]);
    const audits = (await auditEntries(t)).filter((a) => a.action === 'admin.events.checkin');
    expect(audits).toHaveLength(1);
    t.clock.set(DURING_CHECKIN);
    const { code } = await codeOf(secretariat, event.id);
    expect(await checkin(code)).toMatchObject({ message: '您已于 10:00 签到' });
  });

  it('refuses a withdrawn event: it did not take place, and earns nothing', async () => {
    dataOf(await secretariat.call('admin.events.withdraw', { eventId: event.id }));

    const result = await secretariat.call('admin.events.checkin', {
      eventId: event.id,
      memberId: me.id,
    });

    expect(result).toMatchObject({ ok: false, code: 'CONFLICT', field: 'eventId' });
    expect(await ledger(t, me.id, 'eventCheckin')).toEqual([]);
  });

  it('refuses a member who is not registered', async () => {
    const stranger = await duesMember(t, { phone: '13800000003', name: '王芳' });

    const result = await secretariat.call('admin.events.checkin', {
      eventId: event.id,
      memberId: stranger.id,
    });

    expect(result).toMatchObject({ ok: false, code: 'CONFLICT', field: 'memberId' });
    const finance = await duesAdmin(t, 'finance');
    expect(
      await finance.call('admin.events.checkin', { eventId: event.id, memberId: me.id }),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the secret', () => {
  it('never appears in an answer, a log line or the audit log', async () => {
    const { checkinSecret } = await storedEvent(t, event.id);
    const answers = [
      await secretariat.call('admin.events.get', { eventId: event.id }),
      await secretariat.call('admin.events.list', {}),
      await secretariat.call('admin.events.checkinCode', { eventId: event.id }),
      await secretariat.call('admin.events.save', {
        ...TIMES,
        eventId: event.id,
        title: event.title,
        html: event.html,
        place: event.place,
        capacity: 50,
        requestId: 'event-secret-edit',
      }),
      await me.call('events.list', {}),
      await me.call('events.get', { eventId: event.id }),
      await checkin((await codeOf(secretariat, event.id)).code),
      await secretariat.call('admin.events.registrations', { eventId: event.id }),
      await secretariat.call('admin.events.export', { eventId: event.id }),
    ];

    expect(checkinSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answers.every((a) => a.ok)).toBe(true);
    const everything = [
      JSON.stringify(answers),
      ...t.logger.lines,
      JSON.stringify(await t.store.find(COLLECTIONS.auditLog)),
    ];
    for (const text of everything) expect(text).not.toContain(checkinSecret);
  });
});
