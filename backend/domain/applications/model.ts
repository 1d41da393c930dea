import { randomInt } from 'node:crypto';
import type {
  AdminApplication,
  ApplicationFile,
  ApplicationForm,
  ApplicationFormView,
  ApplicationStatus,
  ApplicationStatusAnswer,
  Instant,
} from '../../../typings';
import { maskPhone } from '../../core/mask';
import type { Doc } from '../../ports/store';
import { maskIdNumber } from '../members/id-number';

/** The form as stored: normalised phone and ID number, blanks as null. */
export type StoredForm = Required<{
  [K in keyof ApplicationForm]: Exclude<ApplicationForm[K], undefined>;
}>;

/**
 * One 入会申请. `phone` is the future login account (11 digits). `openKey` is
 * `open:<phone>` while under review and `closed:<id>` after, so a phone has one open
 * application even when two submits race.
 */
export interface ApplicationDoc extends Doc, StoredForm {
  requestKey: string;
  /** `phone:requestId` of the last resubmission, which makes it idempotent; null before. */
  resubmitKey: string | null;
  openKey: string;
  /** The hash of the submitting WeChat account's OPENID (application.mine); null off WeChat. */
  openidHash: string | null;
  /** The signed form: kept under `applications/<id>/`, read through files.link. */
  files: ApplicationFile[];
  /** Earlier rejections, oldest first; the current one is `reason`. */
  history: { reason: string; reviewedAt: Instant }[];
  referenceCode: string;
  status: ApplicationStatus;
  reason: string | null;
  createdAt: Instant;
  /** The latest submission: the first submit, or the last resubmission. */
  submittedAt: Instant;
  updatedAt: Instant;
  reviewedAt: Instant | null;
  reviewedBy: string | null;
  memberId: string | null;
  memberNo: string | null;
}

export const openKeyOf = (phone: string) => `open:${phone}`;
export const closedKeyOf = (applicationId: string) => `closed:${applicationId}`;

/** One answer for an unknown application and a wrong reference code: neither tells which. */
export const APPLICATION_NOT_FOUND = '未找到该入会申请，请核对手机号和申请编号';

/** Crockford's base32: no I, L, O or U, so a code copied by hand is not mistaken for another. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE_LENGTH = 8;

/** 8 random characters (40 bits); looked up only together with the phone, rate-limited. */
export function newReferenceCode(): string {
  let code = '';
  for (let i = 0; i < REFERENCE_LENGTH; i += 1) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return code;
}

/** A code as typed: spaces and dashes dropped, upper case, O → 0 and I, L → 1. */
export function normalizeReferenceCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The form as the applicant reads it back: the ID number masked. */
function formView(doc: ApplicationDoc): ApplicationFormView {
  return {
    memberType: doc.memberType,
    name: doc.name,
    gender: doc.gender,
    birthDate: doc.birthDate,
    phone: doc.phone,
    idNumberMasked: doc.idNumber ? maskIdNumber(doc.idNumber) : null,
    idNumberConsent: doc.idNumberConsent,
    workUnit: doc.workUnit,
    department: doc.department,
    title: doc.title,
    position: doc.position,
    education: doc.education,
    specialty: doc.specialty,
    address: doc.address,
    email: doc.email,
  };
}

export function toStatusAnswer(doc: ApplicationDoc): ApplicationStatusAnswer {
  return {
    status: doc.status,
    referenceCode: doc.referenceCode,
    reason: doc.reason,
    submittedAt: doc.submittedAt,
    reviewedAt: doc.reviewedAt,
    memberNo: doc.memberNo,
    form: formView(doc),
    files: doc.files,
  };
}

/** The reviewer's view: the whole form, phone and ID number masked as in every list. */
export function toAdminApplication(doc: ApplicationDoc): AdminApplication {
  const { phone, idNumberConsent: _consent, ...form } = formView(doc);
  return {
    id: doc._id,
    referenceCode: doc.referenceCode,
    status: doc.status,
    ...form,
    phoneMasked: maskPhone(phone),
    submittedAt: doc.submittedAt,
    reviewedAt: doc.reviewedAt,
    reason: doc.reason,
    memberNo: doc.memberNo,
    files: doc.files,
    history: doc.history,
  };
}
