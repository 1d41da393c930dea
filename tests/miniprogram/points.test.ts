import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import type { MemberDoc } from '../../backend/domain/members/model';
import { awardPoints } from '../../backend/domain/points/ledger';
import { COLLECTIONS } from '../../backend/schema/collections';
import { login } from '../../miniprogram/services/auth';
import { progressPercent } from '../../miniprogram/utils/points-view';
import { dataOf } from '../helpers/backend';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { countPullDownStops, pullDown, whileOffline } from './support/lists';
import { loggedInMember, MEMBER, NEW_PASSWORD } from './support/members';
import {
  find,
  renderPage,
  tapAndSettle,
  tapButton,
  texts,
  textOf,
  type Rendered,
} from './support/pages';
import { wxFake } from './support/wx-fake';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
/** 00:30 in Beijing on 1 January 2026, still 31 December in UTC. */
const NEW_YEAR_NIGHT = '2025-12-31T16:30:00Z';
const ADMIN_PASSWORD = 'Secretariat-2026!';
const MINUTE = 60 * 1000;

describe('积分', () => {
  let backend: ConnectedBackend;
  const pullDownStops = countPullDownStops();
  beforeEach(() => {
    backend = connectBackend({ now: NOW });
  });
  afterEach(() => backend.close());

  /** The member logs in for the first time ever at `at` (新会员登录), then again today. */
  async function firstLoggedInAt(at: string): Promise<string> {
    backend.clock.set(at);
    await loggedInMember(backend);
    backend.clock.set(NOW);
    await login(MEMBER.phone, NEW_PASSWORD);
    const [member] = await backend.store.find<MemberDoc>(COLLECTIONS.members);
    return member!._id;
  }

  /** `count` 查看通知 awards, one a minute before now, the latest a minute ago. */
  async function noticeViews(memberId: string, count: number): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      const at = new Date(Date.parse(NOW) - (count - index) * MINUTE);
      const made = await awardPoints(backend.deps, {
        memberId,
        kind: 'noticeView',
        refId: `notice-${index}`,
        points: 1,
        at,
      });
      expect(made).toBe(true);
    }
  }

  async function adminToken(): Promise<string> {
    await ensureFirstAdmin(backend.deps, ADMIN_PASSWORD, backend.clock.now());
    const answer = await backend.call('admin.login', {
      username: 'admin',
      password: ADMIN_PASSWORD,
    });
    return dataOf<{ token: string }>(answer).token;
  }

  async function openPoints(): Promise<Rendered> {
    const page = renderPage('points');
    await backend.settle();
    return page;
  }

  /** The width t-progress gives its bar, as in its inline style. */
  function barWidth(page: Rendered): string {
    const style = find(page, '.progress >>> .t-progress__inner').dom?.getAttribute('style') ?? '';
    return /width:\s*([\d.]+%)/.exec(style)?.[1] ?? '';
  }

  it('counts a first login at 00:30 Beijing on 1 January for that year', async () => {
    await firstLoggedInAt(NEW_YEAR_NIGHT);

    const page = await openPoints();

    expect(textOf(page, '.year-title')).toBe('2026年度积分');
    expect(textOf(page, '.total')).toBe('1');
    expect(textOf(page, '.progress-text')).toBe('还差 19 分');
    expect(textOf(page, '.reward')).toBe('年度积分满 20 分：生日礼物，并获得年度优秀会员评选资格');
    expect(barWidth(page)).toBe('5%');
    expect(textOf(page, '.entry-0 .entry__label')).toBe('新会员登录');
    expect(textOf(page, '.entry-0 .entry__points')).toBe('+1');
    expect(textOf(page, '.entry-0 .entry__at')).toBe('2026-01-01 00:30');
    expect(page.querySelector('.entry-0 .entry__reason')).toBeFalsy();
    expect(page.querySelector('.load-more')).toBeFalsy();
    expect(textOf(page, '.no-more')).toBe('没有更多了');
  });

  it('lists the rules with their labels, points and notes in the order of the guide', async () => {
    await firstLoggedInAt(NOW);

    const page = await openPoints();

    expect(texts(page, '.rule__label')).toEqual([
      '新会员登录',
      '查看通知',
      '反馈通知',
      '查看机构动态',
      '申请服务',
      '会员续费',
      '会内活动签到',
      '报名参加会内活动',
    ]);
    expect(texts(page, '.rule__points')).toEqual(['+1', '+1', '+1', '+1', '+1', '+2', '+2', '+3']);
    expect(textOf(page, '.rule-0 .rule__note')).toBe('首次登录，仅一次');
    expect(textOf(page, '.rule-5 .rule__note')).toBe('每次续费经财务确认后');
  });

  it('shows the rules, threshold and reward the super-admin set', async () => {
    await firstLoggedInAt(NOW);
    const token = await adminToken();
    const rules = dataOf<{ values: Record<string, number> }>(
      await backend.call('admin.points.rules.get', {}, { token }),
    );
    const updated = await backend.call(
      'admin.points.rules.update',
      {
        values: { ...rules.values, newsView: 0, renewal: 5 },
        threshold: 3,
        reward: '年度纪念品',
      },
      { token },
    );
    expect(updated.ok).toBe(true);

    const page = await openPoints();

    expect(texts(page, '.rule__label')).not.toContain('查看机构动态');
    expect(textOf(page, '.rule-4 .rule__label')).toBe('会员续费');
    expect(textOf(page, '.rule-4 .rule__points')).toBe('+5');
    expect(textOf(page, '.progress-text')).toBe('还差 2 分');
    expect(textOf(page, '.reward')).toBe('年度积分满 3 分：年度纪念品');
    // Rounded down: the bar is full only at the threshold.
    expect(barWidth(page)).toBe('33%');
  });

  it('pages the history with 加载更多 and says 已达标 at the threshold', async () => {
    const memberId = await firstLoggedInAt(NEW_YEAR_NIGHT);
    await noticeViews(memberId, 24);

    const page = await openPoints();

    expect(textOf(page, '.total')).toBe('25');
    expect(textOf(page, '.progress-text')).toBe('已达标');
    expect(textOf(page, '.reward')).toBe(
      '本年度积分已达标，可获得：生日礼物，并获得年度优秀会员评选资格',
    );
    expect(find(page, '.progress >>> .t-progress--status--success')).toBeTruthy();
    expect(barWidth(page)).toBe('100%');
    expect(page.querySelectorAll('.entry')).toHaveLength(20);
    expect(textOf(page, '.entry-0 .entry__label')).toBe('查看通知');
    expect(textOf(page, '.entry-0 .entry__at')).toBe('2026-06-15 11:59');
    expect(textOf(page, '.load-more >>> .t-button')).toBe('加载更多');

    tapButton(page, '.load-more');
    await backend.settle();

    expect(page.querySelectorAll('.entry')).toHaveLength(25);
    expect(textOf(page, '.entry-23 .entry__at')).toBe('2026-06-15 11:36');
    expect(textOf(page, '.entry-24 .entry__label')).toBe('新会员登录');
    expect(textOf(page, '.entry-24 .entry__at')).toBe('2026-01-01 00:30');
    expect(page.querySelector('.load-more')).toBeFalsy();
    expect(textOf(page, '.no-more')).toBe('没有更多了');
  });

  it('shows an entry once when an award pushed it onto the next page meanwhile', async () => {
    const memberId = await firstLoggedInAt(NOW);
    await noticeViews(memberId, 20);
    const page = await openPoints();

    // A new award while the member reads: the oldest of page 1 is now the first of page 2.
    await awardPoints(backend.deps, {
      memberId,
      kind: 'newsView',
      refId: 'news-1',
      points: 1,
      at: new Date(Date.parse(NOW) + MINUTE),
    });
    tapButton(page, '.load-more');
    await backend.settle();

    const times = texts(page, '.entry__at');
    expect(times).toHaveLength(21);
    expect(new Set(times).size).toBe(21);
    expect(times.slice(-2)).toEqual(['2026-06-15 11:41', '2026-06-15 11:40']);
    expect(page.querySelector('.load-more')).toBeFalsy();
  });

  it("shows an admin's adjustments with their reasons, a withdrawal as −N", async () => {
    const memberId = await firstLoggedInAt(NOW);
    const token = await adminToken();
    const adjust = (points: number, reason: string, requestId: string) =>
      backend.call('admin.points.adjust', { memberId, points, reason, requestId }, { token });
    backend.clock.advance(MINUTE);
    expect((await adjust(5, '学术年会志愿服务', 'adjust-request-0001')).ok).toBe(true);
    backend.clock.advance(MINUTE);
    expect((await adjust(-2, '重复登记的志愿服务', 'adjust-request-0002')).ok).toBe(true);

    const page = await openPoints();

    expect(textOf(page, '.total')).toBe('4');
    expect(texts(page, '.entry__label')).toEqual(['管理员调整', '管理员调整', '新会员登录']);
    expect(textOf(page, '.entry-0 .entry__points')).toBe('\u22122');
    expect(find(page, '.entry-0 .entry__points--withdrawal')).toBeTruthy();
    expect(textOf(page, '.entry-0 .entry__reason')).toBe('原因：重复登记的志愿服务');
    expect(textOf(page, '.entry-0 .entry__at')).toBe('2026-06-15 12:02');
    expect(textOf(page, '.entry-1 .entry__points')).toBe('+5');
    expect(page.querySelector('.entry-1 .entry__points--withdrawal')).toBeFalsy();
    expect(textOf(page, '.entry-1 .entry__reason')).toBe('原因：学术年会志愿服务');
  });

  it('starts the new year empty', async () => {
    await firstLoggedInAt(NOW);
    backend.clock.set('2027-03-01T04:00:00Z');
    await login(MEMBER.phone, NEW_PASSWORD);

    const page = await openPoints();

    expect(textOf(page, '.year-title')).toBe('2027年度积分');
    expect(textOf(page, '.total')).toBe('0');
    expect(textOf(page, '.progress-text')).toBe('还差 20 分');
    expect(barWidth(page)).toBe('0%');
    expect(textOf(page, '.empty__title')).toBe('今年还没有积分记录');
    expect(page.querySelector('.entry')).toBeFalsy();
    expect(page.querySelector('.load-more')).toBeFalsy();
    expect(page.querySelector('.no-more')).toBeFalsy();
  });

  it('says why it could not load and loads on 重新加载', async () => {
    await firstLoggedInAt(NOW);
    const page = await whileOffline(backend, openPoints);

    expect(textOf(page, '.load-error')).toBe('网络异常，请检查网络后重试');
    expect(page.querySelector('.total')).toBeFalsy();

    tapButton(page, '.retry');
    await backend.settle();

    expect(page.querySelector('.load-error')).toBeFalsy();
    expect(textOf(page, '.total')).toBe('1');
  });

  it('loads from the error state on 下拉刷新 as well', async () => {
    await firstLoggedInAt(NOW);
    const page = await whileOffline(backend, openPoints);

    await pullDown(page, backend);

    expect(page.querySelector('.load-error')).toBeFalsy();
    expect(textOf(page, '.total')).toBe('1');
    expect(pullDownStops.count).toBe(1);
  });

  it('keeps the entries shown when 加载更多 fails, and says why', async () => {
    const memberId = await firstLoggedInAt(NOW);
    await noticeViews(memberId, 20);
    const page = await openPoints();
    await whileOffline(backend, () => tapAndSettle(page, '.load-more', backend));

    expect(wxFake.toasts).toEqual(['网络异常，请检查网络后重试']);
    expect(page.querySelectorAll('.entry')).toHaveLength(20);
    expect(textOf(page, '.load-more >>> .t-button')).toBe('加载更多');
  });

  it('reads the total and the entries again on 下拉刷新', async () => {
    const memberId = await firstLoggedInAt(NOW);
    const page = await openPoints();
    await noticeViews(memberId, 2);

    await pullDown(page, backend);

    expect(textOf(page, '.total')).toBe('3');
    expect(texts(page, '.entry__label')).toEqual(['新会员登录', '查看通知', '查看通知']);
    expect(pullDownStops.count).toBe(1);
  });

  it('keeps what it shows when 下拉刷新 fails', async () => {
    const memberId = await firstLoggedInAt(NOW);
    const page = await openPoints();
    await noticeViews(memberId, 2);
    await whileOffline(backend, () => pullDown(page, backend));

    expect(textOf(page, '.total')).toBe('1');
    expect(page.querySelectorAll('.entry')).toHaveLength(1);
    expect(wxFake.toasts).toEqual(['网络异常，请检查网络后重试']);
    expect(pullDownStops.count).toBe(1);
  });

  it('sends a visitor whose session is gone to login', async () => {
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    await openPoints();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});

describe('progressPercent', () => {
  it('is full only once the total reaches the threshold', () => {
    expect(progressPercent(199, 200)).toBe(99);
    expect(progressPercent(200, 200)).toBe(100);
    expect(progressPercent(35, 20)).toBe(100);
    expect(progressPercent(0, 20)).toBe(0);
  });
});
