import type { QrLoginRequest } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Condition, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import {
  LOGIN_ID_PATTERN,
  effectiveStatus,
  requestOf,
  type QrLoginDoc,
  type StoredQrLoginStatus,
} from './qr-login';
import { openidKey, type WechatBindingDoc } from './wechat';

type MemberCtx = ActionContext<MemberPrincipal>;

const NO_OPENID = '请在已绑定微信的小程序中扫码';
const NOT_BOUND = '当前微信未绑定您的会员账号，请先在“账号设置”中绑定微信';
const UNKNOWN = '无法识别该登录二维码，请在电脑上刷新后重新扫码';
const TAKEN = '该二维码已被其他账号扫描';

/** Why a request can no longer be acted on, in the member's words. */
const CLOSED: Record<'expired' | 'used' | 'cancelled', string> = {
  expired: '二维码已过期，请在电脑上刷新后重新扫码',
  used: '该二维码已完成登录，如需再次登录请在电脑上刷新二维码',
  cancelled: '该登录请求已取消，请在电脑上刷新后重新扫码',
};

/**
 * The calling WeChat must be bound to the calling member: the binding, not the session
 * alone, is what vouches for the phone in the member's hand. Answers the OPENID's key.
 */
async function boundOpenidKey(ctx: MemberCtx): Promise<string> {
  const { deps, caller, principal } = ctx;
  if (!caller.openid) throw new AppError('FORBIDDEN', NO_OPENID);
  const key = openidKey(caller.openid);
  const binding = await deps.store.get<WechatBindingDoc>(COLLECTIONS.wechatBindings, key);
  if (binding?.memberId !== principal.memberId) throw new AppError('FORBIDDEN', NOT_BOUND);
  return key;
}

async function load(ctx: MemberCtx, loginId: string): Promise<QrLoginDoc> {
  const doc = LOGIN_ID_PATTERN.test(loginId)
    ? await ctx.deps.store.get<QrLoginDoc>(COLLECTIONS.qrLogins, loginId)
    : null;
  if (!doc) throw new AppError('NOT_FOUND', UNKNOWN);
  return doc;
}

/** Refuses a finished request, and one another member has scanned. */
function assertOpenFor(doc: QrLoginDoc, ctx: MemberCtx): void {
  const status = effectiveStatus(doc, ctx.now);
  if (status === 'expired' || status === 'used' || status === 'cancelled') {
    throw new AppError('CONFLICT', CLOSED[status]);
  }
  if (doc.memberId !== null && doc.memberId !== ctx.principal.memberId) {
    throw new AppError('CONFLICT', TAKEN);
  }
}

/**
 * One guarded step from `from` to `to`, still unexpired. A lost race is not an error of its
 * own: the caller re-reads and answers from what the winner left.
 */
async function step(
  ctx: MemberCtx,
  doc: QrLoginDoc,
  from: StoredQrLoginStatus,
  set: Partial<QrLoginDoc>,
  extra: Write[] = [],
): Promise<boolean> {
  const expect: Record<string, Condition> = {
    status: from,
    expiresAt: { gt: ctx.now.toISOString() },
    memberId: doc.memberId,
  };
  try {
    await ctx.deps.store.batch([
      { op: 'update', collection: COLLECTIONS.qrLogins, id: doc._id, patch: { set }, expect },
      ...extra,
    ]);
    return true;
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    return false;
  }
}

/** pending → scanned, recording who scanned; scanning one's own request again is fine. */
export async function scanQrLogin(ctx: MemberCtx, loginId: string): Promise<QrLoginRequest> {
  await boundOpenidKey(ctx);
  const doc = await load(ctx, loginId);
  assertOpenFor(doc, ctx);
  if (doc.status === 'pending') {
    const set = { status: 'scanned' as const, memberId: ctx.principal.memberId };
    if (!(await step(ctx, doc, 'pending', { ...set, scannedAt: ctx.now.toISOString() }))) {
      return scanQrLogin(ctx, loginId);
    }
    return requestOf({ ...doc, ...set }, ctx.now);
  }
  return requestOf(doc, ctx.now);
}

/** scanned → confirmed: the next poll of the PC collects a session for this member. */
export async function confirmQrLogin(ctx: MemberCtx, loginId: string): Promise<QrLoginRequest> {
  const { principal, now } = ctx;
  const key = await boundOpenidKey(ctx);
  const doc = await load(ctx, loginId);
  assertOpenFor(doc, ctx);
  if (doc.status === 'confirmed') return requestOf(doc, now);
  if (doc.status !== 'scanned') throw new AppError('CONFLICT', '请重新扫码后再确认');

  const set = { status: 'confirmed' as const, openidHash: key, confirmedAt: now.toISOString() };
  const audit = auditWrite(principal, now, 'account.qrLogin.confirm', principal.memberId, {
    summary: { fromAddressMasked: doc.fromAddressMasked },
  });
  if (!(await step(ctx, doc, 'scanned', set, [audit]))) return confirmQrLogin(ctx, loginId);
  return requestOf({ ...doc, ...set }, now);
}

/** pending or scanned → cancelled: the member said no; the PC shows that and stops. */
export async function cancelQrLogin(ctx: MemberCtx, loginId: string): Promise<QrLoginRequest> {
  await boundOpenidKey(ctx);
  const doc = await load(ctx, loginId);
  if (effectiveStatus(doc, ctx.now) === 'cancelled') return requestOf(doc, ctx.now);
  assertOpenFor(doc, ctx);
  if (doc.status === 'confirmed') throw new AppError('CONFLICT', '已确认登录，无法取消');

  const set = { status: 'cancelled' as const, cancelledAt: ctx.now.toISOString() };
  if (!(await step(ctx, doc, doc.status, set))) return cancelQrLogin(ctx, loginId);
  return requestOf({ ...doc, ...set }, ctx.now);
}
