import { z } from 'zod';
import { AppError } from '../../core/errors';
import { hasControl } from '../../core/text';

/** What members call the fields they may not change, for the refusal. */
const READ_ONLY_LABELS: Record<string, string> = {
  name: '姓名',
  phone: '手机号',
  memberNo: '会员编号',
  memberType: '会员类型',
  expiresOn: '到期日期',
  joinedOn: '入会日期',
  id: '会员标识',
  _id: '会员标识',
  memberId: '会员标识',
};

/**
 * A strict object whose refusal of an unknown field says the member cannot edit it: name,
 * phone and member number are the secretariat's, and no request may name a member.
 */
export function memberEditable<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      const labels = issue.keys.map((key) => READ_ONLY_LABELS[key] ?? key);
      return `${labels.join('、')}不能由会员本人修改`;
    },
  });
}

/**
 * An optional one-line text field: trimmed, capped at `max` characters, free of control
 * characters; null clears it.
 */
export function optionalText(label: string, max: number) {
  return z
    .string({ error: `${label}的格式不正确` })
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .refine((value) => !hasControl(value), `${label}只能是一行文字，不能包含无法显示的字符`)
    .nullable()
    .optional();
}

/** An optional text field that must match `pattern` when filled in. */
export function optionalPattern(label: string, max: number, pattern: RegExp, message: string) {
  return z
    .string({ error: `${label}的格式不正确` })
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .refine((value) => !hasControl(value), `${label}只能是一行文字，不能包含无法显示的字符`)
    .refine((value) => value === '' || pattern.test(value), message)
    .nullable()
    .optional();
}

/** Deliberately plain: one @, no spaces, a dot in the domain. The mail server decides the rest. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Blank text is "not filled in". */
export function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** INVALID_INPUT with a member-facing message, shown on `field` when one is named. */
export function invalid(message: string, field?: string): AppError {
  return new AppError('INVALID_INPUT', message, field ? { field } : {});
}
