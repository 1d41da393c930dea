import type { InvoiceInfo, InvoiceTitleType } from '../../../typings/actions';
import { zhCN } from '../../locales/zh-CN';
import { getInvoiceInfo, updateInvoiceInfo } from '../../services/invoice';
import { isApiError } from '../../services/api-error';
import { followSessionError } from '../../services/session-flow';
import { errorText } from '../../utils/error-text';
import {
  invoiceFieldOf,
  invoiceInputsFor,
  missingForCompany,
  toInvoiceForm,
  toInvoiceInfo,
  toInvoiceRows,
  type InvoiceRow,
  type InvoiceTextField,
} from '../../utils/invoice-form';

type FieldEvent = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { field: InvoiceTextField }
>;
type RadioEvent = WechatMiniprogram.CustomEvent<{ value: string }>;

const t = zhCN.invoice;

/**
 * 开票信息 (会员中心 → 开票信息): what renewals prefill, and 编辑 → 个人 or 单位 → 提交. The
 * update replaces the whole record, as the portal's does, so both show the same data.
 */
Component({
  data: {
    t,
    common: zhCN.common,
    loading: true,
    loadError: '',
    editing: false,
    submitting: false,
    error: '',
    errorField: '' as InvoiceTextField | '',
    info: null as InvoiceInfo | null,
    rows: [] as InvoiceRow[],
    form: toInvoiceForm(null),
    fields: invoiceInputsFor('个人'),
  },

  lifetimes: {
    attached() {
      void this.load();
    },
  },

  methods: {
    async load() {
      this.setData({ loading: true, loadError: '' });
      try {
        this.show(await getInvoiceInfo());
        this.setData({ loading: false });
      } catch (error) {
        if (followSessionError(error)) return;
        this.setData({ loading: false, loadError: errorText(error) });
      }
    },

    show(info: InvoiceInfo | null) {
      this.setData({ info, rows: info ? toInvoiceRows(info) : [] });
    },

    onEdit() {
      const form = toInvoiceForm(this.data.info);
      this.setData({ editing: true, form, fields: invoiceInputsFor(form.titleType), ...noError() });
    },

    onCancel() {
      this.setData({ editing: false, ...noError() });
    },

    onTitleTypeChange(event: RadioEvent) {
      const titleType: InvoiceTitleType = event.detail.value === '单位' ? '单位' : '个人';
      this.setData({
        'form.titleType': titleType,
        fields: invoiceInputsFor(titleType),
        ...noError(),
      });
    },

    onFieldInput(event: FieldEvent) {
      const { field } = event.currentTarget.dataset;
      this.setData({ [`form.${field}`]: event.detail.value, ...noError() });
    },

    async onSubmit() {
      const { form, submitting } = this.data;
      if (submitting) return;
      const missing = missingForCompany(form);
      if (missing) {
        this.setData({ errorField: missing.field, error: missing.message });
        return;
      }

      this.setData({ submitting: true, ...noError() });
      try {
        this.show(await updateInvoiceInfo(toInvoiceInfo(form)));
        this.setData({ editing: false });
        wx.showToast({ title: t.saved, icon: 'success' });
      } catch (error) {
        if (followSessionError(error)) return;
        // The form stays as typed; the message shows on the field it names.
        const field = isApiError(error) ? invoiceFieldOf(error.field) : null;
        this.setData({ error: errorText(error), errorField: field ?? '' });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});

function noError() {
  return { error: '', errorField: '' as const };
}
