import type { QrLoginTicket } from '../../typings';
import { bindWechat } from '../../miniprogram/services/account';
import { signOut } from '../../miniprogram/services/session-flow';
import { getToken } from '../../miniprogram/services/session';
import { dataOf } from '../helpers/backend';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER } from './support/members';
import { renderPage, tapButton, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';

type Poll = { status: string; login: { member: { name: string } } | null };

/**
 * 扫码登录电脑端 in the mini-program: the PC's side (start, poll) goes straight to the backend,
 * as the portal would, and the member's side through the page.
 */
describe('扫码登录电脑端 page', () => {
  let backend: ConnectedBackend;
  let ticket: QrLoginTicket;
  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    backend.deps.config.portalUrl = 'http://127.0.0.1:8787';
    ticket = dataOf<QrLoginTicket>(
      await backend.call('auth.qrLogin.start', {}, { clientIp: '171.88.12.34' }),
    );
  });
  afterEach(() => backend.close());

  async function openWith(options: Record<string, string>): Promise<Rendered> {
    const page = renderPage('qr-login');
    (page.instance as unknown as { onLoad(o: Record<string, string>): void }).onLoad(options);
    await backend.settle();
    return page;
  }

  const poll = async () =>
    dataOf<Poll>(
      await backend.call('auth.qrLogin.poll', {
        loginId: ticket.loginId,
        pollToken: ticket.pollToken,
      }),
    );

  it('opens from a mini-program code, shows the request and confirms it', async () => {
    await loggedInMember(backend);
    await bindWechat();

    const page = await openWith({ scene: encodeURIComponent(ticket.loginId) });

    expect(backend.sent).not.toContain('auth.wechatLogin');
    expect(textOf(page, '.request__title')).toBe('确认登录电脑端？');
    expect(textOf(page, '.address')).toBe('电脑地址：171.88.*.*');
    expect(textOf(page, '.time')).toBe('请求时间：12:00');
    tapButton(page, '.confirm');
    await backend.settle();
    expect(textOf(page, '.confirmed .state__message')).toBe('已确认，请在电脑上继续');
    expect((await poll()).login?.member.name).toBe(MEMBER.name);
  });

  it('opens from the in-app scanner and cancels', async () => {
    await loggedInMember(backend);
    await bindWechat();

    const page = await openWith({ loginId: ticket.loginId });
    tapButton(page, '.cancel');
    await backend.settle();

    expect(textOf(page, '.cancelled .state__message')).toBe('已取消本次登录');
    expect(await poll()).toEqual({ status: 'cancelled', login: null });
  });

  it('signs in through the WeChat binding when logged out', async () => {
    await loggedInMember(backend);
    await bindWechat();
    await signOut();
    expect(getToken()).toBeNull();

    const page = await openWith({ loginId: ticket.loginId });

    expect(getToken()).not.toBeNull();
    expect(textOf(page, '.request__title')).toBe('确认登录电脑端？');
    expect(await poll()).toEqual({ status: 'scanned', login: null });
  });

  it('explains the binding and offers 去登录 when logged out and not bound', async () => {
    await backend.seedMember(MEMBER);

    const page = await openWith({ loginId: ticket.loginId });

    expect(textOf(page, '.unbound .state__message')).toContain('绑定本微信');
    tapButton(page, '.go-login');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
    expect(await poll()).toEqual({ status: 'pending', login: null });
  });

  it('shows the backend reason for a logged-in member whose WeChat is not bound', async () => {
    await loggedInMember(backend);

    const page = await openWith({ loginId: ticket.loginId });

    expect(textOf(page, '.failed .form-error')).toBe(
      '当前微信未绑定您的会员账号，请先在“账号设置”中绑定微信',
    );
  });

  it('says plainly that an expired code must be refreshed on the PC', async () => {
    await loggedInMember(backend);
    await bindWechat();
    backend.clock.advance(3 * 60_000);

    const page = await openWith({ loginId: ticket.loginId });

    expect(textOf(page, '.failed .form-error')).toBe('二维码已过期，请在电脑上刷新后重新扫码');
  });

  it('refuses a scene that is not one of our codes without calling the backend', async () => {
    const page = await openWith({ scene: 'a%3D1' });

    expect(textOf(page, '.failed .form-error')).toBe('这不是本学会的登录二维码');
    expect(backend.sent).not.toContain('account.qrLogin.scan');
  });
});
