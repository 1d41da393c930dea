/**
 * Which admin pages each role sees. It mirrors the backend's role checks so that a role is
 * not shown a page whose actions it would be refused; the backend stays the authority.
 */
import type { AdminRole } from '../../../typings';

export type AdminPage =
  | 'roster'
  | 'members'
  | 'applications'
  | 'applicationSettings'
  | 'accounts'
  | 'society'
  | 'dues'
  | 'duesSettings'
  | 'reminders'
  | 'points'
  | 'notices'
  | 'news'
  | 'feedback'
  | 'services'
  | 'events';

// The first page of a role is where its login lands: the secretariat keeps 名册导入.
const PAGES_BY_ROLE: Record<AdminRole, readonly AdminPage[]> = {
  superAdmin: [
    'roster',
    'members',
    'applications',
    'applicationSettings',
    'accounts',
    'society',
    'dues',
    'duesSettings',
    'reminders',
    'points',
    'notices',
    'news',
    'feedback',
    'services',
    'events',
  ],
  secretariat: [
    'roster',
    'members',
    'applications',
    'applicationSettings',
    'reminders',
    'points',
    'notices',
    'news',
    'feedback',
    'services',
    'events',
  ],
  finance: ['dues', 'members'],
};

export function pagesFor(role: AdminRole): readonly AdminPage[] {
  return PAGES_BY_ROLE[role];
}

export function mayOpen(role: AdminRole, page: AdminPage): boolean {
  return PAGES_BY_ROLE[role].includes(page);
}
