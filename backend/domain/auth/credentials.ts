import type { LoginResult } from '../../../typings';
import { COLLECTIONS } from '../../schema/collections';
import type { Write } from '../../ports/store';
import { AppError } from '../../core/errors';

/** What a password change that lost a race to another one answers. */
export const PASSWORD_CHANGED_MEANWHILE = () =>
  new AppError('CONFLICT', '密码刚刚已被修改，请使用新密码登录');
import type { AccountDoc, MemberDoc } from '../members/model';

/**
 * The write that stores a member's new password hash: an update of the account document when
 * one exists, its insert when the member still had the initial password. Either fails the
 * batch if another change landed since `existing` was read (a changed hash, an account
 * inserted meanwhile), so of two racing changes exactly one wins.
 */
export function passwordWrite(
  existing: AccountDoc | null,
  memberId: string,
  passwordHash: string,
  now: Date,
): Write {
  const fields = { passwordHash, mustChangePassword: false, passwordChangedAt: now.toISOString() };
  return existing
    ? {
        op: 'update',
        collection: COLLECTIONS.accounts,
        id: memberId,
        patch: { set: fields },
        expect: { passwordHash: existing.passwordHash },
      }
    : { op: 'insert', collection: COLLECTIONS.accounts, doc: { _id: memberId, ...fields } };
}

/** What every member login answers, whichever way the member proved who they are. */
export function memberLoginResult(
  session: { token: string; expiresAt: Date },
  mustChangePassword: boolean,
  member: MemberDoc,
): LoginResult {
  return {
    token: session.token,
    mustChangePassword,
    expiresAt: session.expiresAt.toISOString(),
    member: {
      id: member._id,
      name: member.name,
      memberNo: member.memberNo,
      memberType: member.memberType,
    },
  };
}
