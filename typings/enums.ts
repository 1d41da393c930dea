/**
 * Shared enums of the action contract. Runtime arrays live here so that the backend validates
 * against the same list the clients are typed with; the mini-program imports types only
 * (`import type`), because DevTools cannot load files from outside the mini-program root.
 */

/** Error codes of the result envelope. Clients branch on these, never on messages. */
export const ERROR_CODES = [
  'UNKNOWN_ACTION',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'PASSWORD_CHANGE_REQUIRED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'NOT_CONFIGURED',
  'UPSTREAM',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Dues status as the home page shows it: 正常, 即将到期, 已过期, 未知 (no expiry on record), and
 * 待缴费 (a member approved through 入会申请 whose first dues are not confirmed yet).
 */
export const MEMBER_STATUSES = [
  'active',
  'expiring',
  'expired',
  'unknown',
  'awaitingFirstDues',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Roles of admin accounts; every admin action names the roles it admits. */
export const ADMIN_ROLES = ['superAdmin', 'secretariat', 'finance'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Kinds of points awards, with the defaults of the points rules in the settings. */
export const POINT_EVENT_KINDS = [
  'firstLogin',
  'noticeView',
  'noticeFeedback',
  'newsView',
  'serviceApply',
  'renewal',
  'eventCheckin',
  'eventRegister',
  'adminAdjust',
] as const;
export type PointEventKind = (typeof POINT_EVENT_KINDS)[number];

/** 服务 applications: 待受理 → 已受理 → 已办结; 已驳回 from either of the first two. */
export const SERVICE_APPLICATION_STATUSES = [
  'submitted',
  'accepted',
  'completed',
  'rejected',
] as const;
export type ServiceApplicationStatus = (typeof SERVICE_APPLICATION_STATUSES)[number];

/** A member's registration for an event: 已报名, or 已取消 (may register again until the deadline). */
export const EVENT_REGISTRATION_STATUSES = ['registered', 'cancelled'] as const;
export type EventRegistrationStatus = (typeof EVENT_REGISTRATION_STATUSES)[number];

/** Why a roster row could not be imported; the Chinese reason is derived from the code. */
export const ROSTER_ROW_ERROR_CODES = [
  'PHONE_MISSING',
  'PHONE_MULTIPLE',
  'PHONE_INVALID',
  'NAME_MISSING',
  'EXPIRY_INVALID',
  'DATE_INVALID',
  'FIELD_TOO_LONG',
  'MEMBER_NO_TAKEN',
] as const;
export type RosterRowErrorCode = (typeof ROSTER_ROW_ERROR_CODES)[number];
