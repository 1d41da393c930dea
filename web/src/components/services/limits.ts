/**
 * 服务 without the pages: the limits the backend checks (typings/services.ts), checked here
 * first so a slip is caught before the round trip, and the states the console acts on.
 * Nothing here calls the backend. Characters are code points, as the backend counts them.
 */
import type { ServiceApplication, ServiceApplicationStatus } from '../../../../typings';

export const SERVICE_NAME = { min: 2, max: 50 } as const;
export const SERVICE_DESCRIPTION_MAX = 1000;
export const SERVICE_REQUIREMENTS_MAX = 500;
/** An application's text. */
export const APPLICATION_TEXT = { min: 5, max: 1000 } as const;
/** The secretariat's reply: required to 办结 and 驳回, optional to 受理. */
export const PROCESS_REPLY = { min: 2, max: 500 } as const;
/** Attachments of one application; types and size as notices take them (utils/notices.ts). */
export const MAX_APPLICATION_ATTACHMENTS = 9;

/** The moves admin.services.process makes. */
export type ProcessStatus = 'accepted' | 'completed' | 'rejected';

/** 服务申请's tabs: every state, then every application. */
export type ApplicationTab = ServiceApplicationStatus | 'all';
export const APPLICATION_TABS: readonly ApplicationTab[] = [
  'submitted',
  'accepted',
  'completed',
  'rejected',
  'all',
];

/** Where an application may go from where it is: submitted → accepted | rejected, ... */
export function nextSteps(status: ServiceApplicationStatus): ProcessStatus[] {
  if (status === 'submitted') return ['accepted', 'rejected'];
  if (status === 'accepted') return ['completed', 'rejected'];
  return [];
}

/** A move that needs the secretariat's words. */
export function replyRequired(status: ProcessStatus): boolean {
  return status !== 'accepted';
}

/** Tag colours: orange while it waits, blue in hand, green done, red refused. */
export const STATUS_THEMES = {
  submitted: 'warning',
  accepted: 'primary',
  completed: 'success',
  rejected: 'danger',
} as const satisfies Record<ServiceApplicationStatus, string>;

/** The points column's state: earned, withdrawn (an invalid application), or none. */
export function pointsState(application: ServiceApplication): 'earned' | 'withdrawn' | 'none' {
  if (application.invalid) return 'withdrawn';
  return application.points > 0 ? 'earned' : 'none';
}
