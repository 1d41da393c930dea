import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER, NEW_PASSWORD } from './support/members';
import { find, renderPage, tapButton, textOf, typeInto } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';

describe('login page', () => {
  let backend: ConnectedBackend;
  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    await backend.seedMember(MEMBER);
  });
  afterEach(() => backend.close());

  async function submit(phone: string, password: string) {
    const page = renderPage('login');
    typeInto(page, '.field-phone', phone);
    typeInto(page, '.field-password', password);
    tapButton(page, '.submit');
    await backend.settle();
    return page;
  }

  it('tells members that the initial password is their phone number', () => {
    const page = renderPage('login');

    expect(textOf(page, '.page')).toContain('初始密码均为您在学会登记的手机号');
  });

  it('opens 忘记密码 from its link', async () => {
    const page = renderPage('login');

    find(page, '.forgot').dispatchEvent('tap');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/forgot/index' });
  });

  it('logs in with phone and phone, and lands on the forced password change', async () => {
    const page = await submit(MEMBER.phone, MEMBER.phone);

    expect(textOf(page, '.form-error')).toBe('');
    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/password/index' });
  });

  it('shows the backend message for a wrong password and stays', async () => {
    const page = await submit(MEMBER.phone, 'not-my-password');

    expect(textOf(page, '.form-error')).toBe('手机号或密码错误');
    expect(wxFake.navigations).toEqual([]);
  });

  it('says when a locked account may try again, in Beijing time', async () => {
    for (const guess of ['guess-1', 'guess-2', 'guess-3', 'guess-4']) {
      await submit(MEMBER.phone, guess);
    }

    const page = await submit(MEMBER.phone, 'guess-5');

    // Locked for 15 minutes from 12:00 Beijing time.
    expect(textOf(page, '.form-error')).toBe('密码错误次数过多，账号已锁定，请于12:15后再试');
  });

  it('goes straight to the member home once the password has been changed', async () => {
    await loggedInMember(backend, { ...MEMBER, phone: '13800000001' });
    wxFake.reset('pages/login/index');

    await submit('13800000001', NEW_PASSWORD);

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/home/index' });
  });

  it('asks for the missing field without calling the backend', async () => {
    const page = await submit(MEMBER.phone, '');

    expect(textOf(page, '.form-error')).toBe('请输入密码');
    expect(backend.sent).toEqual([]);
  });
});
