import type { LoginResult } from '../../../typings';
import { StoreConflictError } from '../../ports/store';
import { memberLoginResult, PASSWORD_CHANGED_MEANWHILE, passwordWrite } from './credentials';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import type { AccountDoc, MemberDoc } from '../members/model';
import { checkPhone } from '../members/phone';
import { awardPoints } from '../points/ledger';
import { readPointsRules } from '../society/settings';
import { assertNotLocked, assertLoginRate, clearFailures, recordFailure } from './guards';
import {
  checkNewPassword,
  hashPassword,
  sameSecret,
  spendDecoyHash,
  verifyPassword,
} from './passwords';
import { closeOtherSessions, closeSession, openSession } from './sessions';
import { auditWrite } from '../audit/audit';

const SCOPE = 'member';
const WRONG = '手机号或密码错误';

/**
 * Member login with phone and password. The initial password is the phone number: it works
 * until changed, and a session opened with it can do nothing but change it. Failed attempts
 * lock the account; attempts from one address are rate-limited.
 */
export async function loginMember(
  ctx: ActionContext,
  phoneInput: string,
  password: string,
): Promise<LoginResult> {
  const { deps, caller, now } = ctx;
  await assertLoginRate(deps, caller, now);

  // 1. The account, and whether it may try at all.
  const checked = checkPhone(phoneInput);
  if (!checked.ok) throw new AppError('INVALID_INPUT', checked.reason);
  const phone = checked.value;
  await assertNotLocked(deps, SCOPE, phone, now);
  const [member] = await deps.store.find<MemberDoc>(
    COLLECTIONS.members,
    { where: { phone } },
    { limit: 1 },
  );
  const account = member
    ? await deps.store.get<AccountDoc>(COLLECTIONS.accounts, member._id)
    : null;

  // 2. The password: the initial one while no hash is stored. Every path spends one hash, so
  // response times tell nobody which numbers are members or still have the initial password.
  let valid = false;
  const verifiedHash = account?.passwordHash ?? null;
  if (member && verifiedHash) valid = await verifyPassword(password, verifiedHash);
  else {
    await spendDecoyHash(password);
    valid = member !== undefined && sameSecret(password, phone);
  }
  if (!member || !valid) {
    const { locked, remaining } = await recordFailure(deps, SCOPE, phone, now);
    if (locked) await assertNotLocked(deps, SCOPE, phone, now);
    throw new AppError(
      'UNAUTHENTICATED',
      remaining <= 2 ? `${WRONG}，再错${remaining}次将锁定15分钟` : WRONG,
    );
  }
  await clearFailures(deps, SCOPE, phone);

  // 3. The session; a first login ever earns 新会员登录 once.
  const mustChangePassword = !account?.passwordHash || account.mustChangePassword;
  const session = await openSession(deps, caller, now, {
    subjectKind: 'member',
    subjectId: member._id,
    mustChangePassword,
  });
  // A password change that ran while this login was hashing has ended every other session
  // already, perhaps before this one existed: check again and give this one up if so.
  const after = await deps.store.get<AccountDoc>(COLLECTIONS.accounts, member._id);
  if ((after?.passwordHash ?? null) !== verifiedHash) {
    await closeSession(deps, session.sessionId);
    throw new AppError('UNAUTHENTICATED', '密码刚刚已被修改，请使用新密码登录');
  }
  if (member.firstLoginAt === null) {
    const first = await deps.store.update(
      COLLECTIONS.members,
      member._id,
      { set: { firstLoginAt: now.toISOString() } },
      { firstLoginAt: null },
    );
    if (first) {
      const rules = await readPointsRules(deps);
      await awardPoints(deps, {
        memberId: member._id,
        kind: 'firstLogin',
        refId: 'once',
        points: rules.firstLogin,
        at: now,
      });
    }
  }

  return memberLoginResult(session, mustChangePassword, member);
}

/**
 * Sets a new password after checking the current one. Ends the member's other sessions and
 * lifts the pending-change mark on this one.
 */
export async function changeMemberPassword(
  ctx: ActionContext<MemberPrincipal>,
  currentPassword: string,
  newPassword: string,
): Promise<{ mustChangePassword: false }> {
  const { deps, principal, now } = ctx;
  const member = await deps.store.get<MemberDoc>(COLLECTIONS.members, principal.memberId);
  if (!member) throw new AppError('UNAUTHENTICATED', '请重新登录');
  await assertNotLocked(deps, SCOPE, member.phone, now);

  const account = await deps.store.get<AccountDoc>(COLLECTIONS.accounts, member._id);
  const currentOk = account?.passwordHash
    ? await verifyPassword(currentPassword, account.passwordHash)
    : sameSecret(currentPassword, member.phone);
  if (!currentOk) {
    await recordFailure(deps, SCOPE, member.phone, now);
    throw new AppError('INVALID_INPUT', '当前密码不正确', { field: 'currentPassword' });
  }
  checkNewPassword(newPassword, { current: currentPassword, forbidden: [member.phone] });

  const passwordHash = await hashPassword(newPassword);
  try {
    await deps.store.batch([
      passwordWrite(account, member._id, passwordHash, now),
      {
        op: 'update',
        collection: COLLECTIONS.sessions,
        id: principal.sessionId,
        patch: { set: { mustChangePassword: false } },
      },
      auditWrite(principal, now, 'auth.changePassword', member._id),
    ]);
  } catch (error) {
    // Another change (a second tap, another device, a reset) landed after the check above.
    if (error instanceof StoreConflictError) throw PASSWORD_CHANGED_MEANWHILE();
    throw error;
  }
  await closeOtherSessions(deps, member._id, principal.sessionId);
  return { mustChangePassword: false };
}
