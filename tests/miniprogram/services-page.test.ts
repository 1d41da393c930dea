// The 服务 page. (services.test.ts is taken by the transports' tests.)
import type { AdminServiceItem, ServiceApplication } from '../../typings';
import { applyForService } from '../../miniprogram/services/service-catalogue';
import { dataOf } from '../helpers/backend';
import type { DuesAdmin } from '../helpers/dues';
import { JPEG_BYTES, PDF_BYTES } from '../helpers/files';
import type { ConnectedBackend } from './support/backend';
import { uploadBytes } from './support/dues';
import { comeBack, whileOffline } from './support/lists';
import { memberAndSecretariat } from './support/members';
import { find, renderPage, tapButton, texts, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** Noon in Beijing on 15 June 2026. */
const NOW = '2026-06-15T04:00:00Z';
const MINUTE = 60 * 1000;
const TEXT = '本人申请开具会员身份证明，用于职称评审材料。';

const globals = globalThis as unknown as { wx: Record<string, unknown> };
globals.wx.stopPullDownRefresh = () => undefined;

describe('服务', () => {
  let backend: ConnectedBackend;
  let secretariat: DuesAdmin;
  let requests = 0;
  beforeEach(async () => {
    ({ backend, secretariat } = await memberAndSecretariat(NOW));
  });
  afterEach(() => backend.close());

  /** A service the secretariat saved in the console, a minute after the one before it. */
  async function savedService(
    fields: { name?: string; requirements?: string; active?: boolean } = {},
  ): Promise<AdminServiceItem> {
    backend.clock.advance(MINUTE);
    return dataOf<AdminServiceItem>(
      await secretariat.call('admin.services.save', {
        name: fields.name ?? '会员身份证明',
        description: '为会员出具加盖学会印章的会员身份证明。',
        requirements: fields.requirements ?? '请写明用途，并附身份证照片。',
        active: fields.active ?? true,
        requestId: `service-save-${(requests += 1)}`,
      }),
    );
  }

  /** An application through the services, a minute after the one before it (newest first). */
  async function applied(serviceId: string, attachmentFileIds: string[] = []) {
    backend.clock.advance(MINUTE);
    return applyForService({
      serviceId,
      text: TEXT,
      attachmentFileIds,
      requestId: `service-apply-${(requests += 1)}`,
    });
  }

  async function processed(
    application: ServiceApplication,
    change: { status: 'accepted' | 'completed' | 'rejected'; reply?: string; invalid?: boolean },
  ) {
    return dataOf(
      await secretariat.call('admin.services.process', {
        applicationId: application.id,
        ...change,
      }),
    );
  }

  async function openPage(): Promise<Rendered> {
    const page = renderPage('services');
    await backend.settle();
    return page;
  }

  async function showApplications(page: Rendered): Promise<void> {
    find(page, '.tab-applications').dispatchEvent('tap');
    await backend.settle();
  }

  it('lists the services offered with their description and 申请要求, and opens 申请', async () => {
    const first = await savedService();
    await savedService({ name: '继续教育学分证明', requirements: '' });
    await savedService({ name: '已停办的服务', active: false });

    const page = await openPage();

    expect(find(page, '.tab-catalogue.tab--active')).toBeTruthy();
    expect(texts(page, '.service__name')).toEqual(['会员身份证明', '继续教育学分证明']);
    expect(textOf(page, '.service-0 .service__description')).toBe(
      '为会员出具加盖学会印章的会员身份证明。',
    );
    expect(textOf(page, '.service-0 .requirements__text')).toBe('请写明用途，并附身份证照片。');
    expect(page.querySelector('.service-1 .requirements')).toBeFalsy();
    expect(textOf(page, '.apply-0 >>> .t-button')).toBe('申请');

    tapButton(page, '.apply-0');
    await backend.settle();

    expect(wxFake.lastNavigation()).toEqual({
      kind: 'navigateTo',
      url: `/pages/service-apply/index?id=${first.id}`,
    });
  });

  it('says so when no service is offered, and when the member has applied for none', async () => {
    const page = await openPage();

    expect(textOf(page, '.catalogue-empty .empty__title')).toBe('暂无可申请的服务');
    await showApplications(page);
    expect(textOf(page, '.applications-empty .empty__title')).toBe('还没有申请过服务');
    expect(page.querySelector('.load-more')).toBeFalsy();
  });

  it('shows 我的申请 with the status, the point earned, the reply and a withdrawn point', async () => {
    const service = await savedService();
    const files = [await uploadBytes(backend, JPEG_BYTES), await uploadBytes(backend, PDF_BYTES)];
    // One application of a service is under way at a time: each is done before the next.
    const first = await applied(service.id, files);
    await processed(first, { status: 'accepted' });
    await processed(first, { status: 'completed', reply: '证明已开具，请到秘书处领取。' });
    const second = await applied(service.id);
    await processed(second, { status: 'rejected', reply: '重复申请。', invalid: true });
    const third = await applied(service.id);

    const page = await openPage();
    await showApplications(page);

    expect(texts(page, '.item__status >>> .t-tag')).toEqual(['待受理', '已驳回', '已办结']);
    expect(find(page, '.item-0 .item__status >>> .t-tag--warning')).toBeTruthy();
    expect(textOf(page, '.item-0 .item__name')).toBe('会员身份证明');
    expect(textOf(page, '.item-0 .item__date')).toBe('申请于 2026-06-15 12:04');
    expect(textOf(page, '.item-0 .item__points')).toBe('积分 +1');
    expect(page.querySelector('.item-0 .reply')).toBeFalsy();

    expect(textOf(page, '.item-1 .reply__text')).toBe('重复申请。');
    expect(page.querySelector('.item-1 .item__points')).toBeFalsy();
    expect(textOf(page, '.item-1 .item__withdrawn')).toBe('申请被认定无效，积分已收回');

    expect(textOf(page, '.item-2 .reply__text')).toBe('证明已开具，请到秘书处领取。');
    expect(textOf(page, '.item-2 .item__files')).toBe('2个附件');
    expect(textOf(page, '.item-2 .item__points')).toBe('积分 +1');
    expect(third.status).toBe('submitted');
  });

  it('opens an application in place with its 办理进度', async () => {
    const service = await savedService();
    const application = await applied(service.id);
    backend.clock.advance(MINUTE);
    await processed(application, { status: 'accepted' });
    backend.clock.advance(MINUTE);
    await processed(application, { status: 'completed', reply: '已办结。' });
    const page = await openPage();
    await showApplications(page);

    expect(page.querySelector('.steps')).toBeFalsy();
    find(page, '.item-0').dispatchEvent('tap');
    await backend.settle();

    expect(texts(page, '.step__status')).toEqual(['待受理', '已受理', '已办结']);
    expect(texts(page, '.step__at')).toEqual([
      '2026-06-15 12:02',
      '2026-06-15 12:03',
      '2026-06-15 12:04',
    ]);
    expect(texts(page, '.step__reply')).toEqual(['已办结。']);
  });

  it('shows 我的申请 with the new application on top when the member comes back from 申请', async () => {
    const service = await savedService();
    const first = await applied(service.id);
    await processed(first, { status: 'rejected', reply: '请补充用途后再申请。' });
    const page = await openPage();
    expect(find(page, '.tab-catalogue.tab--active')).toBeTruthy();

    await applied(service.id);
    await comeBack(page, backend);

    expect(find(page, '.tab-applications.tab--active')).toBeTruthy();
    expect(page.querySelectorAll('.item')).toHaveLength(2);
    expect(textOf(page, '.item-0 .item__date')).toBe('申请于 2026-06-15 12:03');

    // Back without applying: the tab chosen stays.
    find(page, '.tab-catalogue').dispatchEvent('tap');
    await backend.settle();
    await comeBack(page, backend);
    expect(find(page, '.tab-catalogue.tab--active')).toBeTruthy();
  });

  it('pages 我的申请 twenty at a time', async () => {
    const service = await savedService();
    for (let index = 0; index < 21; index += 1) {
      await processed(await applied(service.id), { status: 'rejected', reply: '请补充材料。' });
    }
    const page = await openPage();
    await showApplications(page);

    expect(page.querySelectorAll('.item')).toHaveLength(20);
    tapButton(page, '.load-more');
    await backend.settle();

    expect(page.querySelectorAll('.item')).toHaveLength(21);
    expect(page.querySelector('.load-more')).toBeFalsy();
    expect(textOf(page, '.no-more')).toBe('没有更多了');
  });

  it('says why it could not load and loads on 重新加载', async () => {
    await savedService();
    const page = await whileOffline(backend, openPage);

    expect(textOf(page, '.load-error')).toBe('网络异常，请检查网络后重试');
    tapButton(page, '.retry');
    await backend.settle();

    expect(texts(page, '.service__name')).toEqual(['会员身份证明']);
  });

  it('sends a visitor whose session is gone to login', async () => {
    wxFake.api.setStorageSync('session.token', 'a-token-the-backend-never-issued');

    await openPage();

    expect(wxFake.lastNavigation()).toEqual({ kind: 'reLaunch', url: '/pages/login/index' });
  });
});
