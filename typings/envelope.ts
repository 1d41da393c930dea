import type { ErrorCode } from './enums';

/** What every action answers, on every transport. */
export type ActionResult<T> = ActionSuccess<T> | ActionFailure;

export interface ActionSuccess<T> {
  ok: true;
  data: T;
}

export interface ActionFailure {
  ok: false;
  code: ErrorCode;
  /** A sentence a member can read, in Chinese. */
  message: string;
  /** Present on LOCKED and RATE_LIMITED: when to try again (ISO 8601, UTC). */
  retryAt?: string;
  /**
   * On INVALID_INPUT, where the message belongs: the request's top-level field (e.g.
   * `idNumber`), so that a form shows it on that field. Absent when it concerns no one field.
   */
  field?: string;
  /**
   * On CONFLICT, which conflict, where a client acts differently on each: e.g. a submit's
   * phone `alreadyMember` (offer login) or `underReview` (offer the status page).
   */
  reason?: string;
}

/** The body of a call: `{ action, data }` over HTTP and callFunction alike. */
export interface ActionCall<N extends string = string> {
  action: N;
  data?: unknown;
  /** Session token on callFunction; over HTTP it travels in the Authorization header. */
  token?: string;
}
