import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import type { MemberDoc } from './model';

/** The caller's own record: the member id comes from the session, never from the request. */
export async function loadOwnMember(ctx: ActionContext<MemberPrincipal>): Promise<MemberDoc> {
  const member = await ctx.deps.store.get<MemberDoc>(COLLECTIONS.members, ctx.principal.memberId);
  if (!member) throw new AppError('NOT_FOUND', '会员记录不存在，请联系秘书处');
  return member;
}

/**
 * Writes a member's own changes with the audit entry (field names only, never values) and any
 * `extra` writes in one batch, guarded on the `updatedAt` that was read: a concurrent change
 * makes this one fail with CONFLICT instead of overwriting it. Nothing changed, nothing written.
 */
export async function saveMemberChanges(
  ctx: ActionContext<MemberPrincipal>,
  member: MemberDoc,
  changes: Partial<MemberDoc>,
  action: string,
  extra: Write[] = [],
  audit: { fields?: string[] } = {},
): Promise<MemberDoc> {
  const fields = audit.fields ?? Object.keys(changes);
  if (fields.length === 0 && extra.length === 0) return member;

  const updatedAt = nextStamp(member.updatedAt, ctx.now);
  const writes: Write[] = [
    {
      op: 'update',
      collection: COLLECTIONS.members,
      id: member._id,
      patch: { set: { ...changes, updatedAt } },
      expect: { updatedAt: member.updatedAt },
    },
    ...extra,
    auditWrite(ctx.principal, ctx.now, action, member._id, { fields }),
  ];
  try {
    await ctx.deps.store.batch(writes);
  } catch (error) {
    if (error instanceof StoreConflictError) {
      throw new AppError('CONFLICT', '资料刚被其他操作修改，请刷新后重新提交');
    }
    throw error;
  }
  return { ...member, ...changes, updatedAt };
}

/**
 * A stamp later than the one read, even when the clock has not moved (two saves in one
 * millisecond, a fixed clock in tests): the guard must see every save as a change.
 */
function nextStamp(previous: string, now: Date): string {
  const after = Date.parse(previous) + 1;
  return new Date(
    Number.isNaN(after) ? now.getTime() : Math.max(now.getTime(), after),
  ).toISOString();
}
