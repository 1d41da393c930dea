import type { ErrorCode } from '../../typings';

/**
 * A failure the caller is meant to see: a code for the client and a Chinese sentence for the
 * member. `detail` goes to the log only, never into the envelope.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: {
      retryAt?: Date;
      /** The request field the message is about (see ActionFailure.field). */
      field?: string;
      /** Which conflict (see ActionFailure.reason). */
      reason?: string;
      detail?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** HTTP status for each code, so that proxies and browsers see a fitting answer too. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNKNOWN_ACTION: 404,
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED: 423,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  NOT_CONFIGURED: 503,
  UPSTREAM: 502,
  INTERNAL: 500,
};

/** Default member-facing messages; actions give more specific ones where they can. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  UNKNOWN_ACTION: '不支持的操作，请更新小程序或刷新页面后重试',
  INVALID_INPUT: '提交的信息有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  PASSWORD_CHANGE_REQUIRED: '首次登录请先修改初始密码',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '未找到相关记录',
  CONFLICT: '操作冲突，请刷新后重试',
  LOCKED: '账号已暂时锁定，请稍后再试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  NOT_CONFIGURED: '该功能尚未配置，请联系学会秘书处',
  UPSTREAM: '微信服务暂时不可用，请稍后重试',
  INTERNAL: '系统繁忙，请稍后重试',
};
