import type { RosterReport } from '../../../typings';

/**
 * The report as a secretariat reads it in a terminal, in Chinese: the sheet, the counts, then
 * each refused row with all of its reasons, then the conflicts.
 */
export function formatRosterSummary(report: RosterReport): string {
  const lines = [
    `工作表「${report.sheet}」，表头在第 ${report.headerRow} 行`,
    `${report.dryRun ? '预览（未写入任何数据）：将' : '导入完成：'}新增 ${report.imported} 人，` +
      `更新 ${report.updated} 人，无变化 ${report.unchanged} 人`,
  ];

  const reasons = new Map<number, string[]>();
  for (const error of report.rowErrors) {
    reasons.set(error.row, [...(reasons.get(error.row) ?? []), error.reason]);
  }
  if (reasons.size > 0) {
    lines.push('', `以下 ${reasons.size} 行有错误，未导入：`);
    for (const [row, texts] of reasons) lines.push(`  第 ${row} 行：${texts.join('；')}`);
  }

  if (report.conflicts.length > 0) {
    lines.push('', `以下 ${report.conflicts.length} 行手机号与前面的行重复，未导入：`);
    for (const conflict of report.conflicts) {
      lines.push(
        `  第 ${conflict.row} 行：手机号 ${conflict.phone} 与第 ${conflict.sameAsRow} 行相同`,
      );
    }
  }
  return lines.join('\n');
}
