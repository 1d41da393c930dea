import type { InvoiceInfo, InvoiceTitleType } from '../../typings/actions';
import { zhCN } from '../locales/zh-CN';

/** The 开票信息 text fields, in the order of the form. */
export const INVOICE_TEXT_FIELDS = [
  'title',
  'taxNumber',
  'address',
  'phone',
  'bank',
  'bankAccount',
  'email',
] as const;

export type InvoiceTextField = (typeof INVOICE_TEXT_FIELDS)[number];

/** Caps in characters, the backend's own (invoice.ts); a credit code has 18. */
export const INVOICE_MAX_LENGTH: Record<InvoiceTextField, number> = {
  title: 100,
  taxNumber: 18,
  address: 200,
  phone: 32,
  bank: 100,
  bankAccount: 40,
  email: 100,
};

/** The form's values: '' for a field left empty, as t-input holds it. */
export type InvoiceForm = Record<InvoiceTextField, string> & { titleType: InvoiceTitleType };

export interface InvoiceRow {
  key: InvoiceTextField;
  label: string;
  value: string;
}

const t = zhCN.invoice;

export function toInvoiceForm(info: InvoiceInfo | null): InvoiceForm {
  const text = INVOICE_TEXT_FIELDS.map((key) => [key, info?.[key] ?? '']);
  return {
    ...(Object.fromEntries(text) as Record<InvoiceTextField, string>),
    titleType: info?.titleType ?? '个人',
  };
}

export function toInvoiceRows(info: InvoiceInfo): InvoiceRow[] {
  return INVOICE_TEXT_FIELDS.map((key) => ({
    key,
    label: t.fields[key],
    value: info[key] ?? t.empty,
  }));
}

/** One input of the form; 抬头 and credit code are required for 单位 only. */
export interface InvoiceInput {
  key: InvoiceTextField;
  label: string;
  maxLength: number;
  required: boolean;
}

/** The inputs of the 开票信息 form for `titleType`, in order (开票信息 and 立即续费 share it). */
export function invoiceInputsFor(titleType: InvoiceTitleType): InvoiceInput[] {
  return INVOICE_TEXT_FIELDS.map((key) => ({
    key,
    label: t.fields[key],
    maxLength: INVOICE_MAX_LENGTH[key],
    required: titleType === '单位' && (key === 'title' || key === 'taxNumber'),
  }));
}

/** The whole 开票信息 as the update replaces it: trimmed, an empty field sent as null. */
export function toInvoiceInfo(form: InvoiceForm): InvoiceInfo {
  const text = INVOICE_TEXT_FIELDS.map((key) => [key, form[key].trim() || null]);
  const info = Object.fromEntries(text) as Record<InvoiceTextField, string | null>;
  return { ...info, titleType: form.titleType, taxNumber: info.taxNumber?.toUpperCase() ?? null };
}

/**
 * What a 单位 invoice lacks, checked before any call; the credit code's check digit is the
 * backend's to check (its message then shows on the field).
 */
export function missingForCompany(
  form: InvoiceForm,
): { field: InvoiceTextField; message: string } | null {
  if (form.titleType !== '单位') return null;
  if (form.title.trim() === '') return { field: 'title', message: t.titleRequired };
  if (form.taxNumber.trim() === '') return { field: 'taxNumber', message: t.taxNumberRequired };
  return null;
}

/** The form field that shows a backend message about request field `field`, or null. */
export function invoiceFieldOf(field: string | null): InvoiceTextField | null {
  const known: readonly string[] = INVOICE_TEXT_FIELDS;
  return field !== null && known.includes(field) ? (field as InvoiceTextField) : null;
}
