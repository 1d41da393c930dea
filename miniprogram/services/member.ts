import type { Dashboard } from '../../typings/actions';
import { callAction } from './transport';

/** What the member home shows: expiry, dues status and this year's points. */
export function getDashboard(): Promise<Dashboard> {
  return callAction('member.dashboard', {});
}
