import type { InvoiceInfo } from '../../../typings';

/** The optional 开票信息 fields, in the order the page lists them. */
export const INVOICE_TEXT_FIELDS = [
  'title',
  'taxNumber',
  'address',
  'phone',
  'bank',
  'bankAccount',
  'email',
] as const;

type InvoiceTextField = (typeof INVOICE_TEXT_FIELDS)[number];

/** The edit form's state: '' for a field left empty. */
export type InvoiceDraft = Record<InvoiceTextField, string> & Pick<InvoiceInfo, 'titleType'>;

export function invoiceDraftOf(info: InvoiceInfo | null): InvoiceDraft {
  const text = Object.fromEntries(INVOICE_TEXT_FIELDS.map((key) => [key, info?.[key] ?? '']));
  return { ...(text as Record<InvoiceTextField, string>), titleType: info?.titleType ?? '个人' };
}

/** The whole 开票信息, as the update replaces it: an empty field is sent as null (cleared). */
export function invoiceOf(draft: InvoiceDraft): InvoiceInfo {
  const text = Object.fromEntries(
    INVOICE_TEXT_FIELDS.map((key) => [key, draft[key].trim() || null]),
  );
  return { ...(text as Record<InvoiceTextField, string | null>), titleType: draft.titleType };
}
