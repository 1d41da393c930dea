import { changePassword, login } from '../../../miniprogram/services/auth';
import type { SeedMember } from '../../helpers/backend';
import type { ConnectedBackend } from './backend';

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
