import type { MemberProfile, MemberProfileUpdate } from '../../typings/actions';
import { callAction } from './transport';

/** 基本信息 as the member sees it (phone and ID number masked). */
export function getProfile(): Promise<MemberProfile> {
  return callAction('member.profile.get', {});
}

/** Changes only the fields given (null clears one); answers the profile as stored. */
export function updateProfile(changes: MemberProfileUpdate): Promise<MemberProfile> {
  return callAction('member.profile.update', changes);
}
