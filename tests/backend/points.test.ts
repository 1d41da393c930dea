/** @jest-environment node */
import type {
  AdminPointsMember,
  Page,
  PointsEntry,
  PointsRules,
  PointsSummary,
} from '../../typings';
import { awardPoints, yearTotal } from '../../backend/domain/points/ledger';
import { COLLECTIONS } from '../../backend/schema/collections';
import { createTestBackend, dataOf, type TestBackend } from '../helpers/backend';
import { duesAdmin, duesMember, type DuesAdmin, type DuesMember } from '../helpers/dues';
import { auditEntries } from '../helpers/members';

let t: TestBackend;
let me: DuesMember;
let secretariat: DuesAdmin;
beforeEach(async () => {
  t = createTestBackend({ now: '2026-06-15T04:00:00Z' });
  me = await duesMember(t, { phone: '13800000001', name: '张明' });
  secretariat = await duesAdmin(t, 'secretariat');
});
afterEach(() => t.close());

const award = (refId: string, at = t.clock.now(), points = 1) =>
  awardPoints(t.deps, { memberId: me.id, kind: 'noticeView', refId, points, at });
const summary = async () => dataOf<PointsSummary>(await me.call('points.summary'));
const adjust = (data: Record<string, unknown>, admin: DuesAdmin = secretariat) =>
  admin.call('admin.points.adjust', {
    memberId: me.id,
    points: 5,
    reason: '学术年会志愿服务',
    requestId: 'adjust-0001',
    ...data,
  });

describe('points.summary', () => {
  it('answers this year’s total, the way to 20, the reward and the rules in the table’s order', async () => {
    await award('notice-1');

    expect(await summary()).toEqual({
      year: 2026,
      total: 1,
      threshold: 20,
      remaining: 19,
      reached: false,
      reward: '生日礼物，并获得年度优秀会员评选资格',
      rules: [
        { kind: 'firstLogin', label: '新会员登录', points: 1, note: '首次登录，仅一次' },
        { kind: 'noticeView', label: '查看通知', points: 1, note: '每条通知一次' },
        { kind: 'noticeFeedback', label: '反馈通知', points: 1, note: '每条通知一次' },
        { kind: 'newsView', label: '查看机构动态', points: 1, note: '每条动态一次' },
        { kind: 'serviceApply', label: '申请服务', points: 1, note: '每次申请' },
        { kind: 'renewal', label: '会员续费', points: 2, note: '每次续费经财务确认后' },
        { kind: 'eventCheckin', label: '会内活动签到', points: 2, note: '每场活动一次' },
        { kind: 'eventRegister', label: '报名参加会内活动', points: 3, note: '每场活动一次' },
      ],
    });
  });
});

describe('the ledger', () => {
  it('awards one notice viewed fifty times at once once, and fifty notices fifty times', async () => {
    const same = await Promise.all(Array.from({ length: 50 }, () => award('notice-1')));
    expect(same.filter(Boolean)).toHaveLength(1);
    expect(await yearTotal(t.deps, me.id, 2026)).toBe(1);

    const many = await Promise.all(Array.from({ length: 50 }, (_v, i) => award(`notice-${i + 2}`)));
    expect(many.filter(Boolean)).toHaveLength(50);
    expect(await yearTotal(t.deps, me.id, 2026)).toBe(51);
    expect(await t.store.count(COLLECTIONS.pointsLedger)).toBe(51);
  });

  it('counts an entry at 2025-12-31T16:30:00Z for 2026, China’s year', async () => {
    await award('new-year', new Date('2025-12-31T16:30:00Z'));
    await award('old-year', new Date('2025-12-31T15:59:59Z'));

    expect(await yearTotal(t.deps, me.id, 2026)).toBe(1);
    expect(await yearTotal(t.deps, me.id, 2025)).toBe(1);
    const of2026 = dataOf<Page<PointsEntry>>(await me.call('points.history', { year: 2026 }));
    expect(of2026.items.map((e) => e.at)).toEqual(['2025-12-31T16:30:00.000Z']);
  });

  it('pages the history newest first, beyond one page', async () => {
    for (let i = 0; i < 25; i += 1) await award(`notice-${i}`, new Date(Date.UTC(2026, 0, i + 1)));

    const first = dataOf<Page<PointsEntry>>(await me.call('points.history', { pageSize: 20 }));
    const second = dataOf<Page<PointsEntry>>(
      await me.call('points.history', { page: 2, pageSize: 20 }),
    );

    expect(first.total).toBe(25);
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toMatchObject({
      kind: 'noticeView',
      label: '查看通知',
      points: 1,
      at: '2026-01-25T00:00:00.000Z',
      reason: null,
    });
    expect(second.items.map((e) => e.at.slice(0, 10))).toEqual([
      '2026-01-05',
      '2026-01-04',
      '2026-01-03',
      '2026-01-02',
      '2026-01-01',
    ]);
  });
});

describe('admin.points.adjust', () => {
  it('adds points with a reason, audited, that the member reads in the history', async () => {
    const answer = dataOf<{ total: number; entry: PointsEntry }>(await adjust({}));

    expect(answer.total).toBe(5);
    expect(answer.entry).toMatchObject({
      label: '管理员调整',
      points: 5,
      reason: '学术年会志愿服务',
    });
    const mine = dataOf<Page<PointsEntry>>(await me.call('points.history', {}));
    expect(mine.items[0]).toMatchObject({ kind: 'adminAdjust', reason: '学术年会志愿服务' });
    expect((await auditEntries(t)).map((a) => a.action)).toContain('admin.points.adjust');
  });

  it('happens once per requestId, even five at once', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => adjust({})));

    expect(results.every((r) => r.ok)).toBe(true);
    expect(await yearTotal(t.deps, me.id, 2026)).toBe(5);
  });

  it('withdraws down to 0 but never below, also when two withdrawals race', async () => {
    await adjust({ points: 5 });

    const results = await Promise.all([
      adjust({ points: -3, requestId: 'withdraw-1' }),
      adjust({ points: -3, requestId: 'withdraw-2' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      field: 'points',
    });
    expect(await yearTotal(t.deps, me.id, 2026)).toBe(2);
    expect(await adjust({ points: -2, requestId: 'withdraw-3' })).toMatchObject({ ok: true });
    expect(await yearTotal(t.deps, me.id, 2026)).toBe(0);
  });

  it.each([
    ['no reason', { reason: ' ' }, 'reason'],
    ['zero points', { points: 0 }, 'points'],
    ['more than 100 points', { points: 101 }, 'points'],
    ['a fraction', { points: 1.5 }, 'points'],
  ])('refuses %s and awards nothing', async (_case, data, field) => {
    expect(await adjust(data)).toMatchObject({ ok: false, code: 'INVALID_INPUT', field });
    expect(await t.store.count(COLLECTIONS.pointsLedger)).toBe(0);
  });

  it('is for the secretariat and the super-admin only', async () => {
    const finance = await duesAdmin(t, 'finance');

    expect(await adjust({}, finance)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      await me.call('admin.points.adjust', {
        memberId: me.id,
        points: 5,
        reason: '自己加分',
        requestId: 'self-0001',
      }),
    ).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await t.store.count(COLLECTIONS.pointsLedger)).toBe(0);
  });
});

describe('the rules and the lists', () => {
  const rules = (overrides: Partial<PointsRules> = {}): PointsRules => ({
    values: {
      firstLogin: 2,
      noticeView: 1,
      noticeFeedback: 1,
      newsView: 0,
      serviceApply: 1,
      renewal: 3,
      eventCheckin: 2,
      eventRegister: 3,
    },
    threshold: 5,
    reward: '生日礼物',
    ...overrides,
  });

  it('are the super-admin’s to change; new awards take the new values, old entries stay', async () => {
    await award('notice-1');
    const superAdmin = await duesAdmin(t, 'superAdmin');

    expect(await secretariat.call('admin.points.rules.update', rules())).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    const saved = dataOf<PointsRules>(await superAdmin.call('admin.points.rules.update', rules()));

    expect(saved).toEqual({
      ...rules(),
      labels: {
        firstLogin: '新会员登录',
        noticeView: '查看通知',
        noticeFeedback: '反馈通知',
        newsView: '查看机构动态',
        serviceApply: '申请服务',
        renewal: '会员续费',
        eventCheckin: '会内活动签到',
        eventRegister: '报名参加会内活动',
      },
    });
    const now = await summary();
    expect(now).toMatchObject({ threshold: 5, remaining: 4, reward: '生日礼物', total: 1 });
    expect(now.rules.map((r) => r.kind)).not.toContain('newsView');
    const newcomer = await duesMember(t, { phone: '13800000002', name: '李华' });
    await t.call('auth.login', { phone: '13800000002', password: '13800000002' });
    expect(await yearTotal(t.deps, newcomer.id, 2026)).toBe(2);
  });

  it('refuses values out of range on their field', async () => {
    const superAdmin = await duesAdmin(t, 'superAdmin');

    const result = await superAdmin.call(
      'admin.points.rules.update',
      rules({ values: { ...rules().values, renewal: -1 } }),
    );

    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: 'values' });
    expect(dataOf<PointsRules>(await secretariat.call('admin.points.rules.get')).threshold).toBe(
      20,
    );
  });

  it('list the year’s members highest first, and those who reached the threshold', async () => {
    const other = await duesMember(t, { phone: '13800000003', name: '王芳' });
    for (let i = 0; i < 20; i += 1) await award(`notice-${i}`);
    await awardPoints(t.deps, {
      memberId: other.id,
      kind: 'renewal',
      refId: 'order-1',
      points: 2,
      at: t.clock.now(),
    });

    const all = dataOf<Page<AdminPointsMember> & { threshold: number }>(
      await secretariat.call('admin.points.members', {}),
    );
    const reached = dataOf<Page<AdminPointsMember>>(
      await secretariat.call('admin.points.members', { reached: true }),
    );

    expect(all.items.map((m) => [m.name, m.total, m.reached])).toEqual([
      ['张明', 20, true],
      ['王芳', 2, false],
    ]);
    expect(all.items[0]?.phoneMasked).toBe('138****0001');
    expect(reached.items.map((m) => m.name)).toEqual(['张明']);
    const lastYear = dataOf<Page<AdminPointsMember>>(
      await secretariat.call('admin.points.members', { year: 2025 }),
    );
    expect(lastYear.total).toBe(0);
  });
});
