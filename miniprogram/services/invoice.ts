import type { InvoiceInfo } from '../../typings/actions';
import { callAction } from './transport';

/** The member's 开票信息, or null before they first fill it in. */
export async function getInvoiceInfo(): Promise<InvoiceInfo | null> {
  return (await callAction('member.invoiceInfo.get', {})).invoiceInfo;
}

/** Replaces the whole 开票信息 (a field sent as null is cleared); answers it as stored. */
export async function updateInvoiceInfo(info: InvoiceInfo): Promise<InvoiceInfo> {
  return (await callAction('member.invoiceInfo.update', info)).invoiceInfo;
}
