import { wechatStatus } from '../../miniprogram/services/account';
import { signOut } from '../../miniprogram/services/session-flow';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER } from './support/members';
import { renderPage, tapButton, tapCell, textOf } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';
const SECOND_MEMBER = { ...MEMBER, phone: '13800000002', name: '林清', memberNo: 'SCXH110002' };

describe('账号设置: 微信账号', () => {
  let backend: ConnectedBackend;
  beforeEach(() => {
    backend = connectBackend({ now: NOW });
  });
  afterEach(() => backend.close());

  async function openAccount() {
    const page = renderPage('account');
    await backend.settle();
    return page;
  }

  it('shows 未绑定, then 已绑定 after 绑定, as the backend keeps it', async () => {
    await loggedInMember(backend);
    const page = await openAccount();
    expect(textOf(page, '.wechat >>> .t-cell__note')).toBe('未绑定');

    tapButton(page, '.bind');
    await backend.settle();

    expect(textOf(page, '.wechat >>> .t-cell__note')).toBe('已绑定');
    expect(await wechatStatus()).toMatchObject({ bound: true });
  });

  it('shows the backend message when a second member binds the same WeChat', async () => {
    await loggedInMember(backend);
    tapButton(await openAccount(), '.bind');
    await backend.settle();
    await signOut();
    await loggedInMember(backend, SECOND_MEMBER);

    const page = await openAccount();
    tapButton(page, '.bind');
    await backend.settle();

    expect(textOf(page, '.form-error')).toBe('该微信已绑定其他会员账号');
    expect(textOf(page, '.wechat >>> .t-cell__note')).toBe('未绑定');
  });

  it('asks before 解绑, then shows 未绑定', async () => {
    await loggedInMember(backend);
    const page = await openAccount();
    tapButton(page, '.bind');
    await backend.settle();

    tapButton(page, '.unbind');
    await backend.settle();

    expect(wxFake.modals).toHaveLength(1);
    expect(textOf(page, '.wechat >>> .t-cell__note')).toBe('未绑定');
    expect(await wechatStatus()).toMatchObject({ bound: false });
  });

  it('keeps the binding when the member answers 取消', async () => {
    await loggedInMember(backend);
    const page = await openAccount();
    tapButton(page, '.bind');
    await backend.settle();
    wxFake.answerModals(false);

    tapButton(page, '.unbind');
    await backend.settle();

    expect(textOf(page, '.wechat >>> .t-cell__note')).toBe('已绑定');
    expect(backend.sent).not.toContain('account.unbindWechat');
  });
});

describe('账号设置: 扫码登录电脑端', () => {
  const LOGIN_ID = 'AbCdEfGhIjKlMnOpQrStUv';
  let backend: ConnectedBackend;
  beforeEach(() => {
    backend = connectBackend({ now: NOW });
  });
  afterEach(() => {
    delete (wx as unknown as { scanCode?: unknown }).scanCode;
    backend.close();
  });

  /** WeChat's scanner, answering as the member's camera read `answer` (or was closed). */
  function scannerReads(answer: { path?: string; result?: string } | 'cancelled') {
    const scanCode = jest.fn((options: WechatMiniprogram.ScanCodeOption) => {
      if (answer === 'cancelled') options.fail?.({ errMsg: 'scanCode:fail cancel' });
      else options.success?.({ errMsg: 'scanCode:ok', ...answer } as never);
    });
    (wx as unknown as { scanCode: typeof scanCode }).scanCode = scanCode;
    return scanCode;
  }

  async function scanFromAccount() {
    await loggedInMember(backend);
    const page = renderPage('account');
    await backend.settle();
    tapButton(page, '.bind');
    await backend.settle();
    tapCell(page, '.qr-login');
    await backend.settle();
    return page;
  }

  it('shows the cell only once WeChat is bound', async () => {
    await loggedInMember(backend);
    const page = renderPage('account');
    await backend.settle();
    expect(page.querySelector('.qr-login')).toBeFalsy();

    tapButton(page, '.bind');
    await backend.settle();

    expect(textOf(page, '.qr-login >>> .t-cell__title')).toBe('扫码登录电脑端');
  });

  it('opens the confirm page for a mini-program code of ours (its path)', async () => {
    const scanCode = scannerReads({ path: `pages/qr-login/index?scene=${LOGIN_ID}` });

    await scanFromAccount();

    expect(scanCode).toHaveBeenCalledWith(
      expect.objectContaining({ onlyFromCamera: true, scanType: ['qrCode', 'wxCode'] }),
    );
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: `/pages/qr-login/index?loginId=${LOGIN_ID}`,
    });
  });

  it("opens the confirm page for a local QR code of the portal's address", async () => {
    scannerReads({ result: `http://127.0.0.1:8787/qr-login/${LOGIN_ID}` });

    await scanFromAccount();

    expect(wxFake.lastNavigation()?.url).toBe(`/pages/qr-login/index?loginId=${LOGIN_ID}`);
  });

  it('says so for a code that is not ours, and goes nowhere', async () => {
    scannerReads({ result: 'https://example.com/some/page' });

    await scanFromAccount();

    expect(wxFake.toasts).toContain('这不是本学会的登录二维码');
    expect(wxFake.navigations).toEqual([]);
  });

  it('does nothing when the member closes the scanner', async () => {
    scannerReads('cancelled');

    await scanFromAccount();

    expect(wxFake.toasts).toEqual(['已绑定']);
    expect(wxFake.navigations).toEqual([]);
  });
});
