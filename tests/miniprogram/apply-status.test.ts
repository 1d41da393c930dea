import { ensureFirstAdmin } from '../../backend/domain/admins/accounts';
import type { ApplicationReceipt } from '../../typings';
import {
  requestUploadGrant,
  resubmitApplication,
  submitApplication,
  takeResubmitDraft,
} from '../../miniprogram/package-apply/services/application';
import { login } from '../../miniprogram/services/auth';
import { dataOf } from '../helpers/backend';
import { PDF_BYTES } from '../helpers/files';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { uploadBytes } from './support/dues';
import { find, renderPage, tapButton, textOf, typeInto, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing. */
const NOW = '2026-06-15T04:00:00Z';
const ADMIN_PASSWORD = 'Secretariat-2026!';
const PHONE = '13880001234';

const FORM = {
  memberType: '个人会员',
  name: '林若溪',
  gender: '女' as const,
  birthDate: '1986-03-09',
  phone: PHONE,
  workUnit: '四川大学华西医院',
  personalInfoConsent: true as const,
};

describe('入会申请进度', () => {
  let backend: ConnectedBackend;
  beforeEach(() => {
    backend = connectBackend({ now: NOW });
  });
  afterEach(() => backend.close());

  async function openStatus() {
    const page = renderPage('apply-status');
    await backend.settle();
    return page;
  }

  async function tap(page: Rendered, button: string) {
    tapButton(page, button);
    await backend.settle();
  }

  const note = (page: Rendered, cell: string) => textOf(page, `${cell} >>> .t-cell__note`);
  const statusTag = (page: Rendered) => textOf(page, '.row-status .status >>> .t-tag');

  /** An application submitted from this WeChat, through the services as the form does. */
  async function appliedFromThisWechat(): Promise<ApplicationReceipt> {
    const uploadGrant = await requestUploadGrant();
    const fileId = await uploadBytes(backend, PDF_BYTES, uploadGrant);
    return submitApplication({
      ...FORM,
      requestId: 'status-application-01',
      uploadGrant,
      fileIds: [fileId],
    });
  }

  /** An application submitted on the portal: no WeChat account is known for it. */
  async function appliedOnThePortal(): Promise<ApplicationReceipt> {
    const { uploadGrant } = dataOf<{ uploadGrant: string }>(
      await backend.call('application.uploadGrant', {}),
    );
    const fileId = await uploadBytes(backend, PDF_BYTES, uploadGrant);
    const submitted = await backend.call('application.submit', {
      ...FORM,
      requestId: 'portal-application-01',
      uploadGrant,
      fileIds: [fileId],
    });
    return dataOf<ApplicationReceipt>(submitted);
  }

  async function review(applicationId: string, decision: 'approve' | 'reject') {
    await ensureFirstAdmin(backend.deps, ADMIN_PASSWORD, backend.clock.now());
    const { token } = dataOf<{ token: string }>(
      await backend.call('admin.login', { username: 'admin', password: ADMIN_PASSWORD }),
    );
    const reason = decision === 'reject' ? { reason: '申请表缺少本人签字' } : {};
    const reviewed = await backend.call(
      'admin.applications.review',
      { applicationId, decision, ...reason },
      { token },
    );
    expect(reviewed.ok).toBe(true);
  }

  it('shows 审核中 and when it was sent for the application from this WeChat', async () => {
    const receipt = await appliedFromThisWechat();

    const page = await openStatus();

    expect(statusTag(page)).toBe('审核中');
    expect(textOf(page, '.row-status >>> .t-cell__title-text')).toBe('林若溪');
    expect(note(page, '.row-code')).toBe(receipt.referenceCode);
    expect(note(page, '.row-submitted')).toBe('2026-06-15 12:00');
    expect(textOf(page, '.under-review')).toBe('秘书处正在审核您的申请，请耐心等待。');
    expect(page.querySelector('.resubmit')).toBeFalsy();
    expect(page.querySelector('.go-login')).toBeFalsy();
  });

  it('已通过: the member number and how to log in, then 去登录', async () => {
    const receipt = await appliedFromThisWechat();
    await review(receipt.applicationId, 'approve');

    const page = await openStatus();

    expect(statusTag(page)).toBe('已通过');
    expect(note(page, '.row-memberNo')).toBe('SQ20260001');
    expect(note(page, '.row-account')).toBe(PHONE);
    expect(note(page, '.row-password')).toBe('同手机号，首次登录须修改');
    await tap(page, '.go-login');
    expect(wxFake.lastNavigation()).toEqual({ kind: 'navigateTo', url: '/pages/login/index' });
    // The account it names logs in with the phone, and must change the password first.
    expect(await login(PHONE, PHONE)).toMatchObject({ mustChangePassword: true });
  });

  it('未通过: the reason, and 修改后重新提交 hands the application to the form', async () => {
    const receipt = await appliedFromThisWechat();
    await review(receipt.applicationId, 'reject');

    const page = await openStatus();

    expect(statusTag(page)).toBe('未通过');
    expect(textOf(page, '.rejected__reason')).toBe('申请表缺少本人签字');
    await tap(page, '.resubmit');
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: '/package-apply/pages/apply/index?mode=resubmit',
    });
    const draft = takeResubmitDraft();
    expect(draft).toMatchObject({
      phone: PHONE,
      referenceCode: receipt.referenceCode,
      status: 'rejected',
      form: { name: '林若溪', workUnit: '四川大学华西医院' },
    });
    expect(draft?.files).toHaveLength(1);
    // Handed over once: a form opened later starts empty.
    expect(takeResubmitDraft()).toBeNull();
  });

  it('shows 审核中 again on coming back from the resubmission', async () => {
    const receipt = await appliedFromThisWechat();
    await review(receipt.applicationId, 'reject');
    const page = await openStatus();
    await tap(page, '.resubmit');
    const draft = takeResubmitDraft();

    await resubmitApplication({
      ...FORM,
      referenceCode: receipt.referenceCode,
      requestId: 'status-resubmit-0001',
      fileIds: draft?.files.map((file) => file.fileId) ?? [],
    });
    // j-component has it at run time; its declarations leave it out.
    (page as unknown as { triggerPageLifeTime(name: 'show'): void }).triggerPageLifeTime('show');
    await backend.settle();

    expect(statusTag(page)).toBe('审核中');
    expect(page.querySelector('.rejected__reason')).toBeFalsy();
  });

  it('without an application from this WeChat, offers 申请入会', async () => {
    const page = await openStatus();

    expect(textOf(page, '.none__text')).toBe('本微信暂无入会申请记录');
    await tap(page, '.apply');
    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: '/package-apply/pages/apply/index',
    });
  });

  it('looks an application up by phone and 申请编号, as typed', async () => {
    const receipt = await appliedOnThePortal();
    const page = await openStatus();
    expect(textOf(page, '.none__text')).toBe('本微信暂无入会申请记录');

    typeInto(page, '.lookup-phone', PHONE);
    typeInto(page, '.lookup-code', ` ${receipt.referenceCode.toLowerCase()} `);
    await tap(page, '.look-up');

    expect(statusTag(page)).toBe('审核中');
    expect(note(page, '.row-code')).toBe(receipt.referenceCode);
    expect(page.querySelector('.none__text')).toBeFalsy();
  });

  it('checks the look-up’s fields first, and says when nothing matches', async () => {
    await appliedOnThePortal();
    const page = await openStatus();

    await tap(page, '.look-up');
    expect(textOf(page, '.lookup-phone >>> .t-input__tips')).toBe('请输入手机号');
    typeInto(page, '.lookup-phone', PHONE);
    await tap(page, '.look-up');
    expect(textOf(page, '.lookup-code >>> .t-input__tips')).toBe('请输入申请编号');
    expect(backend.sent).not.toContain('application.status');

    typeInto(page, '.lookup-code', 'ZZZZZZZZ');
    await tap(page, '.look-up');
    expect(textOf(page, '.lookup-error')).toBe('未找到该入会申请，请核对手机号和申请编号');
    expect(page.querySelector('.row-status')).toBeFalsy();
  });

  it('says when the backend cannot be reached, and 重新加载 tries again', async () => {
    await appliedFromThisWechat();
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    backend.setOffline(true);
    const page = await openStatus();
    expect(textOf(page, '.load-error')).toBe('网络异常，请检查网络后重试');

    backend.setOffline(false);
    await tap(page, '.retry');
    jest.restoreAllMocks();

    expect(page.querySelector('.load-error')).toBeFalsy();
    expect(statusTag(page)).toBe('审核中');
    expect(find(page, '.look-up')).toBeTruthy();
  });
});
