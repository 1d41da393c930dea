import type { AdminEvent } from '../../typings';
import { yearTotal } from '../../backend/domain/points/ledger';
import { cancelRegistration, registerForEvent } from '../../miniprogram/services/events';
import { timeRangeText } from '../../miniprogram/utils/event-view';
import { dataOf } from '../helpers/backend';
import type { DuesAdmin } from '../helpers/dues';
import type { ConnectedBackend } from './support/backend';
import { eventConsole, fakeScanner, type EventConsole } from './support/events';
import { comeBack } from './support/lists';
import { memberAndSecretariat } from './support/members';
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
const MINUTE = 60 * 1000;

const globals = globalThis as unknown as { wx: Record<string, unknown> };
globals.wx.stopPullDownRefresh = () => undefined;

describe('会内活动', () => {
  let backend: ConnectedBackend;
  let secretariat: DuesAdmin;
  let memberId: string;
  let published: EventConsole['published'];
  let venueCode: EventConsole['venueCode'];
  const scanner = fakeScanner();

  beforeEach(async () => {
    ({ backend, secretariat, memberId } = await memberAndSecretariat(NOW));
    ({ published, venueCode } = eventConsole(secretariat));
  });
  afterEach(() => backend.close());

  async function openList(): Promise<Rendered> {
    const page = renderPage('events');
    await backend.settle();
    return page;
  }

  const scan = (page: Rendered) => tapAndSettle(page, '.scan', backend);
  const points = async () => (await yearTotal(backend.deps, memberId, 2026)) - 1;

  it('says so before any event is published', async () => {
    const page = await openList();

    expect(textOf(page, '.empty__title')).toBe('暂无会内活动');
    expect(page.querySelector('.item')).toBeFalsy();
    expect(textOf(page, '.scan >>> .t-button')).toBe('扫码签到');
  });

  it('lists events latest first: Beijing time, place, places taken and my standing', async () => {
    const annual = await published({ title: '2026年学术年会' });
    const salon = await published({ title: '青年学者沙龙', days: 2, capacity: 30 });
    // From 23:30 to 01:30 Beijing time: across midnight, both dates shown.
    const night = await published({
      title: '夜间讲座',
      days: 4,
      times: {
        startsAt: '2026-06-24T15:30:00Z',
        endsAt: '2026-06-24T17:30:00Z',
        registrationDeadline: '2026-06-24T10:00:00Z',
        checkinStartsAt: '2026-06-24T15:00:00Z',
        checkinEndsAt: '2026-06-24T16:00:00Z',
      },
    });
    await registerForEvent(annual.id);
    await registerForEvent(salon.id);
    await cancelRegistration(salon.id);

    const page = await openList();

    expect(texts(page, '.item__title')).toEqual(['夜间讲座', '青年学者沙龙', '2026年学术年会']);
    expect(textOf(page, '.item-0 .item__time')).toBe('2026-06-24 23:30 至 2026-06-25 01:30');
    expect(textOf(page, '.item-2 .item__time')).toBe('2026-06-20 09:00 至 17:00');
    expect(textOf(page, '.item-2 .item__place')).toBe('成都市锦江宾馆');
    expect(textOf(page, '.item-2 .item__places')).toBe('已报名 1 / 50');
    expect(textOf(page, '.item-1 .item__places')).toBe('已报名 0 / 30');
    expect(page.querySelector('.item-0 .item__status')).toBeFalsy();
    expect(textOf(page, '.item-1 .item__status >>> .t-tag')).toBe('已取消');
    expect(textOf(page, '.item-2 .item__status >>> .t-tag')).toBe('已报名');
    expect(night.title).toBe('夜间讲座');

    find(page, '.item-2').dispatchEvent('tap');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: `/pages/event/index?id=${annual.id}`,
    });
  });

  it('formats a time range within a Beijing day and across one', () => {
    expect(timeRangeText('2026-06-20T01:00:00Z', '2026-06-20T09:00:00Z')).toBe(
      '2026-06-20 09:00 至 17:00',
    );
    expect(timeRangeText('2026-06-20T15:00:00Z', '2026-06-20T17:00:00Z')).toBe(
      '2026-06-20 23:00 至 2026-06-21 01:00',
    );
  });

  it('checks in at the event the scanned code names, and shows it 已签到', async () => {
    await published({ title: '青年学者沙龙', days: 2 });
    const annual = await published();
    await registerForEvent(annual.id);
    backend.clock.set('2026-06-20T01:00:00Z');
    const page = await openList();
    scanner.answer = { result: await venueCode(annual.id) };

    await scan(page);

    expect(textOf(page, '.checkin-result')).toBe('签到成功：2026年学术年会');
    expect(textOf(page, '.item-1 .item__status >>> .t-tag')).toBe('已签到');
    expect(page.querySelector('.item-0 .item__status')).toBeFalsy();
    expect(await points()).toBe(3 + 2);
  });

  it("shows the backend's reason for an expired code, and refuses a second check-in", async () => {
    const annual = await published();
    await registerForEvent(annual.id);
    backend.clock.set('2026-06-20T01:00:00Z');
    const page = await openList();
    scanner.answer = { result: await venueCode(annual.id) };
    backend.clock.advance(3 * MINUTE);

    await scan(page);
    expect(textOf(page, '.checkin-error')).toBe('签到码已过期，请扫描现场最新的签到码');
    expect(textOf(page, '.item-0 .item__status >>> .t-tag')).toBe('已报名');

    scanner.answer = { result: await venueCode(annual.id) };
    await scan(page);
    expect(page.querySelector('.checkin-error')).toBeFalsy();
    expect(textOf(page, '.checkin-result')).toBe('签到成功：2026年学术年会');

    await scan(page);
    expect(textOf(page, '.checkin-error')).toBe('您已于 09:03 签到');
    expect(page.querySelector('.checkin-result')).toBeFalsy();
    expect(await points()).toBe(3 + 2);
  });

  it('shows the reason for a code that is not one of ours', async () => {
    await published();
    const page = await openList();
    scanner.answer = { result: 'hello' };

    await scan(page);

    expect(textOf(page, '.checkin-error')).toBe('签到码无效');
  });

  it('stays quiet when the member closes the scanner', async () => {
    await published();
    const page = await openList();

    await scan(page);

    expect(backend.sent).not.toContain('events.checkin');
    expect(page.querySelector('.checkin-error')).toBeFalsy();
    expect(page.querySelector('.checkin-result')).toBeFalsy();
    expect(wxFake.toasts).toEqual([]);
  });

  it('explains a refused camera instead of doing nothing', async () => {
    await published();
    const page = await openList();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    globals.wx.scanCode = (options: WechatMiniprogram.ScanCodeOption) =>
      void Promise.resolve().then(() => options.fail?.({ errMsg: 'scanCode:fail auth deny' }));

    await scan(page);
    warn.mockRestore();

    expect(textOf(page, '.checkin-error')).toBe('未获得摄像头权限，请在设置中允许后再扫码');
    expect(backend.sent).not.toContain('events.checkin');
  });

  it('pages the list twenty at a time, and reads it again when the member comes back', async () => {
    for (let index = 0; index < 21; index += 1) {
      await published({ title: `活动第${index + 1}场`, days: index });
    }
    const page = await openList();
    expect(page.querySelectorAll('.item')).toHaveLength(20);

    tapButton(page, '.load-more');
    await backend.settle();
    expect(page.querySelectorAll('.item')).toHaveLength(21);
    expect(textOf(page, '.no-more')).toBe('没有更多了');

    const [latest] = texts(page, '.item__title');
    expect(latest).toBe('活动第21场');
    const events = dataOf<{ items: AdminEvent[] }>(
      await secretariat.call('admin.events.list', { pageSize: 1 }),
    );
    await registerForEvent(events.items[0]!.id);
    await comeBack(page, backend);
    expect(page.querySelectorAll('.item')).toHaveLength(21);
    expect(textOf(page, '.item-0 .item__status >>> .t-tag')).toBe('已报名');
  });

  it('sends a visitor whose session is gone to login', async () => {
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    await openList();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});
