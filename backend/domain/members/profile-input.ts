import { z } from 'zod';
import type { MemberProfileUpdate } from '../../../typings';
import { isCalendarDate } from '../../core/dates';
import { checkIdNumber } from './id-number';
import { EMAIL_PATTERN, memberEditable, optionalPattern, optionalText } from './input-fields';

/** The 基本信息 text fields that are stored as typed, with their caps in characters. */
export const PROFILE_TEXT_FIELDS = {
  workUnit: ['工作单位', 100],
  department: ['部门', 100],
  title: ['职称', 50],
  position: ['职务', 50],
  education: ['学历', 50],
  specialty: ['专业', 100],
  address: ['通讯地址', 200],
} as const;

type TextField = keyof typeof PROFILE_TEXT_FIELDS;

const textShape = Object.fromEntries(
  Object.entries(PROFILE_TEXT_FIELDS).map(([key, [label, max]]) => [key, optionalText(label, max)]),
) as Record<TextField, ReturnType<typeof optionalText>>;

/** An ID number as typed: blank is none, otherwise GB 11643 with its check digit. */
export const idNumberInput = z
  .string({ error: '身份证号的格式不正确' })
  .max(32, '身份证号应为18位，最后一位可以是X')
  .transform((value, ctx) => {
    if (value.trim() === '') return null;
    const check = checkIdNumber(value);
    if (check.ok) return check.value;
    ctx.addIssue({ code: 'custom', message: check.reason });
    return z.NEVER;
  })
  .nullable()
  .optional();

/** The input of `member.profile.update`: only what the member may edit, all optional. */
export const profileUpdateInput: z.ZodType<MemberProfileUpdate> = memberEditable({
  ...textShape,
  gender: z.enum(['男', '女'], { error: '性别只能是男或女' }).nullable().optional(),
  birthDate: optionalText('出生日期', 10).refine(
    (value) => !value || isCalendarDate(value),
    '出生日期应为真实日期，格式如 1980-01-31',
  ),
  idNumber: idNumberInput,
  idNumberConsent: z.boolean({ error: '是否同意保存身份证号的格式不正确' }).optional(),
  postalCode: optionalPattern('邮政编码', 6, /^\d{6}$/, '邮政编码应为6位数字'),
  email: optionalPattern('电子邮箱', 100, EMAIL_PATTERN, '电子邮箱的格式不正确'),
  photoFileId: z.string({ error: '照片的格式不正确' }).max(64, '照片无效').nullable().optional(),
});
