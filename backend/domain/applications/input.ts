import { z } from 'zod';
import type { ActionRequest } from '../../../typings';
import { isCalendarDate } from '../../core/dates';
import { fields, requestIdInput } from '../../core/validation';
import { EMAIL_PATTERN, optionalPattern, optionalText } from '../members/input-fields';
import { checkPhone } from '../members/phone';
import { idNumberInput, PROFILE_TEXT_FIELDS } from '../members/profile-input';

// The 入会申请 form reuses the members' field rules (members/profile-input.ts), so what an
// applicant may enter is exactly what the member may later keep in 基本信息.

/** A required one-line text: the optional rule, then "must be filled in". */
function requiredText(label: string, max: number) {
  return optionalText(label, max).refine(
    (value): value is string => typeof value === 'string' && value !== '',
    `请填写${label}`,
  );
}

const phone = fields.phoneInput.transform((value, ctx) => {
  const check = checkPhone(value);
  if (check.ok) return check.value;
  ctx.addIssue({ code: 'custom', message: check.reason });
  return z.NEVER;
});

function text(key: keyof typeof PROFILE_TEXT_FIELDS) {
  const [label, max] = PROFILE_TEXT_FIELDS[key];
  return optionalText(label, max);
}

const referenceCode = z
  .string({ error: '请填写申请编号' })
  .trim()
  .min(1, '请填写申请编号')
  .max(32, '申请编号不正确');

/** The signed form: a PDF or photos, 1-9 files. */
export const MAX_FORM_FILES = 9;
const fileIds = z
  .array(z.string({ error: '上传的文件无效，请重新上传' }).min(1).max(64), {
    error: '请上传签字的入会申请表',
  })
  .min(1, '请上传签字的入会申请表（PDF 或照片）')
  .max(MAX_FORM_FILES, `入会申请表最多上传 ${MAX_FORM_FILES} 个文件`)
  .refine((ids) => new Set(ids).size === ids.length, '同一个文件不能重复上传');

/** The form's fields; the ID number is kept only with its own consent. */
const formShape = {
  memberType: requiredText('会员类型', 20),
  name: requiredText('姓名', 50),
  gender: z.enum(['男', '女'], { error: '请选择性别' }),
  birthDate: requiredText('出生日期', 10).refine(
    (value) => isCalendarDate(value),
    '出生日期应为真实日期，格式如 1980-01-31',
  ),
  phone,
  idNumber: idNumberInput,
  idNumberConsent: z.boolean({ error: '是否同意保存身份证号的格式不正确' }).optional(),
  workUnit: requiredText(PROFILE_TEXT_FIELDS.workUnit[0], PROFILE_TEXT_FIELDS.workUnit[1]),
  department: text('department'),
  title: text('title'),
  position: text('position'),
  education: text('education'),
  specialty: text('specialty'),
  address: text('address'),
  email: optionalPattern('电子邮箱', 100, EMAIL_PATTERN, '电子邮箱的格式不正确'),
};

/** What a submit and a resubmit send besides the form. */
const submissionShape = {
  personalInfoConsent: z.literal(true, { error: '请阅读并同意个人信息处理规则' }),
  requestId: requestIdInput,
  uploadGrant: z
    .string({ error: '上传凭证已失效，请重新打开入会申请页面后上传' })
    .max(64)
    .optional(),
  fileIds,
  resultMessageAccepted: z.boolean().optional(),
};

const idNeedsConsent = {
  check: (form: { idNumber?: string | null; idNumberConsent?: boolean }) =>
    !form.idNumber || form.idNumberConsent === true,
  issue: { message: '填写身份证号需同意保存身份证号', path: ['idNumberConsent'] },
};

/**
 * The input of `application.submit`. The consent to the handling of personal information
 * is required; the ID number is optional.
 */
export const submitInput = z
  .strictObject({ ...formShape, ...submissionShape })
  .refine(idNeedsConsent.check, idNeedsConsent.issue) as unknown as z.ZodType<
  ActionRequest<'application.submit'>
>;

/** `application.resubmit`: the same form, and the reference code that finds it with the phone. */
export const resubmitInput = z
  .strictObject({ ...formShape, ...submissionShape, referenceCode })
  .refine(idNeedsConsent.check, idNeedsConsent.issue) as unknown as z.ZodType<
  ActionRequest<'application.resubmit'>
>;

export const statusInput = z.strictObject({ phone, referenceCode });

/** A rejection's reason, which the applicant reads. */
export const reviewInput = z
  .strictObject({
    applicationId: z.string({ error: '未找到该入会申请' }).min(1).max(64),
    decision: z.enum(['approve', 'reject'], { error: '请选择通过或退回' }),
    reason: z.string().trim().max(200, '退回原因不能超过200个字').optional(),
  })
  .refine((input) => input.decision !== 'reject' || (input.reason ?? '').length >= 2, {
    message: '请填写退回原因（2-200个字）',
    path: ['reason'],
  });
