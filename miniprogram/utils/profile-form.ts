import type { MemberProfile, MemberProfileUpdate } from '../../typings/actions';
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

/** The form's values: '' for a field not filled in, as t-input holds it. */
export type ProfileForm = Record<ProfileTextField, string>;

/** One row of the read-only view. */
export interface ProfileRow {
  key: ProfileTextField;
  label: string;
  value: string;
}

export function toProfileForm(profile: MemberProfile): ProfileForm {
  const entries = PROFILE_TEXT_FIELDS.map((key) => [key, profile[key] ?? '']);
  return Object.fromEntries(entries) as ProfileForm;
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
  return changes;
}
