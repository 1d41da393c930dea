import type { RosterPlannedRow, RosterReport } from '../../../typings';
import { maskPhone } from '../../core/mask';
import type { RosterPlan } from './plan';
import type { ParsedRoster, RosterRow } from './types';

/** How a report shows phones: masked for every screen, whole only for the operator's CLI. */
export interface ReportOptions {
  dryRun: boolean;
  revealPhones: boolean;
}

/** The report of a preview or a commit: counts, every refused row, and the planned rows. */
export function buildRosterReport(
  parsed: ParsedRoster,
  plan: RosterPlan,
  options: ReportOptions,
): RosterReport {
  const planned = (row: RosterRow, expiresOn: string | null): RosterPlannedRow => ({
    row: row.row,
    name: row.name,
    memberNo: row.memberNo,
    phoneMasked: maskPhone(row.phone),
    expiresOn,
  });

  return {
    sheet: parsed.sheet,
    headerRow: parsed.headerRow,
    imported: plan.adds.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged.length,
    // Sorting is stable: a row's own problems stay in the order they were found.
    rowErrors: [...parsed.rowErrors, ...plan.rowErrors].sort((a, b) => a.row - b.row),
    conflicts: parsed.conflicts.map((conflict) => ({
      ...conflict,
      phone: options.revealPhones ? conflict.phone : maskPhone(conflict.phone),
    })),
    dryRun: options.dryRun,
    adds: plan.adds.map((row) => planned(row, row.expiresOn)),
    updates: plan.updates.map((update) => ({
      ...planned(update.row, update.row.expiresOn ?? update.member.expiresOn),
      changedFields: [...update.changedFields],
    })),
    listsTruncated: false,
  };
}

/** The report with its planned-row lists cut to `limit` each, saying so. */
export function limitPlannedRows(report: RosterReport, limit: number): RosterReport {
  if (report.adds.length <= limit && report.updates.length <= limit) return report;
  return {
    ...report,
    adds: report.adds.slice(0, limit),
    updates: report.updates.slice(0, limit),
    listsTruncated: true,
  };
}
