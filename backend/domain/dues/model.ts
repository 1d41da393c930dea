import type { AdminDuesOrder, DuesOrder, DuesOrderEvent, DuesOrderStatus } from '../../../typings';
import type { Doc } from '../../ports/store';
import type { MemberDoc } from '../members/model';
import { maskPhone } from '../../core/mask';

/** A renewal order as stored: the contract's order and what the store's guards need. */
export interface DuesOrderDoc extends Doc, Omit<DuesOrder, 'id'> {
  memberId: string;
  /** `memberId:requestId`, unique: a repeated 立即续费 finds its order instead of a second. */
  requestKey: string;
  /** `open:<memberId>` while open, `closed:<orderId>` after; unique (schema/collections.ts). */
  openKey: string;
  /** The member's name and number when ordered, for the finance queue's search only. */
  searchName: string;
  searchMemberNo: string | null;
  /** Counts the writes: every state change is guarded on the version it read. */
  version: number;
}

/** The states in which a member still has the order in hand (one at a time). */
export const OPEN_STATUSES: readonly DuesOrderStatus[] = [
  'awaitingPayment',
  'awaitingReview',
  'rejected',
];

export const openKeyOf = (memberId: string) => `open:${memberId}`;
export const closedKeyOf = (orderId: string) => `closed:${orderId}`;

/** The same answer for a missing order and another member's: ids reveal nothing. */
export const ORDER_NOT_FOUND = '未找到该续费订单';

/** Why an order in `status` cannot take the step asked for, in the member's words. */
export const STATUS_REFUSALS: Record<DuesOrderStatus, string> = {
  awaitingPayment: '该订单尚未上传缴费凭证',
  awaitingReview: '该订单的缴费凭证正在审核中',
  rejected: '该订单的缴费凭证未通过审核，请重新上传',
  confirmed: '该订单已确认缴费',
  cancelled: '该订单已取消',
};

/** The order as the member sees it: nothing of the store's bookkeeping. */
export function toDuesOrder(doc: DuesOrderDoc): DuesOrder {
  return {
    id: doc._id,
    orderNo: doc.orderNo,
    status: doc.status,
    years: doc.years,
    feePerYear: doc.feePerYear,
    amount: doc.amount,
    remittanceNote: doc.remittanceNote,
    bank: doc.bank,
    invoice: doc.invoice,
    vouchers: doc.vouchers,
    rejectionReason: doc.rejectionReason,
    periodFrom: doc.periodFrom,
    periodUntil: doc.periodUntil,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    timeline: doc.timeline,
  };
}

/** The finance queue's row: the member as they are now (phone masked), or as ordered. */
export function toAdminOrder(doc: DuesOrderDoc, member: MemberDoc | null): AdminDuesOrder {
  return {
    ...toDuesOrder(doc),
    memberId: doc.memberId,
    memberName: member?.name ?? doc.searchName,
    memberNo: member ? member.memberNo : doc.searchMemberNo,
    phoneMasked: member ? maskPhone(member.phone) : '',
    memberType: member?.memberType ?? null,
  };
}

export function event(
  kind: DuesOrderEvent['kind'],
  by: DuesOrderEvent['by'],
  at: Date,
  note: string | null = null,
): DuesOrderEvent {
  return { at: at.toISOString(), kind, by, note };
}

/**
 * A stamp later than the one read even when the clock stands still (a fixed clock in tests,
 * two writes in one millisecond), so that a guard on it sees every write.
 */
export function nextStamp(previous: string, now: Date): string {
  const after = Date.parse(previous) + 1;
  return new Date(
    Number.isNaN(after) ? now.getTime() : Math.max(now.getTime(), after),
  ).toISOString();
}
