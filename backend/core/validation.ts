import { z } from 'zod';
import { AppError } from './errors';

// Validation messages in Chinese, for every schema in the backend.
z.config(z.locales.zhCN());

/** Parses `value` with `schema`, or fails with INVALID_INPUT naming the first bad field. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${issue.path.join('.')}：` : '';
  throw new AppError('INVALID_INPUT', `${path}${issue?.message ?? '提交的信息有误'}`, {
    detail: { issues: result.error.issues.map((i) => ({ path: i.path, code: i.code })) },
  });
}

/** Shared field schemas. Every string has a length cap: nothing is silently truncated. */
export const fields = {
  /** A mainland mobile number as typed; normalised by the domain. */
  phoneInput: z.string().trim().min(1, '请输入手机号').max(32, '手机号过长'),
  password: z.string().min(1, '请输入密码').max(128, '密码过长'),
  id: z.string().min(1).max(64),
  shortText: (max: number) => z.string().trim().max(max, `不能超过${max}个字`),
};
