import type { DuesOrder, DuesOrderStatus, DuesQuote, InvoiceInfo } from '../../typings/actions';
import { config } from '../config';
import { callAction } from './transport';

/** The states in which an order is still the member's one open order (one per member). */
export const OPEN_ORDER_STATUSES: readonly DuesOrderStatus[] = [
  'awaitingPayment',
  'awaitingReview',
  'rejected',
];

/** The most a voucher set may hold (dues.attachVoucher takes 1-5 file ids). */
export const MAX_VOUCHERS = 5;

/**
 * What renewing for `years` (without: the shortest option) costs and gives; the period is
 * fixed only at confirmation.
 */
export function quoteRenewal(years?: number): Promise<DuesQuote> {
  return callAction('dues.quote', years === undefined ? {} : { years });
}

export interface RenewalRequest {
  years: number;
  /** Null when no invoice is wanted. */
  invoice: InvoiceInfo | null;
  saveInvoiceInfo: boolean;
  /** One per attempt: a repeat with the same id answers the same order. */
  requestId: string;
}

/** 立即续费: creates the order (or answers the one this requestId already created). */
export function createRenewalOrder(request: RenewalRequest): Promise<DuesOrder> {
  return callAction('dues.createOrder', request);
}

/** Attaches the uploaded vouchers (replacing earlier ones): the order goes to finance. */
export function attachVouchers(orderId: string, fileIds: string[]): Promise<DuesOrder> {
  return callAction('dues.attachVoucher', { orderId, fileIds });
}

export function cancelRenewalOrder(orderId: string): Promise<DuesOrder> {
  return callAction('dues.cancelOrder', { orderId });
}

/** The member's orders, newest first. */
export async function listDuesOrders(): Promise<DuesOrder[]> {
  return (await callAction('dues.orders', {})).items;
}

/** The member's open order, if any: renewing resumes it instead of starting another. */
export function openOrderOf(orders: DuesOrder[]): DuesOrder | null {
  return orders.find((order) => OPEN_ORDER_STATUSES.includes(order.status)) ?? null;
}

/**
 * A short-lived address of one of the member's files (voucher or receipt). The local server
 * may answer a path of its own; it is made absolute so wx.downloadFile can fetch it.
 */
export async function fileLink(fileId: string): Promise<string> {
  const { url } = await callAction('files.link', { fileId });
  return url.startsWith('/') ? `${config.localBaseUrl}${url}` : url;
}

/** How many reminders the member's acceptances still allow, and the backend's template. */
export function reminderStatus(): Promise<{ credits: number; templateId: string | null }> {
  return callAction('dues.reminders.status', {});
}

/** Records one acceptance of the reminder template; answers the credits now left. */
export async function acceptReminder(templateId: string): Promise<number> {
  return (await callAction('dues.reminders.accept', { templateId })).credits;
}
