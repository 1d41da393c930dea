import type { MemberProfile, MemberProfileUpdate } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { calendarDate } from '../../core/dates';
import { maskPhone } from '../../core/mask';
import type { Write } from '../../ports/store';
import { attachPhotoWrites } from './photo';
import { idBirthDate, maskIdNumber } from './id-number';
import { blankToNull, invalid } from './input-fields';
import type { MemberDoc } from './model';
import { loadOwnMember, saveMemberChanges } from './member-writes';
import { PROFILE_TEXT_FIELDS } from './profile-input';

/** Fields stored as sent (after trimming): everything but the ID number and the photo. */
const PLAIN_FIELDS = [
  ...(Object.keys(PROFILE_TEXT_FIELDS) as (keyof typeof PROFILE_TEXT_FIELDS)[]),
  'gender',
  'birthDate',
  'postalCode',
  'email',
] as const;

const EARLIEST_BIRTH_DATE = '1900-01-01';

/** 基本信息 of a member record; the ID number leaves only masked. */
export function toProfile(member: MemberDoc): MemberProfile {
  const gender = member.gender === '男' || member.gender === '女' ? member.gender : null;
  return {
    name: member.name,
    phoneMasked: maskPhone(member.phone),
    memberNo: member.memberNo,
    memberType: member.memberType,
    gender,
    birthDate: member.birthDate,
    workUnit: member.workUnit,
    department: member.department ?? null,
    title: member.title,
    position: member.position,
    education: member.education ?? null,
    specialty: member.specialty ?? null,
    address: member.address ?? null,
    postalCode: member.postalCode ?? null,
    email: member.email,
    photoFileId: member.photoFileId ?? null,
    idNumberMasked: member.idNumber ? maskIdNumber(member.idNumber) : null,
    idNumberConsent: member.idNumberConsent ?? false,
  };
}

/**
 * Applies a member's change to their own 基本信息: the fields that differ, in one batch with
 * the audit entry and the photo's keeping. Answers the new view.
 */
export async function updateOwnProfile(
  ctx: ActionContext<MemberPrincipal>,
  input: MemberProfileUpdate,
): Promise<MemberProfile> {
  const member = await loadOwnMember(ctx);
  const changes: Partial<MemberDoc> = {};

  // Plain fields: blank means cleared; only real differences are written and audited.
  for (const key of PLAIN_FIELDS) {
    if (!(key in input)) continue;
    const value = blankToNull(input[key]);
    if (value !== (member[key] ?? null)) Object.assign(changes, { [key]: value });
  }

  applyIdNumber(member, input, changes);
  checkBirthDate(member, changes, calendarDate(ctx.now));

  const extra: Write[] = [];
  if ('photoFileId' in input) {
    const photo = blankToNull(input.photoFileId);
    if (photo !== (member.photoFileId ?? null)) {
      extra.push(...(await attachPhotoWrites(ctx, photo, member.photoFileId ?? null)));
      changes.photoFileId = photo;
    }
  }

  const saved = await saveMemberChanges(ctx, member, changes, 'member.profile.update', extra);
  return toProfile(saved);
}

/** Consent first: a number is stored only with it, and withdrawing it removes the number. */
function applyIdNumber(
  member: MemberDoc,
  input: MemberProfileUpdate,
  changes: Partial<MemberDoc>,
): void {
  const hadConsent = member.idNumberConsent ?? false;
  const consent = input.idNumberConsent ?? hadConsent;
  if (consent !== hadConsent) changes.idNumberConsent = consent;

  const stored = member.idNumber ?? null;
  const sent = input.idNumber === undefined ? undefined : blankToNull(input.idNumber);
  if (sent && !consent)
    throw invalid('保存身份证号须先同意学会保存您的身份证号', 'idNumberConsent');

  const next = !consent ? null : sent === undefined ? stored : sent;
  if (next !== stored) changes.idNumber = next;
}

/** A birth date must be real, past, and the one the ID number says when both are present. */
function checkBirthDate(member: MemberDoc, changes: Partial<MemberDoc>, today: string): void {
  const birthDate = 'birthDate' in changes ? changes.birthDate : member.birthDate;
  const idNumber = 'idNumber' in changes ? changes.idNumber : member.idNumber;
  if ('birthDate' in changes && birthDate) {
    if (birthDate > today || birthDate < EARLIEST_BIRTH_DATE) {
      throw invalid('出生日期不在合理范围内，请核对', 'birthDate');
    }
  }
  if (birthDate && idNumber && idBirthDate(idNumber) !== birthDate) {
    const field = 'birthDate' in changes ? 'birthDate' : 'idNumber';
    throw invalid('出生日期与身份证号中的出生日期不一致，请核对', field);
  }
}
