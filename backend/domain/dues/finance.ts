import type { AdminDuesOrder, DuesOrderStatus, Page } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { calendarDate } from '../../core/dates';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Filter, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { prepareAttachment, removeStoredFiles } from '../files/attachments';
import type { MemberDoc } from '../members/model';
import { awardPoints } from '../points/ledger';
import { readPointsRules } from '../society/settings';
import {
  closedKeyOf,
  event,
  nextStamp,
  ORDER_NOT_FOUND,
  STATUS_REFUSALS,
  toAdminOrder,
  type DuesOrderDoc,
} from './model';
import { renewalPeriod } from './period';

export const ALREADY_HANDLED = '该订单已处理';
const CHANGED = '订单状态刚刚发生变化，请刷新后重试';
/** A confirmation retried this often when the member's record keeps changing under it. */
const CONFIRM_ATTEMPTS = 3;

async function loadOrder(deps: BackendDeps, orderId: string): Promise<DuesOrderDoc> {
  const order = await deps.store.get<DuesOrderDoc>(COLLECTIONS.duesOrders, orderId);
  if (!order) throw new AppError('NOT_FOUND', ORDER_NOT_FOUND);
  return order;
}

async function adminView(deps: BackendDeps, order: DuesOrderDoc): Promise<AdminDuesOrder> {
  const member = await deps.store.get<MemberDoc>(COLLECTIONS.members, order.memberId);
  return toAdminOrder(order, member);
}

/**
 * The finance queue: one state or all; a query matches the order number, the member's name
 * or number as they were when ordered, or (a whole 11-digit phone number) the member's phone. Awaiting review is served oldest first (the
 * order of work), everything else newest first.
 */
export async function listOrders(
  deps: BackendDeps,
  input: { status?: DuesOrderStatus; query?: string; page?: number; pageSize?: number },
): Promise<Page<AdminDuesOrder>> {
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const filter: Filter = input.status ? { where: { status: input.status } } : {};
  const query = input.query ?? '';
  if (query) {
    filter.or = [
      { orderNo: { contains: query.toUpperCase() } },
      { searchName: { contains: query } },
      { searchMemberNo: { contains: query.toUpperCase() } },
    ];
    const digits = query.replace(/\D/g, '');
    if (digits.length === 11) {
      const owners = await deps.store.find<MemberDoc>(
        COLLECTIONS.members,
        { where: { phone: digits } },
        { limit: 1 },
      );
      for (const owner of owners) filter.or.push({ memberId: owner._id });
    }
  }
  const direction = input.status === 'awaitingReview' ? 'asc' : 'desc';
  const [total, docs] = await Promise.all([
    deps.store.count(COLLECTIONS.duesOrders, filter),
    deps.store.find<DuesOrderDoc>(COLLECTIONS.duesOrders, filter, {
      orderBy: [{ field: 'createdAt', direction }],
      skip: (page - 1) * pageSize,
      limit: pageSize,
    }),
  ]);
  const items = await Promise.all(docs.map((doc) => adminView(deps, doc)));
  return { items, total, page, pageSize };
}

/**
 * 确认到账. In one batch: the order confirmed with its period and closed, the member's
 * expiry extended (guarded on the record that was read, so a roster import in between is
 * not overwritten), the audit entry. Of two finance users confirming at once one batch
 * passes; the other finds the order confirmed and is told so. The 会员续费 points follow the
 * batch under the order's id, exactly once; a confirmation that crashed before them has them
 * awarded by the next attempt, which otherwise only hears that the order is handled.
 */
export async function confirmOrder(
  ctx: ActionContext<AdminPrincipal>,
  orderId: string,
): Promise<AdminDuesOrder> {
  for (let attempt = 1; ; attempt += 1) {
    const order = await loadOrder(ctx.deps, orderId);
    if (order.status === 'confirmed') {
      await awardRenewal(ctx, order);
      throw new AppError('CONFLICT', ALREADY_HANDLED);
    }
    if (order.status !== 'awaitingReview') {
      throw new AppError('CONFLICT', `${STATUS_REFUSALS[order.status]}，不能确认`);
    }
    const member = await ctx.deps.store.get<MemberDoc>(COLLECTIONS.members, order.memberId);
    if (!member) throw new AppError('NOT_FOUND', '会员记录不存在');

    const period = renewalPeriod(member.expiresOn, calendarDate(ctx.now), order.years);
    const changes = {
      status: 'confirmed' as const,
      openKey: closedKeyOf(order._id),
      periodFrom: period.from,
      periodUntil: period.until,
      updatedAt: nextStamp(order.updatedAt, ctx.now),
      timeline: [...order.timeline, event('confirmed', 'finance', ctx.now)],
    };
    const memberUpdatedAt = nextStamp(member.updatedAt, ctx.now);
    try {
      await ctx.deps.store.batch([
        {
          op: 'update',
          collection: COLLECTIONS.duesOrders,
          id: order._id,
          patch: { set: changes, inc: { version: 1 } },
          expect: { version: order.version, status: 'awaitingReview' },
        },
        {
          op: 'update',
          collection: COLLECTIONS.members,
          id: member._id,
          patch: { set: { expiresOn: period.until, updatedAt: memberUpdatedAt } },
          expect: { updatedAt: member.updatedAt, expiresOn: member.expiresOn },
        },
        auditWrite(ctx.principal, ctx.now, 'admin.dues.confirm', order._id, {
          fields: ['status', 'member.expiresOn'],
          summary: { orderNo: order.orderNo, memberId: member._id, years: order.years },
        }),
      ]);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      // Read again: confirmed by someone else ends at the top; a changed member retries.
      if (attempt >= CONFIRM_ATTEMPTS) throw new AppError('CONFLICT', CHANGED);
      continue;
    }

    const confirmed = { ...order, ...changes, version: order.version + 1 };
    await awardRenewal(ctx, confirmed);
    return toAdminOrder(confirmed, { ...member, expiresOn: period.until });
  }
}

/** 会员续费 points for a confirmed order; the ledger's entry id makes a repeat a no-op. */
async function awardRenewal(ctx: ActionContext<AdminPrincipal>, order: DuesOrderDoc) {
  const rules = await readPointsRules(ctx.deps);
  await awardPoints(ctx.deps, {
    memberId: order.memberId,
    kind: 'renewal',
    refId: order._id,
    points: rules.renewal,
    at: ctx.now,
  });
}

/** 驳回: the member sees the reason and uploads again; the order stays theirs, open. */
export async function rejectOrder(
  ctx: ActionContext<AdminPrincipal>,
  input: { orderId: string; reason: string },
): Promise<AdminDuesOrder> {
  const order = await loadOrder(ctx.deps, input.orderId);
  if (order.status === 'confirmed' || order.status === 'rejected') {
    throw new AppError('CONFLICT', ALREADY_HANDLED);
  }
  if (order.status !== 'awaitingReview') {
    throw new AppError('CONFLICT', `${STATUS_REFUSALS[order.status]}，不能驳回`);
  }
  const changes = {
    status: 'rejected' as const,
    rejectionReason: input.reason,
    updatedAt: nextStamp(order.updatedAt, ctx.now),
    timeline: [...order.timeline, event('rejected', 'finance', ctx.now, input.reason)],
  };
  await guardedOrderBatch(ctx, order, changes, [
    auditWrite(ctx.principal, ctx.now, 'admin.dues.reject', order._id, {
      fields: ['status', 'rejectionReason'],
      summary: { orderNo: order.orderNo },
    }),
  ]);
  return adminView(ctx.deps, { ...order, ...changes, version: order.version + 1 });
}

/**
 * 开具发票: a confirmed order that asked for one gets its number and the e-receipt, an upload
 * of the calling admin's moved under the member's order. Once: a second issue is refused.
 */
export async function issueInvoice(
  ctx: ActionContext<AdminPrincipal>,
  input: { orderId: string; invoiceNo: string; fileId: string },
): Promise<AdminDuesOrder> {
  const order = await loadOrder(ctx.deps, input.orderId);
  if (order.status !== 'confirmed') {
    throw new AppError('CONFLICT', `${STATUS_REFUSALS[order.status]}，确认缴费后才能开具发票`);
  }
  if (!order.invoice) throw new AppError('CONFLICT', '该订单未申请发票');
  if (order.invoice.status === 'issued') throw new AppError('CONFLICT', '该订单的发票已开具');

  const prepared = await prepareAttachment(
    ctx.deps,
    ctx.principal,
    input.fileId,
    { folder: 'receipts', memberId: order.memberId, orderId: order._id },
    '电子发票只能是 PDF 或图片（JPG/PNG）文件',
  );
  const at = ctx.now.toISOString();
  const changes = {
    invoice: {
      ...order.invoice,
      status: 'issued' as const,
      invoiceNo: input.invoiceNo,
      file: prepared.file,
      issuedAt: at,
    },
    updatedAt: nextStamp(order.updatedAt, ctx.now),
    timeline: [...order.timeline, event('invoiceIssued', 'finance', ctx.now, input.invoiceNo)],
  };
  try {
    await guardedOrderBatch(ctx, order, changes, [
      prepared.write,
      auditWrite(ctx.principal, ctx.now, 'admin.dues.issueInvoice', order._id, {
        fields: ['invoice'],
        summary: { orderNo: order.orderNo },
      }),
    ]);
  } catch (error) {
    await removeStoredFiles(ctx.deps, [prepared.copy]);
    throw error;
  }
  await removeStoredFiles(ctx.deps, [prepared.original]);
  return adminView(ctx.deps, { ...order, ...changes, version: order.version + 1 });
}

/** The order's change guarded on the version read; a race loses with CONFLICT. */
async function guardedOrderBatch(
  ctx: ActionContext<AdminPrincipal>,
  order: DuesOrderDoc,
  changes: Partial<DuesOrderDoc>,
  extra: Write[],
): Promise<void> {
  try {
    await ctx.deps.store.batch([
      {
        op: 'update',
        collection: COLLECTIONS.duesOrders,
        id: order._id,
        patch: { set: changes, inc: { version: 1 } },
        expect: { version: order.version },
      },
      ...extra,
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) throw new AppError('CONFLICT', ALREADY_HANDLED);
    throw error;
  }
}
