import type { BackendDeps } from '../../core/context';
import { findByIds } from '../../core/find-by-ids';
import { maskPhone } from '../../core/mask';
import { COLLECTIONS } from '../../schema/collections';
import type { MemberDoc } from '../members/model';

/** A member as the console's lists of readers and registrations name them. */
export interface Person {
  memberId: string;
  name: string;
  memberNo: string | null;
  phoneMasked: string;
}

/**
 * The members of `memberIds`, read in one look-up; a member removed since is still a row,
 * said to be removed, with no number or phone.
 */
export async function peopleByIds(
  deps: BackendDeps,
  memberIds: string[],
): Promise<(memberId: string) => Person> {
  const byId = await findByIds<MemberDoc>(deps.store, COLLECTIONS.members, memberIds);
  return (memberId) => {
    const member = byId.get(memberId);
    return {
      memberId,
      name: member?.name ?? '（已删除的会员）',
      memberNo: member?.memberNo ?? null,
      phoneMasked: member ? maskPhone(member.phone) : '',
    };
  };
}
