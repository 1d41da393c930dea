import { connectBackend, seedSociety, type ConnectedBackend } from './support/backend';
import { loggedInMember } from './support/members';
import { find, renderPage, tapButton, textOf } from './support/pages';
import { wxFake } from './support/wx-fake';

describe('landing page', () => {
  let backend: ConnectedBackend;
  beforeEach(async () => {
    backend = connectBackend({ now: '2026-06-15T04:00:00Z' });
    await seedSociety(backend);
  });
  afterEach(() => {
    backend.close();
    jest.restoreAllMocks();
  });

  it('shows the society name and introduction from the backend', async () => {
    const page = renderPage('landing');

    await backend.settle();

    expect(textOf(page, '.society-name')).toBe('四川省性学会');
    expect(textOf(page, '.society-intro')).toContain('学术性社会团体');
    expect(textOf(page, '.navbar >>> .t-navbar__center-title')).toBe('省性学会');
  });

  it('opens login from 机构登录 at the top left', async () => {
    const page = renderPage('landing');
    await backend.settle();

    expect(textOf(page, '.entry')).toBe('机构登录');
    find(page, '.entry').dispatchEvent('tap');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/login/index' });
  });

  it('says when the backend cannot be reached, and 重新加载 tries again', async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    backend.setOffline(true);
    const page = renderPage('landing');
    await backend.settle();
    expect(textOf(page, '.state__message')).toBe('网络异常，请检查网络后重试');

    backend.setOffline(false);
    tapButton(page, '.retry');
    await backend.settle();

    expect(textOf(page, '.state__message')).toBe('');
    expect(textOf(page, '.society-name')).toBe('四川省性学会');
  });

  it('leads a logged-in member straight to the member home instead', async () => {
    await loggedInMember(backend);
    const page = renderPage('landing');
    await backend.settle();

    find(page, '.entry').dispatchEvent('tap');
    await backend.settle();

    expect(textOf(page, '.entry')).toBe('会员中心');
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/home/index' });
  });

  it('offers 申请入会 and its progress to a visitor, and not to a member', async () => {
    const visitor = renderPage('landing');
    await backend.settle();

    expect(textOf(visitor, '.apply-entry >>> .t-button')).toBe('申请入会');
    tapButton(visitor, '.apply-entry');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/apply/index' });
    find(visitor, '.apply-status-entry').dispatchEvent('tap');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: '/pages/apply-status/index',
    });

    await loggedInMember(backend);
    const member = renderPage('landing');
    await backend.settle();
    expect(member.querySelector('.apply-entry')).toBeFalsy();
  });
});
