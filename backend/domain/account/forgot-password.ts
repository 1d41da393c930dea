import type { ActionContext, MemberPrincipal } from '../../core/context';
import { PASSWORD_CHANGED_MEANWHILE, passwordWrite } from '../auth/credentials';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import { StoreConflictError } from '../../ports/store';
import { auditWrite } from '../audit/audit';
import { assertLoginRate, clearFailures } from '../auth/guards';
import { checkNewPassword, hashPassword } from '../auth/passwords';
import { closeOtherSessions } from '../auth/sessions';
import type { AccountDoc, MemberDoc } from '../members/model';
import { openidKey, type WechatBindingDoc } from './wechat';

const NOT_BOUND =
  '该微信尚未绑定会员账号，无法在此重置密码。请联系学会秘书处将密码重置为初始密码（手机号）';

/**
 * 忘记密码: the binding of the calling OPENID proves who the member is, so no current
 * password is asked. Every session ends (a lost password may mean a device in other hands)
 * and the login lock is lifted, so the member can log in with the new password at once.
 */
export async function resetPasswordByWechat(
  ctx: ActionContext,
  newPassword: string,
): Promise<{ reset: true }> {
  const { deps, caller, now } = ctx;
  // Counted with logins: a stolen WeChat session must not become an unthrottled oracle.
  await assertLoginRate(deps, caller, now);
  if (!caller.openid) throw new AppError('FORBIDDEN', '请在微信小程序中操作');

  // 1. The member the binding names.
  const binding = await deps.store.get<WechatBindingDoc>(
    COLLECTIONS.wechatBindings,
    openidKey(caller.openid),
  );
  const member = binding
    ? await deps.store.get<MemberDoc>(COLLECTIONS.members, binding.memberId)
    : null;
  if (!binding || !member) throw new AppError('FORBIDDEN', NOT_BOUND);

  // 2. The rules of 修改密码; with no current password, only the phone is excluded by name.
  checkNewPassword(newPassword, { current: null, forbidden: [member.phone] });

  // 3. The new hash, written as a password change writes it, audited in the same batch.
  const account = await deps.store.get<AccountDoc>(COLLECTIONS.accounts, member._id);
  const passwordHash = await hashPassword(newPassword);
  // The member is the actor: the binding identified them, though no session did.
  const actor: MemberPrincipal = {
    kind: 'member',
    memberId: member._id,
    sessionId: '',
    mustChangePassword: false,
  };
  // The binding is part of the batch: an unbind landing meanwhile fails the whole write,
  // so no password is set on the word of a WeChat account that is no longer bound.
  try {
    await deps.store.batch([
      {
        op: 'update',
        collection: COLLECTIONS.wechatBindings,
        id: binding._id,
        patch: { set: { lastPasswordResetAt: now.toISOString() } },
        expect: { memberId: member._id },
      },
      passwordWrite(account, member._id, passwordHash, now),
      auditWrite(actor, now, 'auth.resetPasswordByWechat', member._id, {
        fields: ['passwordHash'],
      }),
    ]);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    // Either the binding went (an unbind won) or another password change landed first.
    const still = await deps.store.get<WechatBindingDoc>(COLLECTIONS.wechatBindings, binding._id);
    if (still?.memberId !== member._id) throw new AppError('FORBIDDEN', NOT_BOUND);
    throw PASSWORD_CHANGED_MEANWHILE();
  }

  // 4. Every device that knew the old password leaves; a lock would keep out the new one.
  await closeOtherSessions(deps, member._id, null);
  await clearFailures(deps, 'member', member.phone);
  return { reset: true };
}
