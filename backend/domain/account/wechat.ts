import type { LoginResult, WechatStatus } from '../../../typings';
import { memberLoginResult } from '../auth/credentials';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import { StoreConflictError, type Doc } from '../../ports/store';
import { auditWrite } from '../audit/audit';
import { assertLoginRate } from '../auth/guards';
import { closeSession, hashOpenid, openSession } from '../auth/sessions';
import type { AccountDoc, MemberDoc } from '../members/model';

/**
 * One WeChat account bound to one member. `_id` is the SHA-256 of the OPENID: the OPENID is
 * personal data, and a login only needs to look it up, never to read it back. The unique
 * index on `memberId` keeps the other side to one binding, so two racing binds cannot both
 * land whatever order they run in.
 */
export interface WechatBindingDoc extends Doc {
  memberId: string;
  boundAt: string;
}

const WECHAT_TAKEN = '该微信已绑定其他会员账号';
const ACCOUNT_TAKEN = '您的账号已绑定其他微信';

/** A binding's id: the OPENID's hash, as sessions keep it. */
export const openidKey = hashOpenid;

async function bindingOf(ctx: ActionContext, memberId: string) {
  const [binding] = await ctx.deps.store.find<WechatBindingDoc>(
    COLLECTIONS.wechatBindings,
    { where: { memberId } },
    { limit: 1 },
  );
  return binding ?? null;
}

export async function wechatStatus(ctx: ActionContext<MemberPrincipal>): Promise<WechatStatus> {
  const binding = await bindingOf(ctx, ctx.principal.memberId);
  return { bound: binding !== null, boundAt: binding?.boundAt ?? null };
}

/** Binds the calling WeChat account (from the call's context only) to the member. */
export async function bindWechat(ctx: ActionContext<MemberPrincipal>): Promise<WechatStatus> {
  const { deps, caller, principal, now } = ctx;
  if (!caller.openid) throw new AppError('FORBIDDEN', '请在微信小程序中绑定');
  const doc: WechatBindingDoc = {
    _id: openidKey(caller.openid),
    memberId: principal.memberId,
    boundAt: now.toISOString(),
  };

  // 1. The insert decides: the id and the memberId index refuse a second binding of either.
  try {
    await deps.store.batch([
      { op: 'insert', collection: COLLECTIONS.wechatBindings, doc },
      auditWrite(principal, now, 'account.bindWechat', principal.memberId),
    ]);
    return { bound: true, boundAt: doc.boundAt };
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
  }

  // 2. Refused: say which side is taken. Binding the same pair again is not an error.
  const existing = await deps.store.get<WechatBindingDoc>(COLLECTIONS.wechatBindings, doc._id);
  if (existing?.memberId === principal.memberId) {
    return { bound: true, boundAt: existing.boundAt };
  }
  if (existing) throw new AppError('CONFLICT', WECHAT_TAKEN);
  if (await bindingOf(ctx, principal.memberId)) throw new AppError('CONFLICT', ACCOUNT_TAKEN);
  // Both sides were freed between the insert and the reads: a retry will succeed.
  throw new AppError('CONFLICT', '绑定未完成，请重试');
}

/** Removes the member's binding, from whichever client; unbinding twice is not an error. */
export async function unbindWechat(ctx: ActionContext<MemberPrincipal>): Promise<WechatStatus> {
  const { deps, principal, now } = ctx;
  const binding = await bindingOf(ctx, principal.memberId);
  if (binding) {
    // Removing inside the batch and checking afterwards would audit a racing twin too; the
    // single remove answers whether this call is the one that unbound.
    const removed = await deps.store.remove(COLLECTIONS.wechatBindings, binding._id);
    if (removed) {
      await deps.store.batch([
        auditWrite(principal, now, 'account.unbindWechat', principal.memberId),
      ]);
    }
  }
  return { bound: false, boundAt: null };
}

const NOT_BOUND = '该微信尚未绑定会员账号，请使用手机号和密码登录';

/**
 * 微信一键登录: the calling OPENID's binding names the member. The session is opened as a
 * password login opens it, bound to the OPENID, and a pending password change still holds.
 */
export async function wechatLogin(ctx: ActionContext): Promise<LoginResult> {
  const { deps, caller, now } = ctx;
  await assertLoginRate(deps, caller, now);
  if (!caller.openid) throw new AppError('FORBIDDEN', '请在微信小程序中使用微信一键登录');

  // 1. The binding and its member.
  const key = openidKey(caller.openid);
  const binding = await deps.store.get<WechatBindingDoc>(COLLECTIONS.wechatBindings, key);
  const member = binding
    ? await deps.store.get<MemberDoc>(COLLECTIONS.members, binding.memberId)
    : null;
  if (!binding || !member) throw new AppError('UNAUTHENTICATED', NOT_BOUND);
  const account = await deps.store.get<AccountDoc>(COLLECTIONS.accounts, member._id);
  const mustChangePassword = !account?.passwordHash || account.mustChangePassword;

  // 2. The session; an unbind that ran meanwhile wins, as a password change wins over login.
  const session = await openSession(deps, caller, now, {
    subjectKind: 'member',
    subjectId: member._id,
    mustChangePassword,
  });
  const after = await deps.store.get<WechatBindingDoc>(COLLECTIONS.wechatBindings, key);
  if (after?.memberId !== member._id) {
    await closeSession(deps, session.sessionId);
    throw new AppError('UNAUTHENTICATED', NOT_BOUND);
  }

  return memberLoginResult(session, mustChangePassword, member);
}
