import type { Dashboard } from '../../typings/actions';
import type { MemberStatus } from '../../typings/enums';
import { fill, zhCN } from '../locales/zh-CN';

/** tdesign tag themes for each dues status. */
const STATUS_THEME: Record<MemberStatus, 'success' | 'warning' | 'danger' | 'default'> = {
  active: 'success',
  expiring: 'warning',
  expired: 'danger',
  unknown: 'default',
  awaitingFirstDues: 'warning',
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
  /** 立即续费, or 缴纳会费 for a member approved through 入会申请 who has not paid yet. */
  renewLabel: string;
  /** What 待缴费 asks of the member (the first dues start the period); '' otherwise. */
  firstDuesHint: string;
}

export function toDashboardView(dashboard: Dashboard): DashboardView {
  const status = STATUS_THEME[dashboard.status] ? dashboard.status : 'unknown';
  const firstDues = status === 'awaitingFirstDues';
  return {
    name: dashboard.name,
    memberNo: dashboard.memberNo ?? '',
    expiresOn:
      dashboard.expiresOn ??
      (firstDues ? zhCN.home.expiresOnAfterFirstDues : zhCN.home.expiresOnMissing),
    statusLabel: zhCN.memberStatus[status],
    statusTheme: STATUS_THEME[status],
    points: dashboard.pointsThisYear,
    pointsYear: fill(zhCN.home.pointsOfYear, { year: dashboard.pointsYear }),
    renewLabel: firstDues ? zhCN.home.payFirstDues : zhCN.home.renew,
    firstDuesHint: firstDues ? zhCN.home.firstDuesHint : '',
  };
}
