import type { DuesOrder, DuesQuote, InvoiceTitleType } from '../../../typings/actions';
import { fill, zhCN } from '../../locales/zh-CN';
import { isApiError } from '../../services/api-error';
import {
  attachVouchers,
  cancelRenewalOrder,
  createRenewalOrder,
  listDuesOrders,
  MAX_VOUCHERS,
  openOrderOf,
  quoteRenewal,
} from '../../services/dues';
import { getInvoiceInfo } from '../../services/invoice';
import { openPage } from '../../services/navigation';
import { randomHex } from '../../services/random';
import { followSessionError } from '../../services/session-flow';
import { uploadFile } from '../../services/upload';
import { askFileSource, chooseFiles, type ChosenFile } from '../../services/file-choice';
import { toOrderView, type OrderView } from '../../utils/dues-view';
import { errorText } from '../../utils/error-text';
import { rowPatch } from '../../utils/rows';
import {
  invoiceFieldOf,
  invoiceInputsFor,
  missingForCompany,
  toInvoiceForm,
  toInvoiceInfo,
  type InvoiceTextField,
} from '../../utils/invoice-form';
import { payRowsOf, toQuoteView, type PayRow, type QuoteView } from '../../utils/renew-view';

type FieldEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { field: InvoiceTextField }
>;
type ValueEvent<T> = WechatMiniprogram.CustomEvent<{ value: T }>;
type KeyEvent = WechatMiniprogram.CustomEvent<
  Record<string, never>,
  Record<string, never>,
  { key: string }
>;

const t = zhCN.renew;

/** 16 random bytes: the requestId of one 立即续费 attempt (the backend takes 8-64 characters). */
const REQUEST_ID_BYTES = 16;

type VoucherState = 'uploading' | 'done' | 'failed';

/** One chosen voucher: uploading with its percentage, uploaded (a file id), or failed. */
interface VoucherRow {
  key: string;
  name: string;
  percent: number;
  state: VoucherState;
  stateText: string;
  fileId: string;
}

function stateTextOf(state: VoucherState, percent: number): string {
  if (state === 'uploading') return `${t.uploading} ${percent}%`;
  return state === 'done' ? t.uploaded : t.uploadFailed;
}

/** Answers of older quotes are dropped when the member has already chosen other years. */
let quoteSequence = 0;
/** Tells voucher rows apart; a row removed while uploading ignores its upload's result. */
let voucherSequence = 0;

/**
 * 立即续费: 续费年限 → 公账支付 → 是否需要发票 → 开票信息 → 立即续费 (the order) → 上传缴费凭证 →
 * 已提交，等待财务确认. An open order (awaiting payment or review, or rejected) is resumed, never
 * doubled: the backend allows one per member.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    invoiceText: zhCN.invoice,
    maxVouchers: MAX_VOUCHERS,
    voucherHint: fill(t.voucherHint, { max: MAX_VOUCHERS }),
    loading: true,
    loadError: '',
    quote: null as QuoteView | null,
    payRows: [] as PayRow[],
    yearOptions: [] as number[],
    quoting: false,
    wantInvoice: false,
    saveInvoice: false,
    form: toInvoiceForm(null),
    fields: invoiceInputsFor('个人'),
    error: '',
    errorField: '' as InvoiceTextField | '',
    submitting: false,
    /** The current attempt's id: kept across a failed try, so a retry cannot make a second order. */
    requestId: '',
    order: null as OrderView | null,
    canUpload: false,
    vouchers: [] as VoucherRow[],
    voucherError: '',
    attaching: false,
    cancelling: false,
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    async load() {
      this.setData({ loading: true, loadError: '', error: '', voucherError: '' });
      try {
        const open = openOrderOf(await listDuesOrders());
        if (open) {
          this.showOrder(open);
        } else {
          const [quote, invoiceInfo] = await Promise.all([
            // Without years: the shortest option, and with it the options themselves.
            quoteRenewal(),
            getInvoiceInfo(),
          ]);
          const form = toInvoiceForm(invoiceInfo);
          this.setData({ order: null, form, fields: invoiceInputsFor(form.titleType) });
          this.showQuote(quote);
        }
        this.setData({ loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        // NOT_CONFIGURED (no fee for the member type) says whom to ask; it shows here as well.
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    showQuote(quote: DuesQuote) {
      this.setData({
        quote: toQuoteView(quote),
        yearOptions: quote.yearOptions,
        payRows: payRowsOf(quote.bank, quote.amount, null),
      });
    },

    showOrder(order: DuesOrder) {
      const canUpload = order.status === 'awaitingPayment' || order.status === 'rejected';
      this.setData({
        order: toOrderView(order),
        payRows: payRowsOf(order.bank, order.amount, order.remittanceNote),
        canUpload,
        vouchers: [],
        voucherError: '',
      });
    },

    /** 续费年限 changed: a new quote, and a new attempt (the request differs). */
    async onYearsChange(event: ValueEvent<string>) {
      const years = this.data.yearOptions[Number(event.detail.value)];
      if (years === undefined || years === this.data.quote?.years) return;

      const sequence = ++quoteSequence;
      this.setData({ quoting: true, requestId: '', error: '' });
      try {
        const quote = await quoteRenewal(years);
        if (sequence === quoteSequence) this.showQuote(quote);
      } catch (error) {
        if (!followSessionError(error)) this.setData({ error: errorText(error) });
      } finally {
        if (sequence === quoteSequence) this.setData({ quoting: false });
      }
    },

    /** 复制: the value of the row tapped; WeChat itself confirms with 内容已复制. */
    onCopy(event: KeyEvent) {
      const row = this.data.payRows.find((item) => item.key === event.currentTarget.dataset.key);
      if (!row?.copy) return;
      wx.setClipboardData({
        data: row.copy,
        fail: (error) => console.warn('setClipboardData failed', { errMsg: error.errMsg }),
      });
    },

    onInvoiceToggle(event: ValueEvent<boolean>) {
      this.setData({ wantInvoice: Boolean(event.detail.value), requestId: '', ...noError() });
    },

    onSaveInvoiceChange(event: ValueEvent<string[]>) {
      this.setData({ saveInvoice: event.detail.value.includes('save'), requestId: '' });
    },

    onTitleTypeChange(event: ValueEvent<string>) {
      const titleType: InvoiceTitleType = event.detail.value === '单位' ? '单位' : '个人';
      this.setData({
        'form.titleType': titleType,
        fields: invoiceInputsFor(titleType),
        requestId: '',
        ...noError(),
      });
    },

    onFieldInput(event: FieldEvent) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`form.${field}`]: event.detail.value, requestId: '', ...noError() });
    },

    /** 立即续费: a double tap or a retry after a lost answer reuses the attempt's requestId. */
    async onSubmit() {
      const { quote, form, wantInvoice, saveInvoice, submitting, quoting } = this.data;
      if (submitting || quoting || !quote) return;
      const missing = wantInvoice ? missingForCompany(form) : null;
      if (missing) {
        this.setData({ errorField: missing.field, error: missing.message });
        return;
      }

      this.setData({ submitting: true, ...noError() });
      try {
        const requestId = this.data.requestId || (await randomHex(REQUEST_ID_BYTES));
        this.setData({ requestId });
        const order = await createRenewalOrder({
          years: quote.years,
          invoice: wantInvoice ? toInvoiceInfo(form) : null,
          saveInvoiceInfo: wantInvoice && saveInvoice,
          requestId,
        });
        this.setData({ requestId: '' });
        this.showOrder(order);
      } catch (error) {
        if (followSessionError(error)) return;
        if (isApiError(error, 'CONFLICT')) {
          // An order is already open (made on the portal, say): that one is resumed.
          await this.load();
          wx.showModal({ content: errorText(error), showCancel: false });
          return;
        }
        const field = isApiError(error) ? invoiceFieldOf(error.field) : null;
        this.setData({ error: errorText(error), errorField: field ?? '' });
      } finally {
        this.setData({ submitting: false });
      }
    },

    /** 添加凭证: the action sheet, the picker, then each file uploads with its own bar. */
    async onAddVoucher() {
      const { canUpload, attaching, vouchers } = this.data;
      if (!canUpload || attaching) return;
      const room = MAX_VOUCHERS - vouchers.length;
      if (room <= 0) {
        this.setData({ voucherError: fill(t.tooManyVouchers, { max: MAX_VOUCHERS }) });
        return;
      }

      const source = await askFileSource();
      if (!source) return;
      const choice = await chooseFiles(source, room);
      if (choice.kind === 'cancelled') return;
      if (choice.kind === 'refused') {
        this.setData({ voucherError: choice.message });
        return;
      }
      this.setData({ voucherError: '' });
      choice.files.slice(0, room).forEach((file) => this.startUpload(file));
    },

    startUpload(file: ChosenFile) {
      const key = `v${++voucherSequence}`;
      const row: VoucherRow = {
        key,
        name: file.name,
        percent: 0,
        state: 'uploading',
        stateText: stateTextOf('uploading', 0),
        fileId: '',
      };
      this.setData({ vouchers: [...this.data.vouchers, row] });

      uploadFile(file.filePath, (percent) => {
        const current = this.data.vouchers.find((voucher) => voucher.key === key);
        // Only whole-percent changes reach the view: setData is not free.
        const whole = Math.min(100, Math.max(0, Math.round(percent)));
        if (current?.state === 'uploading' && whole !== current.percent) {
          this.updateVoucher(key, { percent: whole, stateText: stateTextOf('uploading', whole) });
        }
      }).then(
        (fileId) => {
          this.updateVoucher(key, {
            fileId,
            percent: 100,
            state: 'done',
            stateText: stateTextOf('done', 100),
          });
        },
        (error: unknown) => {
          if (followSessionError(error)) return;
          this.updateVoucher(key, { state: 'failed', stateText: stateTextOf('failed', 0) });
          this.setData({ voucherError: errorText(error) });
        },
      );
    },

    updateVoucher(key: string, change: Partial<VoucherRow>) {
      const patch = rowPatch(this.data.vouchers, 'vouchers', key, change);
      if (patch) this.setData(patch);
    },

    onRemoveVoucher(event: KeyEvent) {
      const { key } = event.currentTarget.dataset;
      this.setData({
        vouchers: this.data.vouchers.filter((voucher) => voucher.key !== key),
        voucherError: '',
      });
    },

    /** 提交凭证: the uploaded files go to finance; the order waits for their decision. */
    async onSubmitVouchers() {
      const { order, vouchers, attaching } = this.data;
      if (!order || attaching) return;
      if (vouchers.some((voucher) => voucher.state === 'uploading')) {
        this.setData({ voucherError: t.stillUploading });
        return;
      }
      const fileIds = vouchers.filter((voucher) => voucher.state === 'done').map((v) => v.fileId);
      if (fileIds.length === 0) {
        this.setData({ voucherError: t.voucherMissing });
        return;
      }

      this.setData({ attaching: true, voucherError: '' });
      try {
        this.showOrder(await attachVouchers(order.id, fileIds));
        wx.showToast({ title: t.submitted, icon: 'none' });
      } catch (error) {
        if (followSessionError(error)) return;
        if (isApiError(error, 'CONFLICT')) {
          // Finance or another phone moved the order on: show where it stands now.
          await this.load();
          wx.showModal({ content: errorText(error), showCancel: false });
          return;
        }
        this.setData({ voucherError: errorText(error) });
      } finally {
        this.setData({ attaching: false });
      }
    },

    /** 取消订单, after a confirmation: a transfer already made must not be withdrawn by mistake. */
    onCancelOrder() {
      const { order, cancelling } = this.data;
      if (!order || cancelling) return;
      wx.showModal({
        title: t.cancelTitle,
        content: t.cancelConfirm,
        success: ({ confirm }) => {
          if (confirm) void this.cancelOrder(order.id);
        },
      });
    },

    async cancelOrder(orderId: string) {
      this.setData({ cancelling: true, voucherError: '' });
      try {
        await cancelRenewalOrder(orderId);
        wx.showToast({ title: t.cancelled, icon: 'none' });
        await this.load();
      } catch (error) {
        if (followSessionError(error)) return;
        if (isApiError(error, 'CONFLICT')) await this.load();
        this.setData({ voucherError: errorText(error) });
      } finally {
        this.setData({ cancelling: false });
      }
    },

    onViewDues() {
      openPage('dues');
    },
  },
});

function noError() {
  return { error: '', errorField: '' as const };
}
