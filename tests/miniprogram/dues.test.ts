import { config } from '../../miniprogram/config';
import {
  attachVouchers,
  cancelRenewalOrder,
  createRenewalOrder,
} from '../../miniprogram/services/dues';
import { JPEG_BYTES, PDF_BYTES } from '../helpers/files';
import { connectBackend, type ConnectedBackend } from './support/backend';
import { financeToken, installDuesWx, seedDuesSettings, uploadBytes } from './support/dues';
import { loggedInMember } from './support/members';
import { find, renderPage, tapButton, tapCell, textOf, type Rendered } from './support/pages';
import { wxFake } from './support/wx-fake';

/** 12:00 in Beijing; the member's dues run to 2027-12-31. */
const NOW = '2026-06-15T04:00:00Z';
const TEMPLATE_ID = 'tmpl-dues-expiry';
const HOUR = 60 * 60 * 1000;

const INVOICE = {
  titleType: '个人' as const,
  title: '夏慧然',
  taxNumber: null,
  address: null,
  phone: null,
  bank: null,
  bankAccount: null,
  email: 'xia@example.cn',
};

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: { errMsg: string }) => void };
const globals = globalThis as unknown as { wx: Record<string, unknown> };

/** What the page asked of WeChat's file and subscription APIs. */
const seen = {
  downloads: [] as string[],
  documents: [] as { filePath: string; fileType?: string }[],
  previews: [] as string[][],
  subscribe: [] as string[][],
};
/** How the next subscription dialog is answered: a choice, or a failure of the call. */
let subscribeAnswer: 'accept' | 'reject' | 'ban' | { errMsg: string; errCode: number } = 'accept';
let downloadStatus = 200;

globals.wx.downloadFile = (options: { url: string } & Callbacks<unknown>) => {
  seen.downloads.push(options.url);
  const tempFilePath = `wxfile://tmp_download_${seen.downloads.length}`;
  const statusCode = downloadStatus;
  void Promise.resolve().then(() => options.success?.({ statusCode, tempFilePath }));
};
globals.wx.openDocument = (
  options: { filePath: string; fileType?: string } & Callbacks<unknown>,
) => {
  seen.documents.push({ filePath: options.filePath, fileType: options.fileType });
  void Promise.resolve().then(() => options.success?.({ errMsg: 'openDocument:ok' }));
};
globals.wx.previewImage = (options: { urls: string[] } & Callbacks<unknown>) => {
  seen.previews.push(options.urls);
  void Promise.resolve().then(() => options.success?.({ errMsg: 'previewImage:ok' }));
};
globals.wx.requestSubscribeMessage = (options: { tmplIds: string[] } & Callbacks<unknown>) => {
  seen.subscribe.push(options.tmplIds);
  const answer = subscribeAnswer;
  void Promise.resolve().then(() => {
    if (typeof answer === 'string') {
      options.success?.({ errMsg: 'requestSubscribeMessage:ok', [options.tmplIds[0]!]: answer });
    } else options.fail?.(answer);
  });
};

describe('会费信息', () => {
  let backend: ConnectedBackend;
  beforeEach(async () => {
    backend = connectBackend({ now: NOW });
    // Local links are tickets of the local server at the portal's address.
    backend.deps.config.portalUrl = 'http://127.0.0.1:8787';
    await seedDuesSettings(backend);
    await loggedInMember(backend);
    installDuesWx();
    Object.values(seen).forEach((list) => (list.length = 0));
    subscribeAnswer = 'accept';
    downloadStatus = 200;
    config.reminderTemplateId = '';
  });
  afterEach(() => {
    config.reminderTemplateId = '';
    backend.close();
  });

  async function openDues() {
    const page = renderPage('dues');
    await backend.settle();
    return page;
  }

  async function tap(page: Rendered, button: string) {
    tapButton(page, button);
    await backend.settle();
  }

  /** A cancelled order, then a confirmed one with an issued PDF receipt, then an open one. */
  async function orderHistory() {
    const cancelled = await createRenewalOrder({
      years: 1,
      invoice: null,
      saveInvoiceInfo: false,
      requestId: 'history-attempt-001',
    });
    await cancelRenewalOrder(cancelled.id);
    backend.clock.advance(HOUR);

    const paid = await createRenewalOrder({
      years: 2,
      invoice: INVOICE,
      saveInvoiceInfo: false,
      requestId: 'history-attempt-002',
    });
    await attachVouchers(paid.id, [await uploadBytes(backend, JPEG_BYTES)]);
    const finance = await financeToken(backend);
    const confirmed = await backend.call(
      'admin.dues.confirm',
      { orderId: paid.id },
      { token: finance },
    );
    expect(confirmed.ok).toBe(true);
    const receipt = await uploadBytes(backend, PDF_BYTES, finance, 'console');
    const issued = await backend.call(
      'admin.dues.issueInvoice',
      { orderId: paid.id, invoiceNo: 'SC2026000123', fileId: receipt },
      { token: finance },
    );
    expect(issued.ok).toBe(true);
    backend.clock.advance(HOUR);

    await createRenewalOrder({
      years: 3,
      invoice: null,
      saveInvoiceInfo: false,
      requestId: 'history-attempt-003',
    });
  }

  it('says so before any renewal', async () => {
    const page = await openDues();

    expect(textOf(page, '.none')).toBe('暂无续费记录');
    expect(textOf(page, '.renew >>> .t-button')).toBe('立即续费');
  });

  it('lists the orders newest first with their states, amounts, periods and timelines', async () => {
    await orderHistory();
    const page = await openDues();

    const status = (index: number) => textOf(page, `.order-${index} .order__status >>> .t-tag`);
    expect([status(0), status(1), status(2)]).toEqual(['待付款', '已确认', '已取消']);
    expect(textOf(page, '.order-0 .order__amount')).toBe('¥900.00');
    expect(textOf(page, '.order-1 .order__amount')).toBe('¥600.00');
    expect(textOf(page, '.order-1 .order__years')).toBe('2年');
    expect(textOf(page, '.order-1 .order__period')).toBe('2028-01-01 至 2029-12-31');
    expect(page.querySelector('.order-0 .order__period')).toBeFalsy();
    expect(textOf(page, '.order-1 .order__invoice')).toBe('已开具');
    expect(textOf(page, '.order-1 .order__invoice-no')).toBe('SC2026000123');
    expect(textOf(page, '.order-2 .order__invoice')).toBe('不需要');

    const labels = page
      .querySelectorAll('.order-1 .timeline__label')
      .map((node) => node.dom?.textContent?.trim());
    expect(labels).toEqual(['提交订单', '上传缴费凭证', '财务确认到账', '开具发票']);
    expect(textOf(page, '.order-1 .timeline__at')).toBe('2026-06-15 13:00');
    // An open order: the button resumes it.
    expect(textOf(page, '.renew >>> .t-button')).toBe('继续办理续费');
  });

  it('downloads an issued PDF receipt through a short-lived link and opens it', async () => {
    await orderHistory();
    const page = await openDues();

    await tap(page, '.order-1 .order__receipt');

    expect(backend.sent).toContain('files.link');
    expect(seen.downloads).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:8787\/api\/files\/[\w-]+$/),
    ]);
    expect(seen.documents).toEqual([{ filePath: 'wxfile://tmp_download_1', fileType: 'pdf' }]);
  });

  it('shows a voucher image in the previewer', async () => {
    await orderHistory();
    const page = await openDues();

    find(page, '.order-1 .order__file').dispatchEvent('tap');
    await backend.settle();

    expect(seen.previews).toEqual([['wxfile://tmp_download_1']]);
    expect(seen.documents).toEqual([]);
  });

  it('says so when the download fails, and opens nothing', async () => {
    await orderHistory();
    const page = await openDues();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    downloadStatus = 404;
    await tap(page, '.order-1 .order__receipt');
    warn.mockRestore();

    expect(wxFake.toasts).toContain('文件下载失败，请稍后重试');
    expect(seen.documents).toEqual([]);
  });

  it('opens 开票信息 and 立即续费', async () => {
    const page = await openDues();

    tapCell(page, '.menu-invoice');
    await backend.settle();
    await tap(page, '.renew');

    expect(wxFake.navigations).toEqual([
      { kind: 'navigateTo', url: '/pages/invoice/index' },
      { kind: 'navigateTo', url: '/pages/renew/index' },
    ]);
  });

  describe('订阅到期提醒', () => {
    const reminder = '.reminder-entry >>> .reminder';

    function configure() {
      config.reminderTemplateId = TEMPLATE_ID;
      backend.deps.config.reminderTemplateId = TEMPLATE_ID;
    }

    it('is hidden while no template is configured', async () => {
      const page = await openDues();

      expect(page.querySelector(`${reminder} >>> .t-cell`)).toBeFalsy();
      expect(backend.sent).not.toContain('dues.reminders.status');
    });

    it('is hidden when the backend sends with no template', async () => {
      config.reminderTemplateId = TEMPLATE_ID;
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      const page = await openDues();
      warn.mockRestore();

      expect(backend.sent).toContain('dues.reminders.status');
      expect(page.querySelector(`${reminder} >>> .t-cell`)).toBeFalsy();
    });

    it('counts one more reminder for each acceptance', async () => {
      configure();
      const page = await openDues();
      expect(textOf(page, `${reminder} >>> .t-cell__note`)).toBe('可接收 0 次');
      expect(textOf(page, `${reminder} >>> .t-cell__description`)).toBe('每次同意可收到一次提醒');

      tapCell(page, '.reminder-entry >>> .reminder');
      await backend.settle();
      tapCell(page, '.reminder-entry >>> .reminder');
      await backend.settle();

      expect(seen.subscribe).toEqual([[TEMPLATE_ID], [TEMPLATE_ID]]);
      expect(textOf(page, `${reminder} >>> .t-cell__note`)).toBe('可接收 2 次');
      expect(wxFake.toasts).toContain('已订阅一次提醒');
    });

    it('records nothing when the member declines', async () => {
      configure();
      subscribeAnswer = 'reject';
      const page = await openDues();

      tapCell(page, '.reminder-entry >>> .reminder');
      await backend.settle();

      expect(backend.sent).not.toContain('dues.reminders.accept');
      expect(textOf(page, `${reminder} >>> .t-cell__note`)).toBe('可接收 0 次');
      expect(wxFake.toasts).toEqual(['未订阅提醒']);
    });

    it('explains a failed request and records nothing', async () => {
      configure();
      subscribeAnswer = { errMsg: 'requestSubscribeMessage:fail switch is off', errCode: 20004 };
      const page = await openDues();
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

      tapCell(page, '.reminder-entry >>> .reminder');
      await backend.settle();
      warn.mockRestore();

      expect(backend.sent).not.toContain('dues.reminders.accept');
      expect(wxFake.toasts).toEqual(['订阅失败，请稍后重试']);
    });
  });
});
