import type { Gender, MemberProfile, MemberProfileUpdate } from '../../typings/actions';
import { zhCN } from '../locales/zh-CN';

/** The 基本信息 text fields the form edits, in the order of the society's form. */
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

export type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number];

/**
 * Caps in characters, the backend's own (profile-input.ts), so that t-input stops the member
 * where the backend would refuse. The backend still checks.
 */
export const PROFILE_MAX_LENGTH: Record<ProfileTextField | 'idNumber', number> = {
  workUnit: 100,
  department: 100,
  title: 50,
  position: 50,
  education: 50,
  specialty: 100,
  address: 200,
  postalCode: 6,
  email: 100,
  idNumber: 18,
};

/**
 * The form's values: '' for a text field not filled in, as t-input holds it. The ID number
 * starts empty (only its mask is known) and empty means "keep the stored one".
 */
export type ProfileForm = Record<ProfileTextField, string> & {
  gender: Gender | null;
  birthDate: string | null;
  idNumber: string;
  idNumberConsent: boolean;
  photoFileId: string | null;
};

/** A field a message can be shown on. */
export type ProfileFormField = ProfileTextField | 'gender' | 'birthDate' | 'idNumber' | 'photo';

/** One row of the read-only view. */
export interface ProfileRow {
  key: ProfileTextField;
  label: string;
  value: string;
}

export function toProfileForm(profile: MemberProfile): ProfileForm {
  const entries = PROFILE_TEXT_FIELDS.map((key) => [key, profile[key] ?? '']);
  return {
    ...(Object.fromEntries(entries) as Record<ProfileTextField, string>),
    gender: profile.gender,
    birthDate: profile.birthDate,
    idNumber: '',
    idNumberConsent: profile.idNumberConsent,
    photoFileId: profile.photoFileId,
  };
}

export function toProfileRows(profile: MemberProfile): ProfileRow[] {
  return PROFILE_TEXT_FIELDS.map((key) => ({
    key,
    label: zhCN.profile.fields[key],
    value: profile[key] ?? zhCN.profile.empty,
  }));
}

/**
 * Only what the member changed, trimmed, so that an untouched field is never rewritten (the
 * backend changes only the fields sent); a field emptied is sent as null, which clears it.
 * Checks of format are the backend's: it answers with the sentence to show.
 */
export function changedFields(profile: MemberProfile, form: ProfileForm): MemberProfileUpdate {
  const changes: MemberProfileUpdate = {};
  for (const key of PROFILE_TEXT_FIELDS) {
    const value = form[key].trim();
    const next = value === '' ? null : value;
    if (next !== (profile[key] ?? null)) changes[key] = next;
  }
  if (form.gender !== profile.gender) changes.gender = form.gender;
  if (form.birthDate !== profile.birthDate) changes.birthDate = form.birthDate;
  if (form.photoFileId !== profile.photoFileId) changes.photoFileId = form.photoFileId;
  if (form.idNumberConsent !== profile.idNumberConsent) {
    changes.idNumberConsent = form.idNumberConsent;
  }
  const idNumber = form.idNumber.trim();
  if (idNumber !== '') changes.idNumber = idNumber.toUpperCase();
  return changes;
}

/** The form field that shows a backend message about request field `field`, or null. */
export function profileFieldOf(field: string | null): ProfileFormField | null {
  if (field === null) return null;
  if (field === 'idNumberConsent') return 'idNumber';
  if (field === 'photoFileId') return 'photo';
  const known: readonly string[] = [...PROFILE_TEXT_FIELDS, 'gender', 'birthDate', 'idNumber'];
  return known.includes(field) ? (field as ProfileFormField) : null;
}

/** Today as an Asia/Shanghai calendar date (YYYY-MM-DD), whatever the phone's time zone. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
