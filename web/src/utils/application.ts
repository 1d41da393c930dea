/**
 * 入会申请 without the page: the form's state, the requests built from it, and the checks a
 * picked file gets before its upload. Nothing here calls the backend.
 */
import type {
  ActionRequest,
  ApplicationForm,
  ApplicationFormView,
  ApplicationStatus,
} from '../../../typings';

/** The optional one-line fields after 工作单位, in the order of the paper form. */
export const APPLICATION_TEXT_FIELDS = [
  'department',
  'title',
  'position',
  'education',
  'specialty',
  'address',
  'email',
] as const;

export type ApplicationTextField = (typeof APPLICATION_TEXT_FIELDS)[number];

/** Caps in characters, as the backend checks them (members/profile-input.ts). */
export const FIELD_MAX = {
  memberType: 20,
  name: 50,
  workUnit: 100,
  department: 100,
  title: 50,
  position: 50,
  education: 50,
  specialty: 100,
  address: 200,
  email: 100,
} as const satisfies Record<string, number>;

/** The signed form: 1-9 files, a PDF or photos, each at most 10 MB (the upload's own cap). */
export const MAX_APPLICATION_FILES = 9;
export const MAX_APPLICATION_FILE_BYTES = 10 * 1024 * 1024;
export const APPLICATION_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const APPLICATION_FILE_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** The form's state: text inputs hold '' for "not filled in", never null. */
export type ApplicationDraft = Record<ApplicationTextField, string> & {
  memberType: string;
  name: string;
  gender: '男' | '女' | '';
  birthDate: string;
  phone: string;
  /** Typed here; on a resubmission blank means "keep the stored one" while consented. */
  idNumber: string;
  idNumberConsent: boolean;
  workUnit: string;
  /** 我已阅读并同意《隐私保护指引》: sent as `personalInfoConsent`. */
  privacyAccepted: boolean;
};

/** A blank form; with one member type on offer it is chosen already. */
export function emptyDraft(memberTypes: readonly string[] = []): ApplicationDraft {
  const text = Object.fromEntries(APPLICATION_TEXT_FIELDS.map((key) => [key, '']));
  return {
    ...(text as Record<ApplicationTextField, string>),
    memberType: memberTypes.length === 1 ? (memberTypes[0] ?? '') : '',
    name: '',
    gender: '',
    birthDate: '',
    phone: '',
    idNumber: '',
    idNumberConsent: false,
    workUnit: '',
    privacyAccepted: false,
  };
}

/**
 * A rejected application's form to correct: what was sent, the ID number left blank (only its
 * mask is known) and the privacy consent asked again, as it is for every submission.
 */
export function draftFromAnswer(form: ApplicationFormView): ApplicationDraft {
  const text = Object.fromEntries(APPLICATION_TEXT_FIELDS.map((key) => [key, form[key] ?? '']));
  return {
    ...(text as Record<ApplicationTextField, string>),
    memberType: form.memberType,
    name: form.name,
    gender: form.gender,
    birthDate: form.birthDate,
    phone: form.phone,
    idNumber: '',
    idNumberConsent: form.idNumberConsent,
    workUnit: form.workUnit,
    privacyAccepted: false,
  };
}

/** An ID number as the form checks it before sending; the backend checks its check digit. */
export function looksLikeIdNumber(value: string): boolean {
  return /^\d{17}[\dXx]$/.test(value.trim());
}

/** The same pattern as the backend's, so a typo is caught before the round trip. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value.trim());
}

/**
 * The form as the backend takes it: trimmed, blanks as null. The ID number goes only when
 * typed; left blank with consent it is omitted, which on a resubmission keeps the stored one,
 * and without consent it is sent as null, which drops one stored before.
 */
export function applicationFormOf(draft: ApplicationDraft): ApplicationForm {
  if (draft.gender === '') throw new Error('gender is checked by the form before sending');
  const text = Object.fromEntries(
    APPLICATION_TEXT_FIELDS.map((key) => [key, draft[key].trim() || null]),
  ) as Record<ApplicationTextField, string | null>;
  const form: ApplicationForm = {
    memberType: draft.memberType,
    name: draft.name.trim(),
    gender: draft.gender,
    birthDate: draft.birthDate,
    phone: draft.phone.trim(),
    workUnit: draft.workUnit.trim(),
    ...text,
    idNumberConsent: draft.idNumberConsent,
  };

  const idNumber = draft.idNumber.trim();
  if (idNumber) form.idNumber = idNumber.toUpperCase();
  else if (!draft.idNumberConsent) form.idNumber = null;
  return form;
}

/** What a submit sends besides the form: the files and the tap's request id. */
export interface SubmissionParts {
  requestId: string;
  /** The grant the new uploads were made with; absent when there are none. */
  uploadGrant?: string;
  fileIds: string[];
}

/** `application.submit` of a first application. */
export function submitRequest(
  draft: ApplicationDraft,
  parts: SubmissionParts,
): ActionRequest<'application.submit'> {
  return { ...applicationFormOf(draft), personalInfoConsent: true, ...parts };
}

/** `application.resubmit` of the rejected application `referenceCode`, phone unchanged. */
export function resubmitRequest(
  draft: ApplicationDraft,
  referenceCode: string,
  parts: SubmissionParts,
): ActionRequest<'application.resubmit'> {
  return { ...applicationFormOf(draft), personalInfoConsent: true, referenceCode, ...parts };
}

/** Why a picked file cannot be one of the signed form's pages, or null when it can. */
export type FileProblem = 'badType' | 'tooLarge' | 'empty';

/**
 * The checks the upload makes on the bytes, made on the name's type and the size first so
 * the applicant hears at once; the server still decides by the content.
 */
export function fileProblem(file: {
  name: string;
  type: string;
  size: number;
}): FileProblem | null {
  // Some systems give no type for a known extension; the name then stands in for it.
  const typed = (APPLICATION_FILE_TYPES as readonly string[]).includes(file.type);
  const named = file.type === '' && /\.(pdf|jpe?g|png)$/i.test(file.name);
  if (!typed && !named) return 'badType';
  if (file.size === 0) return 'empty';
  if (file.size > MAX_APPLICATION_FILE_BYTES) return 'tooLarge';
  return null;
}

/** A size for people: 834 KB, 2.4 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A request id of 32 hex characters. crypto.getRandomValues, not randomUUID: the local
 * 入会申请 QR code opens the portal over plain http on a phone, where randomUUID is missing.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A reference code as people type it: spaces and dashes dropped, upper case. */
export function tidyReferenceCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** Tag colours of the three states: under review in progress, approved green, rejected red. */
export const APPLICATION_STATUS_THEMES = {
  underReview: 'primary',
  approved: 'success',
  rejected: 'danger',
} as const satisfies Record<ApplicationStatus, string>;

/**
 * What a refused submit offers beside its message: a member already logs in, a phone with an
 * application under review looks it up.
 */
export function conflictOffer(
  failure: { code: string; reason: string | null } | null,
): 'login' | 'status' | null {
  if (!failure || failure.code !== 'CONFLICT') return null;
  if (failure.reason === 'alreadyMember') return 'login';
  return failure.reason === 'underReview' ? 'status' : null;
}

/** The one value of a query parameter, or '' (vue-router gives arrays for repeats). */
export function queryValue(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}
