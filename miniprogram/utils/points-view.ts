import type { PointsEntry, PointsSummary } from '../../typings/actions';
import { fill, zhCN } from '../locales/zh-CN';
import { shanghaiTime } from './dues-view';

/** The minus sign, not the hyphen: −3 reads as a withdrawal, -3 as a dash. */
const MINUS = '\u2212';

/** The 积分 page's top card and rules, ready for the template. */
export interface PointsSummaryView {
  yearTitle: string;
  total: number;
  /** 0-100, for t-progress. */
  percent: number;
  reached: boolean;
  /** 还差 N 分, or 已达标. */
  progressText: string;
  /** What reaching the threshold earns; once reached, that this year earns it. */
  rewardText: string;
  rules: { kind: string; label: string; points: string; note: string }[];
}

/** One ledger entry as the history shows it. */
export interface PointsEntryView {
  id: string;
  label: string;
  points: string;
  withdrawal: boolean;
  /** Beijing time, `2026-01-01 00:30`. */
  at: string;
  /** 原因：… of an admin's adjustment; '' for awards. */
  reason: string;
}

/**
 * How far `total` is along the way to `threshold`, in whole percent from 0 to 100. Rounded
 * down, so the bar is full only once the threshold is reached.
 */
export function progressPercent(total: number, threshold: number): number {
  if (threshold <= 0) return 100;
  return Math.min(100, Math.max(0, Math.floor((total / threshold) * 100)));
}

/** Points with their sign, `+2` or `−5`: the history says which way each entry went. */
export function signedPoints(points: number): string {
  return points < 0 ? `${MINUS}${Math.abs(points)}` : `+${points}`;
}

export function toPointsSummaryView(summary: PointsSummary): PointsSummaryView {
  const t = zhCN.points;
  return {
    yearTitle: fill(t.yearTotal, { year: summary.year }),
    total: summary.total,
    percent: summary.reached ? 100 : progressPercent(summary.total, summary.threshold),
    reached: summary.reached,
    progressText: summary.reached ? t.reached : fill(t.remaining, { remaining: summary.remaining }),
    rewardText: summary.reached
      ? fill(t.rewardReached, { reward: summary.reward })
      : fill(t.reward, { threshold: summary.threshold, reward: summary.reward }),
    rules: summary.rules.map((rule) => ({
      kind: rule.kind,
      label: rule.label,
      points: signedPoints(rule.points),
      note: rule.note,
    })),
  };
}

export function toPointsEntryView(entry: PointsEntry): PointsEntryView {
  return {
    id: entry.id,
    label: entry.label,
    points: signedPoints(entry.points),
    withdrawal: entry.points < 0,
    at: shanghaiTime(entry.at),
    reason: entry.reason ? fill(zhCN.points.reason, { reason: entry.reason }) : '',
  };
}
