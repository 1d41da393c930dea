import { bindWechat } from '../../miniprogram/services/account';
import { login } from '../../miniprogram/services/auth';
import { getToken } from '../../miniprogram/services/session';
import { signOut } from '../../miniprogram/services/session-flow';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER, NEW_PASSWORD } from './support/members';
import { renderPage, tapButton, textOf, typeInto } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';
const RESET_PASSWORD = 'Maple-harbor-77';

/**
 * 忘记密码, opened from the login page. Binding happens on 账号设置; here it goes through the
 * services, since simulate renders only one page's tdesign components per file.
 */
describe('forgot page: 忘记密码', () => {
  let backend: ConnectedBackend;
  beforeEach(() => {
    backend = connectBackend({ now: NOW });
  });
  afterEach(() => backend.close());

  /** Opens the page above the login page, as its 忘记密码 link does, and submits `password`. */
  async function submitNewPassword(password: string, confirm = password) {
    wxFake.reset('pages/login/index');
    wxFake.api.navigateTo({ url: '/pages/forgot/index' });
    wxFake.navigations.length = 0;
    const page = renderPage('forgot');
    typeInto(page, '.field-next', password);
    typeInto(page, '.field-confirm', confirm);
    await backend.settle();
    tapButton(page, '.submit');
    await backend.settle();
    return page;
  }

  it('sets a new password for a bound member; the password login then takes it', async () => {
    await loggedInMember(backend);
    await bindWechat();
    await signOut();

    const page = await submitNewPassword(RESET_PASSWORD);

    expect(textOf(page, '.form-error')).toBe('');
    expect(wxFake.toasts).toEqual(['新密码已设置，请登录']);
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateBack', url: '' });
    await expect(login(MEMBER.phone, NEW_PASSWORD)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const result = await login(MEMBER.phone, RESET_PASSWORD);
    expect(result.mustChangePassword).toBe(false);
    expect(getToken()).not.toBeNull();
  });

  it('shows an unbound WeChat the way to the secretariat and changes nothing', async () => {
    await backend.seedMember(MEMBER);

    const page = await submitNewPassword(RESET_PASSWORD);

    expect(textOf(page, '.form-error')).toContain('请联系学会秘书处将密码重置为初始密码');
    expect(wxFake.navigations).toEqual([]);
    expect((await login(MEMBER.phone, MEMBER.phone)).mustChangePassword).toBe(true);
  });

  it('checks the repeat on the page, without calling the backend', async () => {
    await backend.seedMember(MEMBER);

    const page = await submitNewPassword(RESET_PASSWORD, 'Maple-harbor-78');

    expect(textOf(page, '.form-error')).toBe('两次输入的新密码不一致');
    expect(backend.sent).not.toContain('auth.resetPasswordByWechat');
  });
});
