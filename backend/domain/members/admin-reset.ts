import { z } from 'zod';
import { AppError } from '../../core/errors';
import { defineAction } from '../../core/registry';
import { fields } from '../../core/validation';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { clearFailures } from '../auth/guards';
import { closeOtherSessions } from '../auth/sessions';
import type { MemberDoc } from './model';

/**
 * The secretariat puts a member back on the initial password (the phone number) for members
 * who forgot theirs. Removing the account document is the reset: no document means the
 * initial password. A login that was hashing the old password meanwhile notices the change
 * and gives its session up (see auth/member-login.ts).
 */
const resetPassword = defineAction({
  name: 'admin.members.resetPassword',
  access: 'admin',
  roles: ['superAdmin', 'secretariat'],
  input: z.strictObject({ memberId: fields.id }),
  handler: async (input, { deps, principal, now }) => {
    const member = await deps.store.get<MemberDoc>(COLLECTIONS.members, input.memberId);
    if (!member) throw new AppError('NOT_FOUND', '未找到该会员');

    await deps.store.batch([
      { op: 'remove', collection: COLLECTIONS.accounts, id: member._id },
      auditWrite(principal, now, 'admin.members.resetPassword', member._id),
    ]);
    // Every device logged in with the old password leaves, and a lock from failed guesses
    // would otherwise keep the member out of the password they were just told.
    await closeOtherSessions(deps, member._id, null);
    await clearFailures(deps, 'member', member.phone);
    return { reset: true as const };
  },
});

export const memberResetActions = [resetPassword];
