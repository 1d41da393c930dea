import type { MemberDoc } from '../../../backend/domain/members/model';
import { COLLECTIONS } from '../../../backend/schema/collections';
import { changePassword, login } from '../../../miniprogram/services/auth';
import type { SeedMember } from '../../helpers/backend';
import { duesAdmin, type DuesAdmin } from '../../helpers/dues';
import { connectBackend, type ConnectedBackend } from './backend';

/** A member as the roster has them; the initial password is the phone number. */
export const MEMBER = {
  phone: '13997373133',
  name: '夏慧然',
  memberNo: 'SCXH110001',
  expiresOn: '2027-12-31',
} satisfies SeedMember;

export const NEW_PASSWORD = 'Lotus-river-42';

/** Seeds the member and logs in with the initial password through the services, as the app. */
export async function loggedInWithInitialPassword(
  backend: ConnectedBackend,
  member: SeedMember = MEMBER,
): Promise<void> {
  await backend.seedMember(member);
  await login(member.phone, member.phone);
}

/** Seeds the member, logs in and changes the initial password: a member past the first day. */
export async function loggedInMember(
  backend: ConnectedBackend,
  member: SeedMember = MEMBER,
): Promise<void> {
  await loggedInWithInitialPassword(backend, member);
  await changePassword(member.phone, NEW_PASSWORD);
}

/**
 * What most page tests start from: the backend at `now` with the member logged in (past the
 * first day) and a secretariat account for what the console does. `memberId` is the member's.
 */
export async function memberAndSecretariat(
  now: string,
): Promise<{ backend: ConnectedBackend; secretariat: DuesAdmin; memberId: string }> {
  const backend = connectBackend({ now });
  await loggedInMember(backend);
  const [member] = await backend.store.find<MemberDoc>(COLLECTIONS.members);
  const secretariat = await duesAdmin(backend, 'secretariat');
  return { backend, secretariat, memberId: member!._id };
}
