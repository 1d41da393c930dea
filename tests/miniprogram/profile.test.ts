import { getProfile } from '../../miniprogram/services/profile';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { loggedInMember, MEMBER } from './support/members';
import { renderPage, tapButton, textOf, typeInto } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';

describe('基本信息', () => {
  let backend: ConnectedBackend;
  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    await loggedInMember(backend);
  });
  afterEach(() => backend.close());

  async function openProfile() {
    const page = renderPage('profile');
    await backend.settle();
    return page;
  }

  async function tap(page: ReturnType<typeof renderPage>, button: string) {
    tapButton(page, button);
    await backend.settle();
  }

  it('shows the name, the masked phone, the member number and type, and 未填写', async () => {
    const page = await openProfile();

    expect(textOf(page, '.row-name >>> .t-cell__note')).toBe(MEMBER.name);
    expect(textOf(page, '.row-phone >>> .t-cell__note')).toBe('139****3133');
    expect(textOf(page, '.row-member-no >>> .t-cell__note')).toBe(MEMBER.memberNo);
    expect(textOf(page, '.row-member-type >>> .t-cell__note')).toBe('个人会员');
    expect(textOf(page, '.row-workUnit >>> .t-cell__note')).toBe('未填写');
  });

  it('编辑 then 提交 shows the new work unit and sends only what changed', async () => {
    const page = await openProfile();

    await tap(page, '.edit');
    typeInto(page, '.field-workUnit', '四川大学华西医院');
    await tap(page, '.submit');

    expect(textOf(page, '.form-error')).toBe('');
    expect(textOf(page, '.row-workUnit >>> .t-cell__note')).toBe('四川大学华西医院');
    expect(wxFake.toasts).toContain('已保存');
    expect(await getProfile()).toMatchObject({ workUnit: '四川大学华西医院', email: null });
  });

  it('shows the backend message for an invalid email and changes nothing', async () => {
    const page = await openProfile();

    await tap(page, '.edit');
    typeInto(page, '.field-workUnit', '四川大学华西医院');
    typeInto(page, '.field-email', 'not-an-email');
    await tap(page, '.submit');

    expect(textOf(page, '.form-error')).toContain('电子邮箱的格式不正确');
    expect(await getProfile()).toMatchObject({ workUnit: null, email: null });
    await tap(page, '.cancel');
    expect(textOf(page, '.row-workUnit >>> .t-cell__note')).toBe('未填写');
  });

  it('leaves the form without a call when nothing was changed', async () => {
    const page = await openProfile();

    await tap(page, '.edit');
    await tap(page, '.submit');

    expect(backend.sent).not.toContain('member.profile.update');
    expect(textOf(page, '.row-workUnit >>> .t-cell__note')).toBe('未填写');
  });
});
