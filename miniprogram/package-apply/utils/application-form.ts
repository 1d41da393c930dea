import type {
  ActionRequest,
  ApplicationFile,
  ApplicationForm,
  ApplicationFormView,
  ApplicationStatus,
  ApplicationStatusAnswer,
  Gender,
} from '../../../typings/actions';
import { fill, zhCN } from '../../locales/zh-CN';
import { shanghaiTime } from '../../utils/dues-view';

const t = zhCN.apply;

/** The text fields typed into t-inputs below the ID number, in the paper form's order. */
export const APPLICATION_TEXT_FIELDS = [
  'workUnit',
  'department',
  'title',
  'position',
  'education',
  'specialty',
  'address',
  'email',
] as const;

export type ApplicationTextField = (typeof APPLICATION_TEXT_FIELDS)[number];

/** Text fields the backend refuses blank (besides 姓名 and 手机号, which come first). */
const REQUIRED_TEXT_FIELDS: readonly ApplicationTextField[] = ['workUnit'];

/**
 * Caps in characters, the backend's own (applications/input.ts and members/profile-input.ts),
 * so that t-input stops the applicant where the backend would refuse. The backend still checks.
 */
export const APPLICATION_MAX_LENGTH: Record<
  ApplicationTextField | 'name' | 'phone' | 'idNumber',
  number
> = {
  name: 50,
  phone: 11,
  idNumber: 18,
  workUnit: 100,
  department: 100,
  title: 50,
  position: 50,
  education: 50,
  specialty: 100,
  address: 200,
  email: 100,
};

/** The signed form: 1-9 files (ApplicationSubmission.fileIds), each at most 10 MB. */
export const MAX_FORM_FILES = 9;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * The form's values as the page holds them: '' for a text not typed, null for a choice not
 * made. In a resubmission the ID number starts empty (only its mask is known), and empty with
 * consent means "keep the stored one".
 */
export type ApplyForm = Record<ApplicationTextField, string> & {
  memberType: string;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  phone: string;
  idNumber: string;
  idNumberConsent: boolean;
};

/** A place on the page a message can be shown on. */
export type ApplyFormField =
  | ApplicationTextField
  | 'memberType'
  | 'name'
  | 'gender'
  | 'birthDate'
  | 'phone'
  | 'idNumber'
  | 'files'
  | 'privacy';

/** One t-input of the lower part of the form. */
export interface TextInput {
  key: ApplicationTextField;
  label: string;
  placeholder: string;
  maxLength: number;
}

export const TEXT_INPUTS: readonly TextInput[] = APPLICATION_TEXT_FIELDS.map((key) => ({
  key,
  label: t.fields[key],
  placeholder: REQUIRED_TEXT_FIELDS.includes(key) ? t.placeholder : t.optional,
  maxLength: APPLICATION_MAX_LENGTH[key],
}));

/** A blank form; with a single member type on offer, that one is already chosen. */
export function emptyApplyForm(memberTypes: readonly string[]): ApplyForm {
  const texts = Object.fromEntries(APPLICATION_TEXT_FIELDS.map((key) => [key, '']));
  return {
    ...(texts as Record<ApplicationTextField, string>),
    memberType: memberTypes.length === 1 ? (memberTypes[0] ?? '') : '',
    name: '',
    gender: null,
    birthDate: null,
    phone: '',
    idNumber: '',
    idNumberConsent: false,
  };
}

/** The rejected application's form, to correct rather than type again. */
export function applyFormFromView(view: ApplicationFormView, phone: string): ApplyForm {
  const texts = Object.fromEntries(APPLICATION_TEXT_FIELDS.map((key) => [key, view[key] ?? '']));
  return {
    ...(texts as Record<ApplicationTextField, string>),
    memberType: view.memberType,
    name: view.name,
    gender: view.gender,
    birthDate: view.birthDate,
    phone,
    idNumber: '',
    idNumberConsent: view.idNumberConsent === true,
  };
}

export type FormFileState = 'uploading' | 'done' | 'failed' | 'kept';

/**
 * One file of the signed form: uploading with its percentage, uploaded or kept from the
 * earlier submission (a file id either way), or failed.
 */
export interface FormFileRow {
  key: string;
  name: string;
  state: FormFileState;
  percent: number;
  stateText: string;
  fileId: string;
  /** The upload grant it went with; '' for a kept file. */
  grant: string;
}

export function fileStateText(state: FormFileState, percent: number): string {
  if (state === 'uploading') return `${t.uploading} ${percent}%`;
  if (state === 'kept') return t.kept;
  return state === 'done' ? t.uploaded : t.uploadFailed;
}

/** The earlier submission's files, listed first in a resubmission and kept unless removed. */
export function keptFileRows(files: readonly ApplicationFile[]): FormFileRow[] {
  return files.map((file) => ({
    key: `kept-${file.fileId}`,
    name: file.name,
    state: 'kept',
    percent: 100,
    stateText: fileStateText('kept', 100),
    fileId: file.fileId,
    grant: '',
  }));
}

/** The file ids the request lists: kept and newly uploaded files, in the order shown. */
export function fileIdsOf(files: readonly FormFileRow[]): string[] {
  return files
    .filter((file) => file.state === 'done' || file.state === 'kept')
    .map((f) => f.fileId);
}

/** The message for the first chosen file over 10 MB, or null when all may be uploaded. */
export function oversizedMessage(chosen: readonly { name: string; size: number }[]): string | null {
  const big = chosen.find((file) => file.size > MAX_FILE_BYTES);
  return big ? fill(t.tooLarge, { name: big.name }) : null;
}

export interface FormProblem {
  field: ApplyFormField;
  message: string;
}

/**
 * What stops a submit before any call, top to bottom as the page shows the fields: a missing
 * required value, an ID number without its consent, files missing or not finished, the
 * privacy consent. Formats (phone, ID number, email) are the backend's to judge.
 */
export function firstProblem(
  form: ApplyForm,
  files: readonly FormFileRow[],
  privacyAgreed: boolean,
): FormProblem | null {
  const choice = (field: ApplyFormField, label: string) => ({
    field,
    message: fill(t.missingChoice, { label }),
  });
  const text = (field: ApplyFormField, label: string) => ({
    field,
    message: fill(t.missingText, { label }),
  });

  if (form.memberType === '') return choice('memberType', t.memberType);
  if (form.name.trim() === '') return text('name', t.name);
  if (!form.gender) return choice('gender', t.gender);
  if (!form.birthDate) return choice('birthDate', t.birthDate);
  if (form.phone.trim() === '') return text('phone', t.phone);
  if (form.idNumber.trim() !== '' && !form.idNumberConsent) {
    return { field: 'idNumber', message: t.idNumberNeedsConsent };
  }
  const blank = REQUIRED_TEXT_FIELDS.find((key) => form[key].trim() === '');
  if (blank) return text(blank, t.fields[blank]);

  if (files.some((file) => file.state === 'uploading')) {
    return { field: 'files', message: t.stillUploading };
  }
  if (files.some((file) => file.state === 'failed')) {
    return { field: 'files', message: t.removeFailed };
  }
  if (fileIdsOf(files).length === 0) return { field: 'files', message: t.filesMissing };
  if (!privacyAgreed) return { field: 'privacy', message: t.privacyMissing };
  return null;
}

/**
 * The form as the backend takes it: texts trimmed, a blank optional field as null (a
 * resubmission replaces the whole form, so null clears it). The ID number: a typed one is
 * sent (upper case X); none typed with consent keeps what is stored; no consent drops it.
 */
export function applicationFormOf(form: ApplyForm): ApplicationForm {
  // firstProblem() stops a submit without these; reaching here without them is a bug of ours.
  if (!form.gender || !form.birthDate) throw new Error('application form incomplete');
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  const idNumber = form.idNumber.trim().toUpperCase();
  const idPart: Pick<ApplicationForm, 'idNumber' | 'idNumberConsent'> =
    idNumber !== ''
      ? { idNumber, idNumberConsent: form.idNumberConsent }
      : form.idNumberConsent
        ? { idNumberConsent: true }
        : { idNumber: null, idNumberConsent: false };
  return {
    memberType: form.memberType,
    name: form.name.trim(),
    gender: form.gender,
    birthDate: form.birthDate,
    phone: form.phone.trim(),
    ...idPart,
    workUnit: form.workUnit.trim(),
    department: optional(form.department),
    title: optional(form.title),
    position: optional(form.position),
    education: optional(form.education),
    specialty: optional(form.specialty),
    address: optional(form.address),
    email: optional(form.email),
  };
}

/** What one tap of 提交 sends besides the form. */
export interface SubmitExtras {
  requestId: string;
  /** '' when nothing was uploaded in this fill (a resubmission keeping its files). */
  uploadGrant: string;
  files: readonly FormFileRow[];
  /** True when the applicant accepted the 入会审核结果 message just now. */
  resultMessageAccepted: boolean;
}

function submissionOf(extras: SubmitExtras) {
  return {
    personalInfoConsent: true as const,
    requestId: extras.requestId,
    ...(extras.uploadGrant ? { uploadGrant: extras.uploadGrant } : {}),
    fileIds: fileIdsOf(extras.files),
    ...(extras.resultMessageAccepted ? { resultMessageAccepted: true } : {}),
  };
}

export function submitRequestOf(
  form: ApplyForm,
  extras: SubmitExtras,
): ActionRequest<'application.submit'> {
  return { ...applicationFormOf(form), ...submissionOf(extras) };
}

/** The resubmission: the same phone and reference code identify the application. */
export function resubmitRequestOf(
  form: ApplyForm,
  referenceCode: string,
  extras: SubmitExtras,
): ActionRequest<'application.resubmit'> {
  return { ...applicationFormOf(form), ...submissionOf(extras), referenceCode };
}

/** The form field that shows a backend message about request field `field`, or null. */
export function applyFieldOf(field: string | null): ApplyFormField | null {
  if (field === null) return null;
  if (field === 'idNumberConsent') return 'idNumber';
  if (field === 'fileIds' || field === 'uploadGrant') return 'files';
  if (field === 'personalInfoConsent') return 'privacy';
  const known: readonly string[] = [
    ...APPLICATION_TEXT_FIELDS,
    'memberType',
    'name',
    'gender',
    'birthDate',
    'phone',
    'idNumber',
  ];
  return known.includes(field) ? (field as ApplyFormField) : null;
}

type TagTheme = 'primary' | 'success' | 'danger';

/** 审核中 in the brand colour, 已通过 green, 未通过 red. */
const STATUS_THEME: Record<ApplicationStatus, TagTheme> = {
  underReview: 'primary',
  approved: 'success',
  rejected: 'danger',
};

/** One application as the status page shows it. */
export interface ApplicationStatusView {
  status: ApplicationStatus;
  statusLabel: string;
  statusTheme: TagTheme;
  name: string;
  referenceCode: string;
  phone: string;
  /** Beijing time, `2026-06-15 12:00`. */
  submittedAt: string;
  reviewedAt: string;
  memberNo: string;
  reason: string;
}

export function toApplicationStatusView(
  application: ApplicationStatusAnswer & { phone: string },
): ApplicationStatusView {
  return {
    status: application.status,
    statusLabel: zhCN.applyStatus.statuses[application.status],
    statusTheme: STATUS_THEME[application.status],
    name: application.form.name,
    referenceCode: application.referenceCode,
    phone: application.phone,
    submittedAt: shanghaiTime(application.submittedAt),
    reviewedAt: application.reviewedAt ? shanghaiTime(application.reviewedAt) : '',
    memberNo: application.memberNo ?? '',
    reason: application.reason ?? '',
  };
}
