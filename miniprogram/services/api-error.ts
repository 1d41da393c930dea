import type { ErrorCode } from '../../typings/enums';

/** The backend's codes plus the one only the client can see: the call never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

/**
 * A failed action as pages see it: the code to branch on, the Chinese message to show, for
 * LOCKED / RATE_LIMITED when to try again (ISO 8601, UTC), and for INVALID_INPUT the request
 * field the message is about, when the backend names one.
 */
export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly retryAt: string | null;
  readonly field: string | null;
  /** On CONFLICT, which conflict, when the backend tells them apart. */
  readonly reason: string | null;

  constructor(
    code: ClientErrorCode,
    message: string,
    retryAt: string | null = null,
    field: string | null = null,
    reason: string | null = null,
  ) {
    super(message);
    // Compiled to ES5 (DevTools), a subclass of Error loses its prototype without this,
    // and `instanceof ApiError` would be false.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.code = code;
    this.retryAt = retryAt;
    this.field = field;
    this.reason = reason;
  }
}

/** True for an ApiError with one of `codes`. */
export function isApiError(error: unknown, ...codes: ClientErrorCode[]): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  return codes.length === 0 || codes.includes(error.code);
}
