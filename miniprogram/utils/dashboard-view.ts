import type { Dashboard } from '../../typings/actions';
import type { MemberStatus } from '../../typings/enums';
import { fill, zhCN } from '../locales/zh-CN';

/** tdesign tag themes for each dues status. */
const STATUS_THEME: Record<MemberStatus, 'success' | 'warning' | 'danger' | 'default'> = {
  active: 'success',
  expiring: 'warning',
  expired: 'danger',
  unknown: 'default',
};

/** The member home's figures, ready for the template. */
export interface DashboardView {
  name: string;
  memberNo: string;
  expiresOn: string;
  statusLabel: string;
  statusTheme: string;
  points: number;
  pointsYear: string;
}

export function toDashboardView(dashboard: Dashboard): DashboardView {
  const status = STATUS_THEME[dashboard.status] ? dashboard.status : 'unknown';
  return {
    name: dashboard.name,
    memberNo: dashboard.memberNo ?? '',
    expiresOn: dashboard.expiresOn ?? zhCN.home.expiresOnMissing,
    statusLabel: zhCN.memberStatus[status],
    statusTheme: STATUS_THEME[status],
    points: dashboard.pointsThisYear,
    pointsYear: fill(zhCN.home.pointsOfYear, { year: dashboard.pointsYear }),
  };
}
