import type { DuesFile, DuesOrder, DuesOrderStatus, Instant } from '../../typings/actions';
import { fill, zhCN } from '../locales/zh-CN';
import { formatFen } from './money';

type TagTheme = 'primary' | 'success' | 'warning' | 'danger' | 'default';

/** tdesign tag themes for each order state: what the member has to do shows warm. */
const STATUS_THEME: Record<DuesOrderStatus, TagTheme> = {
  awaitingPayment: 'warning',
  awaitingReview: 'primary',
  rejected: 'danger',
  confirmed: 'success',
  cancelled: 'default',
};

/** Beijing is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface TimelineRow {
  key: string;
  at: string;
  label: string;
  note: string;
}

export interface FileRow {
  fileId: string;
  name: string;
  isPdf: boolean;
}

/** One order as the templates show it. */
export interface OrderView {
  id: string;
  orderNo: string;
  status: DuesOrderStatus;
  statusLabel: string;
  statusTheme: TagTheme;
  years: string;
  amount: string;
  remittanceNote: string;
  bank: DuesOrder['bank'];
  /** The period the payment bought; '' before confirmation. */
  period: string;
  rejectionReason: string;
  createdAt: string;
  invoiceState: string;
  invoiceNo: string;
  receipt: FileRow | null;
  vouchers: FileRow[];
  timeline: TimelineRow[];
}

/** An instant as Beijing time, `2026-06-15 12:00`, whatever the phone's time zone. */
export function shanghaiTime(at: Instant): string {
  const shifted = new Date(Date.parse(at) + SHANGHAI_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}

/** `2028-01-01 至 2029-12-31`, or '' when either end is missing. */
export function periodText(from: string | null, until: string | null): string {
  return from && until ? fill(zhCN.dues.period, { from, until }) : '';
}

export function toFileRow(file: DuesFile): FileRow {
  return { fileId: file.fileId, name: file.name, isPdf: file.contentType === 'application/pdf' };
}

export function toOrderView(order: DuesOrder): OrderView {
  const t = zhCN.dues;
  const invoice = order.invoice;
  return {
    id: order.id,
    orderNo: order.orderNo,
    status: order.status,
    statusLabel: t.statuses[order.status],
    statusTheme: STATUS_THEME[order.status],
    years: fill(t.yearsOf, { years: order.years }),
    amount: formatFen(order.amount),
    remittanceNote: order.remittanceNote,
    bank: order.bank,
    period: periodText(order.periodFrom, order.periodUntil),
    rejectionReason: order.rejectionReason ?? '',
    createdAt: shanghaiTime(order.createdAt),
    invoiceState: invoice ? t.invoiceStates[invoice.status] : t.invoiceStates.none,
    invoiceNo: invoice?.invoiceNo ?? '',
    receipt: invoice?.file ? toFileRow(invoice.file) : null,
    vouchers: order.vouchers.map(toFileRow),
    // Oldest first, as a timeline reads.
    timeline: order.timeline.map((event, index) => ({
      key: `${index}`,
      at: shanghaiTime(event.at),
      label: t.events[event.kind],
      note: event.note ?? '',
    })),
  };
}
