import { randomInt, randomUUID } from 'node:crypto';
import type { ActionRequest, DuesOrder, InvoiceInfo } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { calendarDate } from '../../core/dates';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { toInvoiceInfo } from '../members/invoice';
import { loadOwnMember } from '../members/member-writes';
import type { MemberDoc } from '../members/model';
import {
  closedKeyOf,
  event,
  nextStamp,
  openKeyOf,
  ORDER_NOT_FOUND,
  STATUS_REFUSALS,
  toDuesOrder,
  type DuesOrderDoc,
} from './model';
import { assertYearOption, feeFor } from './quote';
import { readDuesSettings } from './settings';

type CreateInput = ActionRequest<'dues.createOrder'>;

export const OPEN_ORDER_EXISTS = '您已有一笔未完成的续费订单，请先完成或取消';
/** Order numbers of one day are 4 random digits: a clash is rare, a few retries settle it. */
const ORDER_NO_ATTEMPTS = 5;

/** The member's own order; another member's is as missing as one that never existed. */
export async function loadOwnOrder(
  ctx: ActionContext<MemberPrincipal>,
  orderId: string,
): Promise<DuesOrderDoc> {
  const order = await ctx.deps.store.get<DuesOrderDoc>(COLLECTIONS.duesOrders, orderId);
  if (!order || order.memberId !== ctx.principal.memberId) {
    throw new AppError('NOT_FOUND', ORDER_NOT_FOUND);
  }
  return order;
}

/** 'HF' + YYMMDD of the Shanghai day + 4 random digits, e.g. HF2612040815. */
function newOrderNo(now: Date): string {
  const day = calendarDate(now).slice(2).replaceAll('-', '');
  return `HF${day}${String(randomInt(10_000)).padStart(4, '0')}`;
}

async function findByRequest(ctx: ActionContext<MemberPrincipal>, requestKey: string) {
  const [found] = await ctx.deps.store.find<DuesOrderDoc>(COLLECTIONS.duesOrders, {
    where: { requestKey },
  });
  return found ?? null;
}

async function hasOpenOrder(ctx: ActionContext<MemberPrincipal>): Promise<boolean> {
  const open = openKeyOf(ctx.principal.memberId);
  return (await ctx.deps.store.count(COLLECTIONS.duesOrders, { where: { openKey: open } })) > 0;
}

/**
 * 立即续费. A repeat of the same `requestId` answers the order the first one made, even when
 * both arrive at once: the unique `requestKey` lets one insert win, the other finds it. A
 * different request while an order is open is refused (the member finishes or cancels the
 * open one first; answering it instead would hide that their new choice was not taken).
 */
export async function createOrder(
  ctx: ActionContext<MemberPrincipal>,
  input: CreateInput,
): Promise<DuesOrder> {
  const requestKey = `${ctx.principal.memberId}:${input.requestId}`;
  const repeat = await findByRequest(ctx, requestKey);
  if (repeat) return sameRequest(repeat, input);

  const [member, settings] = await Promise.all([loadOwnMember(ctx), readDuesSettings(ctx.deps)]);
  assertYearOption(settings, input.years);
  const feePerYear = feeFor(settings, member);
  const invoiceInfo = input.invoice ? withTitle(toInvoiceInfo(input.invoice), member) : null;
  if (await hasOpenOrder(ctx)) throw new AppError('CONFLICT', OPEN_ORDER_EXISTS);

  for (let attempt = 1; ; attempt += 1) {
    const order = draftOrder(ctx, member, { ...input, invoice: invoiceInfo }, feePerYear, {
      requestKey,
      bank: settings.bank,
    });
    try {
      await ctx.deps.store.batch(orderWrites(ctx, member, order, input.saveInvoiceInfo === true));
      return toDuesOrder(order);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      // Which guard stopped it: the same request won elsewhere, another order is open, the
      // member's record changed, or (rarely) the order number was taken.
      const winner = await findByRequest(ctx, requestKey);
      if (winner) return sameRequest(winner, input);
      if (await hasOpenOrder(ctx)) throw new AppError('CONFLICT', OPEN_ORDER_EXISTS);
      if (error.collection === COLLECTIONS.members) {
        throw new AppError('CONFLICT', '资料刚被其他操作修改，请刷新后重新提交');
      }
      if (attempt >= ORDER_NO_ATTEMPTS) throw error;
    }
  }
}

/** An invoice is made out to someone: a 个人 invoice without a title is the member's own. */
function withTitle(info: InvoiceInfo, member: MemberDoc): InvoiceInfo {
  return info.title ? info : { ...info, title: member.name };
}

/**
 * The order an earlier submit with this `requestId` made. A repeat must ask for the same
 * thing: a reused id with other years or another invoice choice is a client's mistake, and
 * answering the old order would let the member believe the new choice was taken.
 */
function sameRequest(order: DuesOrderDoc, input: CreateInput): DuesOrder {
  if (order.years !== input.years || (order.invoice === null) !== (input.invoice === null)) {
    throw new AppError('CONFLICT', '该提交编号已用于另一笔不同的订单，请刷新页面后重新提交');
  }
  return toDuesOrder(order);
}

function draftOrder(
  ctx: ActionContext<MemberPrincipal>,
  member: MemberDoc,
  input: { years: number; invoice: InvoiceInfo | null },
  feePerYear: number,
  extra: { requestKey: string; bank: DuesOrderDoc['bank'] },
): DuesOrderDoc {
  const at = ctx.now.toISOString();
  const orderNo = newOrderNo(ctx.now);
  return {
    _id: randomUUID(),
    memberId: member._id,
    requestKey: extra.requestKey,
    openKey: openKeyOf(member._id),
    searchName: member.name,
    searchMemberNo: member.memberNo,
    version: 1,
    orderNo,
    status: 'awaitingPayment',
    years: input.years,
    feePerYear,
    amount: feePerYear * input.years,
    remittanceNote: `${orderNo} ${member.name}`,
    bank: extra.bank,
    invoice: input.invoice
      ? { info: input.invoice, status: 'pending', invoiceNo: null, file: null, issuedAt: null }
      : null,
    vouchers: [],
    rejectionReason: null,
    periodFrom: null,
    periodUntil: null,
    createdAt: at,
    updatedAt: at,
    timeline: [event('created', 'member', ctx.now)],
  };
}

/** The order, its audit entry, and with `saveInvoice` the member's 开票信息: all or nothing. */
function orderWrites(
  ctx: ActionContext<MemberPrincipal>,
  member: MemberDoc,
  order: DuesOrderDoc,
  saveInvoice: boolean,
): Write[] {
  const writes: Write[] = [{ op: 'insert', collection: COLLECTIONS.duesOrders, doc: order }];
  const fields = ['order'];
  if (saveInvoice && order.invoice) {
    writes.push({
      op: 'update',
      collection: COLLECTIONS.members,
      id: member._id,
      patch: {
        set: { invoice: order.invoice.info, updatedAt: nextStamp(member.updatedAt, ctx.now) },
      },
      expect: { updatedAt: member.updatedAt },
    });
    fields.push('member.invoice');
  }
  writes.push(
    auditWrite(ctx.principal, ctx.now, 'dues.createOrder', order._id, {
      fields,
      summary: { orderNo: order.orderNo, years: order.years, amount: order.amount },
    }),
  );
  return writes;
}

/** Withdraws an order the member has not yet had confirmed: awaiting payment or rejected. */
export async function cancelOrder(
  ctx: ActionContext<MemberPrincipal>,
  orderId: string,
): Promise<DuesOrder> {
  const order = await loadOwnOrder(ctx, orderId);
  if (order.status !== 'awaitingPayment' && order.status !== 'rejected') {
    throw new AppError('CONFLICT', `${STATUS_REFUSALS[order.status]}，不能取消`);
  }
  const changes = {
    status: 'cancelled' as const,
    openKey: closedKeyOf(order._id),
    updatedAt: nextStamp(order.updatedAt, ctx.now),
    timeline: [...order.timeline, event('cancelled', 'member', ctx.now)],
  };
  try {
    await ctx.deps.store.batch([
      {
        op: 'update',
        collection: COLLECTIONS.duesOrders,
        id: order._id,
        patch: { set: changes, inc: { version: 1 } },
        expect: { version: order.version },
      },
      auditWrite(ctx.principal, ctx.now, 'dues.cancelOrder', order._id, {
        fields: ['status'],
        summary: { orderNo: order.orderNo },
      }),
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) {
      throw new AppError('CONFLICT', '订单状态刚刚发生变化，请刷新后重试');
    }
    throw error;
  }
  return toDuesOrder({ ...order, ...changes, version: order.version + 1 });
}

/** The member's orders, newest first; a member has a handful, 100 is far beyond that. */
export async function listOwnOrders(ctx: ActionContext<MemberPrincipal>): Promise<DuesOrder[]> {
  const docs = await ctx.deps.store.find<DuesOrderDoc>(
    COLLECTIONS.duesOrders,
    { where: { memberId: ctx.principal.memberId } },
    { orderBy: [{ field: 'createdAt', direction: 'desc' }], limit: 100 },
  );
  return docs.map(toDuesOrder);
}
