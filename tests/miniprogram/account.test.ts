import { wechatStatus } from '../../miniprogram/services/account';
import { signOut } from '../../miniprogram/services/session-flow';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER } from './support/members';
import { renderPage, tapButton, textOf } from './support/pages';
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
