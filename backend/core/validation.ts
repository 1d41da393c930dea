import { z } from 'zod';
import { AppError } from './errors';

/**
 * What members and the secretariat call each field, for messages. A field not listed is
 * named by its key, which only a developer's mistake can reach.
 */
const FIELD_LABELS: Record<string, string> = {
  phone: '手机号',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  username: '账号',
  displayName: '姓名',
  role: '角色',
  disabled: '停用状态',
  fileId: '文件',
  fileIds: '文件',
  orderId: '订单',
  years: '续费年限',
  requestId: '提交编号',
  reason: '退回原因',
  invoiceNo: '发票号码',
  memberId: '会员',
  query: '搜索词',
  page: '页码',
  pageSize: '每页条数',
  name: '名称',
  shortName: '简称',
  intro: '简介',
};

/** The field an issue is about: the last named key of its path (an array index names none). */
function labelOf(path: readonly PropertyKey[] | undefined): string {
  const key = [...(path ?? [])].reverse().find((part) => typeof part === 'string');
  if (key === undefined) return '请求';
  return FIELD_LABELS[String(key)] ?? String(key);
}

/**
 * Messages in plain Chinese for what a schema does not word itself: a schema's own message
 * (`z.string().min(1, '请输入手机号')`) always wins over these.
 */
z.config({
  customError: (issue) => {
    const label = labelOf(issue.path);
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? `请填写${label}` : `${label}的格式不正确`;
      case 'too_big':
        return issue.origin === 'string'
          ? `${label}不能超过${String(issue.maximum)}个字`
          : `${label}不能大于${String(issue.maximum)}`;
      case 'too_small':
        if (issue.origin === 'string') {
          return Number(issue.minimum) <= 1
            ? `请填写${label}`
            : `${label}至少需要${String(issue.minimum)}个字`;
        }
        return `${label}不能小于${String(issue.minimum)}`;
      case 'unrecognized_keys':
        return `请求中有不支持的内容：${issue.keys.join('、')}`;
      case 'invalid_value':
        return `${label}的取值无效`;
      default:
        return `${label}填写有误`;
    }
  },
});

/** Parses `value` with `schema`, or fails with INVALID_INPUT and the first problem's message. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path[0];
  throw new AppError('INVALID_INPUT', issue?.message ?? '提交的信息有误', {
    ...(typeof key === 'string' ? { field: key } : {}),
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
  /** A list's page, from 1. */
  page: z.number().int().min(1).max(100_000).optional(),
  /** Rows per page: at most 100 (a console table's largest choice). */
  pageSize: z.number().int().min(1).max(100).optional(),
};

/**
 * The id a client makes once per form (a UUID, say) so that a repeated submit answers the
 * first one's result: 8-64 letters, digits, `-` and `_`.
 */
export const requestIdInput = z
  .string({ error: '请求标识无效，请重新提交' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求标识无效，请重新提交');

/** A paged list's page and page size, spread into its input: `{ status, ...pagingInput }`. */
export const pagingInput = { page: fields.page, pageSize: fields.pageSize };
