import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import { changePassword, login } from '../../miniprogram/services/auth';
import { dataOf } from '../helpers/backend';
import { PDF_BYTES } from '../helpers/files';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { uploadBytes } from './support/dues';
import { duesAdmin } from '../helpers/dues';
import { viewNotice } from '../../miniprogram/services/notices';
import { submitFeedback, viewFeedback } from '../../miniprogram/services/feedback';
import {
  loggedInMember,
  loggedInWithInitialPassword,
  MEMBER,
  NEW_PASSWORD,
} from './support/members';
import { find, renderPage, tapButton, tapCell, textOf } from './support/pages';
import { wxFake } from './support/wx-fake';
import { getToken } from '../../miniprogram/services/session';
import type { MemberDoc } from '../../backend/domain/members/model';
import { COLLECTIONS } from '../../backend/schema/collections';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';

describe('member home', () => {
  let backend: ConnectedBackend;
  afterEach(() => backend.close());

  async function openHome(options: { now?: string; expiresOn?: string | null } = {}) {
    backend = connectBackend({ now: options.now ?? NOW });
    const expiresOn = options.expiresOn === undefined ? MEMBER.expiresOn : options.expiresOn;
    await loggedInMember(backend, { ...MEMBER, expiresOn });
    const page = renderPage('home');
    await backend.settle();
    return page;
  }

  it('shows 到期时间, the status as 正常 and the first-login point of this year', async () => {
    const page = await openHome();

    expect(textOf(page, '.summary__name')).toBe('夏慧然');
    expect(textOf(page, '.expires-on')).toBe('2027-12-31');
    expect(textOf(page, '.status >>> .t-tag')).toBe('正常');
    expect(find(page, '.status >>> .t-tag--success')).toBeTruthy();
    expect(textOf(page, '.points')).toBe('1');
    expect(textOf(page, '.figure__note')).toBe('2026年度');
  });

  it('shows 即将到期 in the warning colour within 30 days of the expiry date', async () => {
    const page = await openHome({ expiresOn: '2026-07-10' });

    expect(textOf(page, '.status >>> .t-tag')).toBe('即将到期');
    expect(find(page, '.status >>> .t-tag--warning')).toBeTruthy();
  });

  it('shows 已过期 in the danger colour after the expiry date', async () => {
    const page = await openHome({ expiresOn: '2026-06-14' });

    expect(textOf(page, '.status >>> .t-tag')).toBe('已过期');
    expect(find(page, '.status >>> .t-tag--danger')).toBeTruthy();
  });

  it('says 未登记 and 未知 when the roster has no expiry date', async () => {
    const page = await openHome({ expiresOn: null });

    expect(textOf(page, '.expires-on')).toBe('未登记');
    expect(textOf(page, '.status >>> .t-tag')).toBe('未知');
  });

  it('counts points by the Beijing year: 2027 already at 17:00 UTC on 31 December', async () => {
    const page = await openHome({ now: '2026-12-31T17:00:00Z' });

    expect(textOf(page, '.figure__note')).toBe('2027年度');
    expect(textOf(page, '.points')).toBe('1');
  });

  it('opens 修改密码 from 账号管理', async () => {
    const page = await openHome();

    tapCell(page, '.menu-password');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/password/index' });
  });

  it('opens 基本信息 from 会员中心 and 账号设置 from 账号管理', async () => {
    const page = await openHome();

    tapCell(page, '.menu-profile');
    await backend.settle();
    tapCell(page, '.menu-account');
    await backend.settle();

    expect(wxFake.navigations).toEqual([
      { kind: 'navigateTo', url: '/pages/profile/index' },
      { kind: 'navigateTo', url: '/pages/account/index' },
    ]);
  });

  it('opens 立即续费 beside 到期时间 and 会费信息 from 会员中心', async () => {
    const page = await openHome();

    tapButton(page, '.renew');
    await backend.settle();
    tapCell(page, '.menu-dues');
    await backend.settle();

    expect(textOf(page, '.renew >>> .t-button')).toBe('立即续费');
    expect(wxFake.navigations).toEqual([
      { kind: 'navigateTo', url: '/pages/renew/index' },
      { kind: 'navigateTo', url: '/pages/dues/index' },
    ]);
  });

  it("opens 积分 from this year's points", async () => {
    const page = await openHome();

    expect(textOf(page, '.figure__link')).toBe('查看明细 ›');
    find(page, '.points-figure').dispatchEvent('tap');
    await backend.settle();

    expect(wxFake.navigations).toEqual([{ kind: 'navigateTo', url: '/pages/points/index' }]);
  });

  it('counts the unread notices on 通知, fewer once one is opened, and opens the list', async () => {
    backend = connectBackend({ now: NOW });
    await loggedInMember(backend);
    const secretariat = await duesAdmin(backend, 'secretariat');
    const notices: string[] = [];
    for (const title of ['学术年会报名', '会员信息征集']) {
      const draft = dataOf<{ id: string }>(
        await secretariat.call('admin.notices.save', {
          title,
          html: '<p>请各位会员留意。</p>',
          attachmentFileIds: [],
          reply: { kind: 'none', options: [], deadline: null },
          requestId: `home-notice-${notices.length}`,
        }),
      );
      await secretariat.call('admin.notices.publish', { noticeId: draft.id });
      notices.push(draft.id);
    }
    const page = renderPage('home');
    await backend.settle();
    const comeBack = async () => {
      (page as unknown as { triggerPageLifeTime(name: 'show'): void }).triggerPageLifeTime('show');
      await backend.settle();
    };

    expect(textOf(page, '.unread-badge')).toBe('2');
    await viewNotice(notices[0]!);
    await comeBack();
    expect(textOf(page, '.unread-badge')).toBe('1');
    await viewNotice(notices[1]!);
    await comeBack();
    expect(page.querySelector('.unread-badge')).toBeFalsy();

    tapCell(page, '.menu-notices');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/notices/index' });
  });

  it('opens 服务 and 会内活动 from 会员中心', async () => {
    const page = await openHome();

    expect(textOf(page, '.menu-services >>> .t-cell__title-text')).toBe('服务');
    expect(textOf(page, '.menu-events >>> .t-cell__title-text')).toBe('会内活动');
    tapCell(page, '.menu-services');
    await backend.settle();
    tapCell(page, '.menu-events');
    await backend.settle();

    expect(wxFake.navigations).toEqual([
      { kind: 'navigateTo', url: '/pages/services/index' },
      { kind: 'navigateTo', url: '/pages/events/index' },
    ]);
  });

  it('dots 意见建议 under 客服中心 while a reply is unread, and opens the list', async () => {
    backend = connectBackend({ now: NOW });
    await loggedInMember(backend);
    const secretariat = await duesAdmin(backend, 'secretariat');
    const item = await submitFeedback({
      text: '建议年会资料提前发到小程序。',
      pictureFileIds: [],
      contact: null,
      requestId: 'home-feedback-1',
    });
    const page = renderPage('home');
    await backend.settle();
    const comeBack = async () => {
      (page as unknown as { triggerPageLifeTime(name: 'show'): void }).triggerPageLifeTime('show');
      await backend.settle();
    };

    expect(textOf(page, '.menu-service >>> .t-cell-group__title')).toBe('客服中心');
    expect(textOf(page, '.menu-feedback >>> .t-cell__title-text')).toBe('意见建议');
    expect(page.querySelector('.feedback-dot')).toBeFalsy();
    await secretariat.call('admin.feedback.reply', {
      feedbackId: item.id,
      reply: '感谢建议，已安排。',
    });
    await comeBack();
    expect(find(page, '.feedback-dot')).toBeTruthy();
    await viewFeedback(item.id);
    await comeBack();
    expect(page.querySelector('.feedback-dot')).toBeFalsy();

    tapCell(page, '.menu-feedback');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/feedback/index' });
  });

  it('shows the new 到期时间 when the member comes back to it', async () => {
    const page = await openHome();
    const [member] = await backend.store.find<MemberDoc>(COLLECTIONS.members);
    await backend.store.update(COLLECTIONS.members, member?._id ?? '', {
      set: { expiresOn: '2029-12-31' },
    });

    // j-component has it at run time; its declarations leave it out.
    (page as unknown as { triggerPageLifeTime(name: 'show'): void }).triggerPageLifeTime('show');
    await backend.settle();

    expect(textOf(page, '.expires-on')).toBe('2029-12-31');
  });

  it('logs out from 退出登录: the session ends and the app returns to login', async () => {
    const page = await openHome();
    const token = getToken();

    tapCell(page, '.menu-logout');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
    expect(getToken()).toBeNull();
    const after = await backend.call(
      'member.dashboard',
      {},
      { token, openid: 'o-test-member-openid' },
    );
    expect(after).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  it('sends a member with the initial password to the password change', async () => {
    backend = connectBackend({ now: NOW });
    await loggedInWithInitialPassword(backend);

    renderPage('home');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/password/index' });
  });

  it('sends a visitor whose session is gone to login', async () => {
    backend = connectBackend({ now: NOW });
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    renderPage('home');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
    expect(getToken()).toBeNull();
  });
  it('shows 待缴费 and 缴纳会费 to a member approved through 入会申请', async () => {
    backend = connectBackend({ now: NOW });
    // Applied on the portal, approved by the super-admin: a member without an expiry date.
    const { uploadGrant } = dataOf<{ uploadGrant: string }>(
      await backend.call('application.uploadGrant', {}),
    );
    const fileId = await uploadBytes(backend, PDF_BYTES, uploadGrant);
    const receipt = dataOf<{ applicationId: string }>(
      await backend.call('application.submit', {
        memberType: '个人会员',
        name: '林若溪',
        gender: '女',
        birthDate: '1986-03-09',
        phone: '13880001234',
        workUnit: '四川大学华西医院',
        personalInfoConsent: true,
        requestId: 'home-application-01',
        uploadGrant,
        fileIds: [fileId],
      }),
    );
    const password = 'Secretariat-2026!';
    await ensureFirstAdmin(backend.deps, password, backend.clock.now());
    const admin = await backend.call('admin.login', { username: 'admin', password });
    const approved = await backend.call(
      'admin.applications.review',
      { applicationId: receipt.applicationId, decision: 'approve' },
      { token: dataOf<{ token: string }>(admin).token },
    );
    expect(approved.ok).toBe(true);
    await login('13880001234', '13880001234');
    await changePassword('13880001234', NEW_PASSWORD);

    const page = renderPage('home');
    await backend.settle();

    expect(textOf(page, '.status >>> .t-tag')).toBe('待缴费');
    expect(find(page, '.status >>> .t-tag--warning')).toBeTruthy();
    expect(textOf(page, '.expires-on')).toBe('缴费后生效');
    expect(textOf(page, '.first-dues')).toContain('缴纳首年会费');
    expect(textOf(page, '.renew >>> .t-button')).toBe('缴纳会费');
    tapButton(page, '.renew');
    await backend.settle();
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/renew/index' });
  });
});
