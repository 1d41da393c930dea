import type { LoginResult } from '../../../typings';
import { COLLECTIONS } from '../../schema/collections';
import type { Write } from '../../ports/store';
import type { AccountDoc, MemberDoc } from '../members/model';

/**
 * The write that stores a member's new password hash: an update of the account document when
 * one exists, its insert when the member still had the initial password.
 */
export function passwordWrite(
  existing: AccountDoc | null,
  memberId: string,
  passwordHash: string,
  now: Date,
): Write {
  const fields = { passwordHash, mustChangePassword: false, passwordChangedAt: now.toISOString() };
  return existing
    ? { op: 'update', collection: COLLECTIONS.accounts, id: memberId, patch: { set: fields } }
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
