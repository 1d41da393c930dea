import type { AdminEvent } from '../../typings';
import { yearTotal } from '../../backend/domain/points/ledger';
import { registerForEvent } from '../../miniprogram/services/events';
import { duesMember, type DuesAdmin } from '../helpers/dues';
import type { ConnectedBackend } from './support/backend';
import { eventConsole, fakeScanner, type EventConsole } from './support/events';
import { memberAndSecretariat } from './support/members';
import { find, renderPage, tapAndSettle, tapButton, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
const MINUTE = 60 * 1000;

/** 09:00 in Beijing on the day of the event (20 June): check-in is open. */
const AT_THE_VENUE = '2026-06-20T01:00:00Z';

describe('活动详情', () => {
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

  async function openEvent(eventId: string): Promise<Rendered> {
    const page = renderPage('event');
    (page.instance as unknown as { onLoad(o: Record<string, string>): void }).onLoad(
      eventId ? { id: eventId } : {},
    );
    await backend.settle();
    return page;
  }

  const tap = (page: Rendered, button: string) => tapAndSettle(page, button, backend);

  /** This year's points beyond the first login's. */
  const eventPoints = async () => (await yearTotal(backend.deps, memberId, 2026)) - 1;
  const sent = (action: string) => backend.sent.filter((name) => name === action);

  it('shows the time and deadline in Beijing time, the place, the places and the text', async () => {
    const event = await published();

    const page = await openEvent(event.id);

    expect(textOf(page, '.title')).toBe('2026年学术年会');
    expect(textOf(page, '.time')).toBe('2026-06-20 09:00 至 17:00');
    expect(textOf(page, '.place')).toBe('成都市锦江宾馆');
    expect(textOf(page, '.places')).toBe('已报名 0 / 50');
    expect(textOf(page, '.deadline')).toBe('2026-06-19 18:00');
    expect(textOf(page, '.checkin-window')).toBe('2026-06-20 08:30 至 12:00');
    const html = (page.data as { event: { html: string } }).event.html;
    expect(html).toBe('<p>年会定于<strong>6月20日</strong>在成都召开。</p>');
    expect(find(page, '.content')).toBeTruthy();
    expect(page.querySelector('.my-status')).toBeFalsy();
    expect(page.querySelector('.closed-reason')).toBeFalsy();
  });

  it('never hands a script, a handler or a javascript: link of the HTML to rich-text', async () => {
    const event = await published({
      html:
        '<p onclick="steal()">日程<script>alert(1)</script></p>' +
        '<img src="https://example.cn/a.png" onerror="alert(2)">' +
        '<a href="javascript:alert(3)">报名</a><iframe src="https://example.cn"></iframe>',
    });

    const page = await openEvent(event.id);

    const html = (page.data as { event: { html: string } }).event.html;
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|iframe|alert|<img/i);
    expect(html).toContain('日程');
  });

  it('registers: 已报名, one place taken and the 报名 points, once for a double tap', async () => {
    const event = await published();
    const page = await openEvent(event.id);
    expect(textOf(page, '.register >>> .t-button')).toBe('报名');
    expect(page.querySelector('.cancel')).toBeFalsy();

    tapButton(page, '.register');
    tapButton(page, '.register');
    await backend.settle();

    expect(sent('events.register')).toHaveLength(1);
    expect(wxFake.toasts).toEqual(['报名成功']);
    expect(textOf(page, '.my-status >>> .t-tag')).toBe('已报名');
    expect(textOf(page, '.places')).toBe('已报名 1 / 50');
    expect(page.querySelector('.register')).toBeFalsy();
    expect(textOf(page, '.cancel >>> .t-button')).toBe('取消报名');
    expect(await eventPoints()).toBe(3);
  });

  it('cancels after the member confirms: 已取消, the place and the points given back', async () => {
    const event = await published();
    await registerForEvent(event.id);
    const page = await openEvent(event.id);

    await tap(page, '.cancel');

    expect(wxFake.modals).toEqual(['确定取消报名吗？报名所得积分将被收回。']);
    expect(wxFake.toasts).toEqual(['已取消报名']);
    expect(textOf(page, '.my-status >>> .t-tag')).toBe('已取消');
    expect(textOf(page, '.places')).toBe('已报名 0 / 50');
    expect(textOf(page, '.register >>> .t-button')).toBe('报名');
    expect(page.querySelector('.cancel')).toBeFalsy();
    expect(await eventPoints()).toBe(0);
  });

  it('keeps the registration when the member says no to the dialog', async () => {
    const event = await published();
    await registerForEvent(event.id);
    const page = await openEvent(event.id);
    wxFake.answerModals(false);

    await tap(page, '.cancel');

    expect(sent('events.cancel')).toEqual([]);
    expect(textOf(page, '.my-status >>> .t-tag')).toBe('已报名');
    expect(await eventPoints()).toBe(3);
  });

  it('shows 名额已满 and no button for a full event', async () => {
    const event = await published({ capacity: 1 });
    const other = await duesMember(backend, { phone: '13800000002' });
    expect((await other.call('events.register', { eventId: event.id })).ok).toBe(true);

    const page = await openEvent(event.id);

    expect(textOf(page, '.closed-reason')).toBe('名额已满');
    expect(textOf(page, '.places')).toBe('已报名 1 / 1');
    expect(page.querySelector('.register')).toBeFalsy();
    expect(page.querySelector('.cancel')).toBeFalsy();
  });

  it('says so when the last place went while the page was open, and reads the event again', async () => {
    const event = await published({ capacity: 1 });
    const page = await openEvent(event.id);
    const other = await duesMember(backend, { phone: '13800000002' });
    await other.call('events.register', { eventId: event.id });

    await tap(page, '.register');

    expect(textOf(page, '.action-error')).toBe('名额已满');
    expect(textOf(page, '.closed-reason')).toBe('名额已满');
    expect(page.querySelector('.register')).toBeFalsy();
    expect(await eventPoints()).toBe(0);
  });

  describe('扫码签到', () => {
    async function registeredAtTheVenue(): Promise<{ event: AdminEvent; page: Rendered }> {
      const event = await published();
      await registerForEvent(event.id);
      backend.clock.set(AT_THE_VENUE);
      return { event, page: await openEvent(event.id) };
    }

    it('checks in with the code the venue shows: 已签到 and the 签到 points', async () => {
      const { event, page } = await registeredAtTheVenue();
      scanner.answer = { result: await venueCode(event.id) };

      await tap(page, '.scan');

      expect(scanner.scans[0]).toMatchObject({ onlyFromCamera: true, scanType: ['qrCode'] });
      expect(textOf(page, '.checkin-result')).toBe('签到成功：2026年学术年会');
      expect(textOf(page, '.my-status >>> .t-tag')).toBe('已签到');
      expect(textOf(page, '.checked-in')).toBe('已于 2026-06-20 09:00 签到');
      expect(page.querySelector('.scan')).toBeFalsy();
      expect(page.querySelector('.cancel')).toBeFalsy();
      expect(page.querySelector('.closed-reason')).toBeFalsy();
      expect(await eventPoints()).toBe(3 + 2);
    });

    it("shows the backend's reason for a code that has expired", async () => {
      const { event, page } = await registeredAtTheVenue();
      scanner.answer = { result: await venueCode(event.id) };
      backend.clock.advance(3 * MINUTE);

      await tap(page, '.scan');

      expect(textOf(page, '.checkin-error')).toBe('签到码已过期，请扫描现场最新的签到码');
      expect(page.querySelector('.checkin-result')).toBeFalsy();
      expect(textOf(page, '.my-status >>> .t-tag')).toBe('已报名');
      expect(await eventPoints()).toBe(3);
    });

    it('shows the reason for a code that is not a check-in code', async () => {
      const { page } = await registeredAtTheVenue();
      scanner.answer = { result: 'https://example.com/some/page' };

      await tap(page, '.scan');

      expect(textOf(page, '.checkin-error')).toBe('签到码无效');
    });

    it('stays quiet when the member closes the scanner', async () => {
      const { page } = await registeredAtTheVenue();

      await tap(page, '.scan');

      expect(scanner.scans).toHaveLength(1);
      expect(sent('events.checkin')).toEqual([]);
      expect(page.querySelector('.checkin-error')).toBeFalsy();
      expect(page.querySelector('.checkin-result')).toBeFalsy();
      expect(wxFake.toasts).toEqual([]);
    });

    it('is not offered before registering', async () => {
      const event = await published();

      const page = await openEvent(event.id);

      expect(page.querySelector('.scan')).toBeFalsy();
    });
  });

  it('says a withdrawn event is gone, and a link without one too', async () => {
    const event = await published();
    await secretariat.call('admin.events.withdraw', { eventId: event.id });

    const page = await openEvent(event.id);
    expect(textOf(page, '.load-error')).toBe('活动不存在或已撤回');

    const calls = backend.sent.length;
    const bare = await openEvent('');
    expect(textOf(bare, '.load-error')).toBe('活动不存在或已撤回');
    expect(bare.querySelector('.retry')).toBeFalsy();
    expect(backend.sent).toHaveLength(calls);
  });

  it('sends a visitor whose session is gone to login', async () => {
    const event = await published();
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    await openEvent(event.id);

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});
