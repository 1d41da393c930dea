import type { DuesOrder } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { prepareAttachments, removeStoredFiles, type AttachedFileDoc } from '../files/attachments';
import { event, nextStamp, STATUS_REFUSALS, toDuesOrder } from './model';
import { loadOwnOrder } from './orders';

export const VOUCHER_TYPE_MESSAGE = '缴费凭证只能是图片（JPG/PNG）或 PDF 文件';

/**
 * 上传缴费凭证: the member's own uploads become the order's vouchers and the order waits for
 * finance. A rejected order's earlier vouchers are replaced, their files deleted: finance
 * judges the newest transfer proof, and the rejection stays in the timeline.
 */
export async function attachVouchers(
  ctx: ActionContext<MemberPrincipal>,
  input: { orderId: string; fileIds: string[] },
): Promise<DuesOrder> {
  const order = await loadOwnOrder(ctx, input.orderId);
  if (order.status !== 'awaitingPayment' && order.status !== 'rejected') {
    throw new AppError('CONFLICT', `${STATUS_REFUSALS[order.status]}，不能上传缴费凭证`);
  }

  // Every file is checked and copied before anything is recorded; one bad file, no change.
  const prepared = await prepareAttachments(
    ctx.deps,
    ctx.principal,
    input.fileIds,
    { folder: 'vouchers', memberId: order.memberId, orderId: order._id },
    VOUCHER_TYPE_MESSAGE,
  );

  const replaced = await Promise.all(
    order.vouchers.map((v) => ctx.deps.store.get<AttachedFileDoc>(COLLECTIONS.files, v.fileId)),
  );
  const changes = {
    status: 'awaitingReview' as const,
    vouchers: prepared.map((p) => p.file),
    rejectionReason: null,
    updatedAt: nextStamp(order.updatedAt, ctx.now),
    timeline: [...order.timeline, event('voucherAttached', 'member', ctx.now)],
  };
  const writes: Write[] = [
    {
      op: 'update',
      collection: COLLECTIONS.duesOrders,
      id: order._id,
      patch: { set: changes, inc: { version: 1 } },
      expect: { version: order.version },
    },
    ...prepared.map((p) => p.write),
    ...replaced.flatMap((doc): Write[] =>
      doc ? [{ op: 'remove', collection: COLLECTIONS.files, id: doc._id }] : [],
    ),
    auditWrite(ctx.principal, ctx.now, 'dues.attachVoucher', order._id, {
      fields: ['vouchers', 'status'],
      summary: { orderNo: order.orderNo, files: prepared.length },
    }),
  ];
  try {
    await ctx.deps.store.batch(writes);
  } catch (error) {
    await removeStoredFiles(
      ctx.deps,
      prepared.map((p) => p.copy),
    );
    if (error instanceof StoreConflictError) {
      throw new AppError('CONFLICT', '订单状态刚刚发生变化，请刷新后重试');
    }
    throw error;
  }

  // The uploads' first copies and the replaced vouchers: nothing refers to them any more.
  await removeStoredFiles(ctx.deps, [
    ...prepared.map((p) => p.original),
    ...replaced.flatMap((doc) => (doc ? [doc.storedFileId] : [])),
  ]);
  return toDuesOrder({ ...order, ...changes, version: order.version + 1 });
}
