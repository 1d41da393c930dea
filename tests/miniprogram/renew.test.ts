import type { DuesOrderDoc } from '../../backend/domain/dues/model';
import { demoDuesSettings, writeDuesSettings } from '../../backend/domain/dues/settings';
import { COLLECTIONS } from '../../backend/schema/collections';
import { config } from '../../miniprogram/config';
import { attachVouchers, createRenewalOrder } from '../../miniprogram/services/dues';
import { getInvoiceInfo, updateInvoiceInfo } from '../../miniprogram/services/invoice';
import { getDashboard } from '../../miniprogram/services/member';
import { setUploader } from '../../miniprogram/services/upload';
import { JPEG_BYTES, PDF_BYTES, PNG_BYTES } from '../helpers/files';
import { connectBackend, type ConnectedBackend } from './support/backend';
import {
  financeToken,
  holdingUploader,
  installDuesWx,
  seedDuesSettings,
  SOCIETY_NAME,
  uploadBytes,
  wxDues,
  type HeldUpload,
} from './support/dues';
import { loggedInMember, MEMBER } from './support/members';
import { find, renderPage, tapButton, textOf, typeInto, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing; the member's dues run to 2027-12-31, so a renewal starts 2028-01-01. */
const NOW = '2026-06-15T04:00:00Z';
const NOW_DATE = new Date(NOW);

/** The bytes behind each temporary path the fake pickers hand out. */
const TEMP_FILES: Record<string, Buffer> = {
  'wxfile://tmp_transfer.jpg': JPEG_BYTES,
  'wxfile://tmp_receipt.png': PNG_BYTES,
  'wxfile://tmp_bank.pdf': PDF_BYTES,
};

describe('立即续费', () => {
  let backend: ConnectedBackend;
  let held: HeldUpload[];

  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    await seedDuesSettings(backend);
    await loggedInMember(backend);
    installDuesWx();
    held = [];
    setUploader(holdingUploader(backend, (path) => TEMP_FILES[path] ?? Buffer.alloc(0), held));
  });
  afterEach(() => {
    setUploader(null);
    backend.close();
  });

  async function openRenew() {
    const page = renderPage('renew');
    await backend.settle();
    return page;
  }

  async function tap(page: Rendered, button: string) {
    tapButton(page, button);
    await backend.settle();
  }

  const note = (page: Rendered, cell: string) => textOf(page, `${cell} >>> .t-cell__note`);
  const description = (page: Rendered, cell: string) =>
    textOf(page, `${cell} >>> .t-cell__description`);

  async function orders(): Promise<DuesOrderDoc[]> {
    return backend.store.find<DuesOrderDoc>(COLLECTIONS.duesOrders);
  }

  /** Lets every held upload finish, then waits for the page to show it. */
  async function releaseAll() {
    await Promise.all(held.splice(0).map((upload) => upload.release()));
    await backend.settle();
  }

  it('quotes one year, re-quotes on another choice, and shows the account to pay into', async () => {
    const page = await openRenew();

    expect(note(page, '.row-years')).toBe('1年');
    expect(note(page, '.row-amount')).toBe('¥300.00');
    expect(note(page, '.row-period')).toBe('2028-01-01 至 2028-12-31');
    expect(description(page, '.pay-accountName')).toBe('四川省性学会');
    expect(description(page, '.pay-bankName')).toBe('中国银行示范市分行营业部');
    expect(description(page, '.pay-accountNumber')).toBe('1234 5678 9012 3456 789');
    expect(description(page, '.pay-remittanceNote')).toBe('提交订单后生成');
    expect(page.querySelector('.copy-remittanceNote')).toBeFalsy();

    find(page, '.pick-years').dispatchEvent('change', { detail: { value: '1' } });
    await backend.settle();

    expect(note(page, '.row-years')).toBe('2年');
    expect(note(page, '.row-amount')).toBe('¥600.00');
    expect(note(page, '.row-period')).toBe('2028-01-01 至 2029-12-31');
    expect(backend.sent.filter((action) => action === 'dues.quote')).toHaveLength(2);
  });

  it('copies the account number and, once ordered, the remittance note', async () => {
    const page = await openRenew();

    await tap(page, '.copy-accountNumber');
    await tap(page, '.copy-amount');
    await tap(page, '.submit');
    await tap(page, '.copy-remittanceNote');

    const [order] = await orders();
    expect(wxDues.clipboard).toEqual([
      '1234 5678 9012 3456 789',
      '300.00',
      `${order?.orderNo} ${MEMBER.name}`,
    ]);
  });

  it('a double tap on 立即续费 makes one order, which the page then shows', async () => {
    const page = await openRenew();
    find(page, '.pick-years').dispatchEvent('change', { detail: { value: '1' } });
    await backend.settle();

    tapButton(page, '.submit');
    tapButton(page, '.submit');
    await backend.settle();

    const stored = await orders();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'awaitingPayment', years: 2, amount: 60000 });
    expect(backend.sent.filter((action) => action === 'dues.createOrder')).toHaveLength(1);
    expect(note(page, '.row-order-no')).toBe(stored[0]?.orderNo);
    expect(note(page, '.row-order-no')).toMatch(/^HF\d{10}$/);
    expect(textOf(page, '.row-status .status >>> .t-tag')).toBe('待付款');
    expect(description(page, '.pay-amount')).toBe('¥600.00');
    expect(description(page, '.pay-remittanceNote')).toBe(`${stored[0]?.orderNo} ${MEMBER.name}`);
  });

  it('retries a lost 立即续费 with the same requestId', async () => {
    const page = await openRenew();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    backend.setOffline(true);
    await tap(page, '.submit');
    warn.mockRestore();
    const firstAttempt = page.instance.data.requestId as string;
    expect(textOf(page, '.form-error')).toBe('网络异常，请检查网络后重试');
    expect(firstAttempt).toMatch(/^[0-9a-f]{32}$/);

    backend.setOffline(false);
    await tap(page, '.submit');

    const stored = await orders();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.requestKey.endsWith(`:${firstAttempt}`)).toBe(true);
  });

  it('sends the prefilled 开票信息 as edited and saves it back when asked', async () => {
    await updateInvoiceInfo({
      titleType: '个人',
      title: '夏慧然',
      taxNumber: null,
      address: null,
      phone: null,
      bank: null,
      bankAccount: null,
      email: 'old@example.cn',
    });
    const page = await openRenew();

    find(page, '.want-invoice').dispatchEvent('change', { detail: { value: true } });
    await backend.settle();
    expect(page.instance.data.form).toMatchObject({ title: '夏慧然', email: 'old@example.cn' });

    typeInto(page, '.field-email', 'xia@example.cn');
    find(page, '.save-invoice').dispatchEvent('change', { detail: { value: ['save'] } });
    await backend.settle();
    await tap(page, '.submit');

    const [order] = await orders();
    expect(order?.invoice?.info).toMatchObject({ title: '夏慧然', email: 'xia@example.cn' });
    expect(await getInvoiceInfo()).toMatchObject({ email: 'xia@example.cn' });
  });

  it('asks a 单位 invoice for its credit code before ordering', async () => {
    const page = await openRenew();
    find(page, '.want-invoice').dispatchEvent('change', { detail: { value: true } });
    await backend.settle();
    find(page, '.title-type').dispatchEvent('change', { detail: { value: '单位' } });
    await backend.settle();
    typeInto(page, '.field-title', '四川大学华西医院');
    await tap(page, '.submit');

    expect(textOf(page, '.field-taxNumber >>> .t-input__tips')).toBe(
      '单位发票请填写统一社会信用代码',
    );
    expect(await orders()).toHaveLength(0);
  });

  it('uploads two vouchers with progress, attaches them and waits for finance', async () => {
    const page = await openRenew();
    await tap(page, '.submit');

    wxDues.media = ['wxfile://tmp_transfer.jpg', 'wxfile://tmp_receipt.png'];
    await tap(page, '.add-voucher');

    expect(wxDues.sheets).toEqual([['从相册选择', '拍照', '从聊天记录选择PDF']]);
    expect(wxDues.chosenCounts).toEqual([5]);
    expect(held).toHaveLength(2);
    expect(textOf(page, '.voucher-0 .voucher__state')).toBe('上传中 0%');

    held[0]?.progress(40);
    held[1]?.progress(75.4);
    await backend.settle();
    expect(textOf(page, '.voucher-0 .voucher__state')).toBe('上传中 40%');
    expect(textOf(page, '.voucher-1 .voucher__state')).toBe('上传中 75%');
    expect(find(page, '.voucher-0 .voucher__progress >>> .t-progress__bar').dom).toBeTruthy();

    // 提交凭证 waits for the uploads.
    await tap(page, '.submit-vouchers');
    expect(textOf(page, '.voucher-error')).toBe('凭证仍在上传，请稍候');

    await releaseAll();
    expect(textOf(page, '.voucher-0 .voucher__state')).toBe('已上传');
    expect(textOf(page, '.voucher-1 .voucher__state')).toBe('已上传');
    await tap(page, '.submit-vouchers');

    const [order] = await orders();
    expect(order?.status).toBe('awaitingReview');
    expect(order?.vouchers).toHaveLength(2);
    expect(textOf(page, '.row-status .status >>> .t-tag')).toBe('待财务确认');
    expect(textOf(page, '.submitted__title')).toBe('已提交，等待财务确认');
    expect(page.querySelector('.add-voucher')).toBeFalsy();
  });

  it('takes a PDF from a chat, and refuses 提交凭证 without any voucher', async () => {
    const page = await openRenew();
    await tap(page, '.submit');

    await tap(page, '.submit-vouchers');
    expect(textOf(page, '.voucher-error')).toBe('请先上传缴费凭证');

    wxDues.sheetTap = 2;
    wxDues.messageFiles = [{ path: 'wxfile://tmp_bank.pdf', name: '回单.pdf' }];
    await tap(page, '.add-voucher');
    expect(textOf(page, '.voucher-0 .voucher__name')).toBe('回单.pdf');
    await releaseAll();
    await tap(page, '.submit-vouchers');

    const [order] = await orders();
    expect(order?.status).toBe('awaitingReview');
    expect(order?.vouchers[0]?.contentType).toBe('application/pdf');
  });

  it('shows a voucher the backend refuses as failed, and lets it be removed', async () => {
    const page = await openRenew();
    await tap(page, '.submit');

    wxDues.media = ['wxfile://tmp_not-an-image.jpg'];
    await tap(page, '.add-voucher');
    await releaseAll();

    expect(textOf(page, '.voucher-0 .voucher__state')).toBe('上传失败');
    expect(textOf(page, '.voucher-error')).not.toBe('');
    find(page, '.voucher-0 .voucher__remove').dispatchEvent('tap');
    await backend.settle();
    expect(page.querySelector('.voucher-0')).toBeFalsy();
  });

  it('closing the action sheet chooses nothing', async () => {
    const page = await openRenew();
    await tap(page, '.submit');

    wxDues.sheetTap = null;
    await tap(page, '.add-voucher');

    expect(wxDues.chosenCounts).toEqual([]);
    expect(page.querySelector('.voucher-0')).toBeFalsy();
  });

  it('resumes the open order instead of starting another', async () => {
    const order = await createRenewalOrder({
      years: 3,
      invoice: null,
      saveInvoiceInfo: false,
      requestId: 'resume-attempt-0001',
    });

    const page = await openRenew();

    expect(note(page, '.row-order-no')).toBe(order.orderNo);
    expect(note(page, '.row-order-years')).toBe('3年');
    expect(page.querySelector('.submit')).toBeFalsy();
    expect(backend.sent).not.toContain('dues.quote');
  });

  it('a rejected voucher shows finance’s reason and can be uploaded again', async () => {
    const order = await createRenewalOrder({
      years: 1,
      invoice: null,
      saveInvoiceInfo: false,
      requestId: 'rejected-attempt-01',
    });
    await attachVouchers(order.id, [await uploadBytes(backend, JPEG_BYTES)]);
    const finance = await financeToken(backend);
    const rejected = await backend.call(
      'admin.dues.reject',
      { orderId: order.id, reason: '金额与订单不符' },
      { token: finance },
    );
    expect(rejected.ok).toBe(true);

    const page = await openRenew();
    expect(textOf(page, '.row-status .status >>> .t-tag')).toBe('未通过');
    expect(textOf(page, '.rejected__reason')).toBe('金额与订单不符');

    wxDues.media = ['wxfile://tmp_receipt.png'];
    await tap(page, '.add-voucher');
    await releaseAll();
    await tap(page, '.submit-vouchers');

    const [stored] = await orders();
    expect(stored?.status).toBe('awaitingReview');
    expect(stored?.vouchers).toHaveLength(1);
    expect(stored?.vouchers[0]?.contentType).toBe('image/png');
    expect(textOf(page, '.submitted__title')).toBe('已提交，等待财务确认');
  });

  it('取消订单 after confirming returns to a fresh quote', async () => {
    const page = await openRenew();
    await tap(page, '.submit');

    wxFake.answerModals(true);
    await tap(page, '.cancel-order');

    const [order] = await orders();
    expect(order?.status).toBe('cancelled');
    expect(wxFake.toasts).toContain('订单已取消');
    expect(note(page, '.row-amount')).toBe('¥300.00');
    expect(page.querySelector('.row-order-no')).toBeFalsy();
  });

  it('keeps the order when 取消订单 is not confirmed', async () => {
    const page = await openRenew();
    await tap(page, '.submit');

    wxFake.answerModals(false);
    await tap(page, '.cancel-order');

    const [order] = await orders();
    expect(order?.status).toBe('awaitingPayment');
    expect(page.querySelector('.row-order-no')).toBeTruthy();
  });

  it('says whom to ask when the member type has no fee', async () => {
    const settings = demoDuesSettings(SOCIETY_NAME);
    await writeDuesSettings(
      backend.deps,
      { ...settings, fees: [], defaultFeePerYear: null },
      NOW_DATE,
    );

    const page = await openRenew();

    expect(textOf(page, '.load-error')).toBe(
      '您的会员类型（个人会员）尚未设置会费标准，请联系学会秘书处',
    );
    expect(await orders()).toHaveLength(0);
  });

  it('offers 订阅到期提醒 when a template is configured', async () => {
    config.reminderTemplateId = 'tmpl-dues-expiry';
    backend.deps.config.reminderTemplateId = 'tmpl-dues-expiry';
    try {
      const page = await openRenew();

      expect(textOf(page, '.reminder-entry >>> .reminder >>> .t-cell__title-text')).toBe(
        '订阅到期提醒',
      );
      expect(textOf(page, '.reminder-entry >>> .reminder >>> .t-cell__note')).toBe('可接收 0 次');
    } finally {
      config.reminderTemplateId = '';
    }
  });

  it('two years, a voucher, finance confirms: the new expiry and 2 more points', async () => {
    const before = await getDashboard();
    const page = await openRenew();
    find(page, '.pick-years').dispatchEvent('change', { detail: { value: '1' } });
    await backend.settle();
    await tap(page, '.submit');
    wxDues.media = ['wxfile://tmp_transfer.jpg'];
    await tap(page, '.add-voucher');
    await releaseAll();
    await tap(page, '.submit-vouchers');

    const [order] = await orders();
    const finance = await financeToken(backend);
    const confirmed = await backend.call(
      'admin.dues.confirm',
      { orderId: order?._id ?? '' },
      { token: finance },
    );
    expect(confirmed.ok).toBe(true);

    // What the home page shows when the member comes back to it.
    const after = await getDashboard();
    expect(after.expiresOn).toBe('2029-12-31');
    expect(after.pointsThisYear).toBe(before.pointsThisYear + 2);
  });
});
