import type { Page, PointsEntry, PointsSummary } from '../../typings/actions';
import { callAction } from './transport';

/** Entries per 加载更多; the backend takes 1-100. */
export const HISTORY_PAGE_SIZE = 20;

/** 积分: this year's total, the way to the threshold and its reward, the rules. */
export function getPointsSummary(): Promise<PointsSummary> {
  return callAction('points.summary', {});
}

/**
 * One page (from 1) of the member's entries of `year`, newest first. The year is the
 * summary's, so that the list and the total shown above it are of the same year even when
 * the page opens at midnight on 1 January.
 */
export function listPointsHistory(year: number, page: number): Promise<Page<PointsEntry>> {
  return callAction('points.history', { year, page, pageSize: HISTORY_PAGE_SIZE });
}
