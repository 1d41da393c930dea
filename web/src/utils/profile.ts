import type { MemberProfile, MemberProfileFields, MemberProfileUpdate } from '../../../typings';

/** The 基本信息 text fields, in the order the page lists them. */
export const PROFILE_TEXT_FIELDS = [
  'workUnit',
  'department',
  'title',
  'position',
  'education',
  'specialty',
  'address',
  'postalCode',
  'email',
] as const;

type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number];

/** The edit form's state: text inputs hold '' for "not filled in", never null. */
export type ProfileDraft = Record<ProfileTextField, string> &
  Pick<MemberProfileFields, 'gender' | 'birthDate' | 'photoFileId'> & {
    idNumber: string;
    idNumberConsent: boolean;
  };

/** The form filled from the stored profile; the ID number starts empty: only its mask is known. */
export function draftOf(profile: MemberProfile): ProfileDraft {
  const text = Object.fromEntries(PROFILE_TEXT_FIELDS.map((key) => [key, profile[key] ?? '']));
  return {
    ...(text as Record<ProfileTextField, string>),
    gender: profile.gender,
    birthDate: profile.birthDate,
    photoFileId: profile.photoFileId,
    idNumber: '',
    idNumberConsent: profile.idNumberConsent,
  };
}

/**
 * Only what the member changed, because the backend treats every field sent as a change
 * (and a null as clearing it). An empty ID number input means "keep the stored one".
 */
export function profileChanges(profile: MemberProfile, draft: ProfileDraft): MemberProfileUpdate {
  const changes: MemberProfileUpdate = {};
  for (const key of PROFILE_TEXT_FIELDS) {
    const value = draft[key].trim() || null;
    if (value !== profile[key]) changes[key] = value;
  }
  if (draft.gender !== profile.gender) changes.gender = draft.gender;
  if ((draft.birthDate || null) !== profile.birthDate) changes.birthDate = draft.birthDate || null;
  if (draft.photoFileId !== profile.photoFileId) changes.photoFileId = draft.photoFileId;
  if (draft.idNumberConsent !== profile.idNumberConsent) {
    changes.idNumberConsent = draft.idNumberConsent;
  }
  const idNumber = draft.idNumber.trim();
  if (idNumber) changes.idNumber = idNumber;
  return changes;
}
