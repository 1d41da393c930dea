/**
 * What a failed WeChat API call means for the member. Platforms word the same refusal
 * differently (DevTools `fail auth deny`, Android `fail auth denied`, iOS `fail authorize no
 * response`, WeCom `fail:system permission denied`), and newer base libraries add `errno`:
 * one kind per thing the page can do about it.
 */
export type WxFailureKind =
  /** A permission (scope) is off: explain and offer 去设置 (wx.openSetting). */
  | 'denied'
  /** The privacy prompt was refused: tapping again asks again. */
  | 'privacy'
  /** The member backed out (closed a picker or dialog): not an error. */
  | 'cancelled'
  | 'other';

/** errno of a scope the member refused (API scope denied). */
const ERRNO_DENIED = 103;
/** errno of a privacy prompt the member refused (privacy permission is not authorized). */
const ERRNO_PRIVACY = 104;

const DENIED = /auth deny|auth denied|authorize no response|fail authorize|permission denied/i;
// The misspelling has been reported from real devices; both are matched.
const PRIVACY = /privacy permission is not (authorized|authroized)/i;
const CANCELLED = /cancel/i;

export function wxFailureKind(error: unknown): WxFailureKind {
  const { errMsg, errno } = (error ?? {}) as { errMsg?: unknown; errno?: unknown };
  const message = typeof errMsg === 'string' ? errMsg : '';
  if (errno === ERRNO_PRIVACY || PRIVACY.test(message)) return 'privacy';
  if (errno === ERRNO_DENIED || DENIED.test(message)) return 'denied';
  if (CANCELLED.test(message)) return 'cancelled';
  return 'other';
}
