import { connectBackend, type ConnectedBackend } from './support/backend';
import {
  loggedInMember,
  loggedInWithInitialPassword,
  MEMBER,
  NEW_PASSWORD,
} from './support/members';
import { renderPage, tapButton, textOf, typeInto, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

describe('password page', () => {
  let backend: ConnectedBackend;
  beforeEach(() => {
    backend = connectBackend({ now: '2026-06-15T04:00:00Z' });
  });
  afterEach(() => backend.close());

  function fillIn(page: Rendered, current: string, next: string, confirm = next) {
    typeInto(page, '.field-current', current);
    typeInto(page, '.field-next', next);
    typeInto(page, '.field-confirm', confirm);
  }

  describe('right after the first login', () => {
    beforeEach(() => loggedInWithInitialPassword(backend));

    it('explains why the initial password must go, with 退出登录 as the only way out', () => {
      const page = renderPage('password');

      expect(textOf(page, '.page-title')).toBe('请先修改初始密码');
      expect(textOf(page, '.notice')).toContain('须先设置新密码');
      expect(textOf(page, '.logout >>> .t-button')).toBe('退出登录');
    });

    it('refuses mismatching new passwords without calling the backend', async () => {
      const page = renderPage('password');

      fillIn(page, MEMBER.phone, NEW_PASSWORD, NEW_PASSWORD + 'x');
      tapButton(page, '.submit');
      await backend.settle();

      expect(textOf(page, '.form-error')).toBe('两次输入的新密码不一致');
      expect(backend.sent).toEqual(['auth.login']);
    });

    it('refuses a new password under 8 characters without calling the backend', async () => {
      const page = renderPage('password');

      fillIn(page, MEMBER.phone, 'short7!');
      tapButton(page, '.submit');
      await backend.settle();

      expect(textOf(page, '.form-error')).toBe('新密码至少需要 8 位');
      expect(backend.sent).toEqual(['auth.login']);
    });

    it('shows the backend refusing a common password', async () => {
      const page = renderPage('password');

      fillIn(page, MEMBER.phone, 'password123');
      tapButton(page, '.submit');
      await backend.settle();

      expect(textOf(page, '.form-error')).toBe('新密码过于常见，容易被猜到，请换一个');
      expect(wxFake.navigations).toEqual([]);
    });

    it('shows the backend refusing a wrong current password', async () => {
      const page = renderPage('password');

      fillIn(page, '13900000000', NEW_PASSWORD);
      tapButton(page, '.submit');
      await backend.settle();

      expect(textOf(page, '.form-error')).toBe('当前密码不正确');
    });

    it('lands on the member home after a good change', async () => {
      const page = renderPage('password');

      fillIn(page, MEMBER.phone, NEW_PASSWORD);
      tapButton(page, '.submit');
      await backend.settle();

      expect(wxFake.toasts).toEqual(['密码已修改']);
      expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/home/index' });
    });

    it('logs out from 退出登录 and returns to login', async () => {
      const page = renderPage('password');

      tapButton(page, '.logout');
      await backend.settle();

      expect(backend.sent).toEqual(['auth.login', 'auth.logout']);
      expect(wxFake.storage.size).toBe(0);
      expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
    });
  });

  describe('from 账号管理', () => {
    it('is a plain 修改密码 form without the forced-change explanation', async () => {
      await loggedInMember(backend);

      const page = renderPage('password');

      expect(textOf(page, '.page-title')).toBe('修改密码');
      expect(textOf(page, '.notice')).toBe('');
      expect(textOf(page, '.logout >>> .t-button')).toBe('');
    });
  });

  it('sends a visitor without a session to login', async () => {
    renderPage('password');

    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});
