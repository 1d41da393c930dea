import { bindWechat, unbindWechat } from '../../miniprogram/services/account';
import { signOut } from '../../miniprogram/services/session-flow';
import { getToken } from '../../miniprogram/services/session';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER } from './support/members';
import { renderPage, tapButton, textOf } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';
const NOT_BOUND = '该微信尚未绑定会员账号，请使用手机号和密码登录';

/**
 * 微信一键登录 on the login page. Binding happens on 账号设置 (account.test.ts); here it goes
 * through the services, since simulate renders only one page's tdesign components per file.
 */
describe('login page: 微信一键登录', () => {
  let backend: ConnectedBackend;
  beforeEach(() => {
    backend = connectBackend({ now: NOW });
  });
  afterEach(() => backend.close());

  async function wechatLogin() {
    wxFake.reset('pages/login/index');
    const page = renderPage('login');
    tapButton(page, '.wechat-login');
    await backend.settle();
    return page;
  }

  it('after 绑定 and 退出登录, logs in with WeChat alone and lands on home', async () => {
    await loggedInMember(backend);
    await bindWechat();
    await signOut();

    const page = await wechatLogin();

    expect(textOf(page, '.form-error')).toBe('');
    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/home/index' });
    expect(getToken()).not.toBeNull();
  });

  it('after 解绑, shows the backend message and stays for the password login', async () => {
    await loggedInMember(backend);
    await bindWechat();
    await unbindWechat();
    await signOut();

    const page = await wechatLogin();

    expect(textOf(page, '.form-error')).toBe(NOT_BOUND);
    expect(wxFake.navigations).toEqual([]);
    expect(getToken()).toBeNull();
  });

  it('shows the same message for a WeChat that was never bound', async () => {
    await backend.seedMember(MEMBER);

    const page = await wechatLogin();

    expect(textOf(page, '.form-error')).toBe(NOT_BOUND);
  });
});
