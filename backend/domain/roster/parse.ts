import { Workbook, type Worksheet } from 'exceljs';
import type { RosterConflict, RosterRowError } from '../../../typings';
import { AppError } from '../../core/errors';
import { ROSTER_FIELDS, type RosterField } from '../members/model';
import { cellScalar, cellText, type CellScalar } from './cells';
import { matchHeader, type ColumnKey, type HeaderColumns } from './headers';
import { readLine, type SheetLine } from './row';
import type { ParsedRoster, RosterRow } from './types';
import { assertWorkbookSize } from './zip-guard';

/** Title rows above the header are searched this far down, in rows. */
const HEADER_SCAN_ROWS = 20;
/** Member lines one file may hold; a society's whole roster is far below this. */
export const MAX_ROSTER_ROWS = 50_000;

type ExcelBuffer = Parameters<Workbook['xlsx']['load']>[0];

/**
 * Reads a roster workbook (.xlsx bytes) into normalised rows, row errors and phone conflicts.
 * The roster is the first visible sheet with a recognisable header (姓名 and a phone column),
 * which may sit below title rows and list its columns in any order.
 * Fails with INVALID_INPUT when the file cannot be read or no header is found.
 */
export async function parseRoster(bytes: Buffer): Promise<ParsedRoster> {
  const workbook = await loadWorkbook(bytes);
  const located = locateHeader(workbook);
  if (!located) {
    throw new AppError('INVALID_INPUT', '未找到名册表头：请确认表格前20行中有“姓名”和“手机号码”列');
  }
  const { sheet, headerRow, header } = located;
  const date1904 = workbook.properties.date1904 === true;

  const rows: RosterRow[] = [];
  const rowErrors: RosterRowError[] = [];
  const conflicts: RosterConflict[] = [];
  const skippedRows: number[] = [];
  // The first line with a phone (or a 会员编号) owns it; later lines are refused.
  const phoneOwners = new Map<string, number>();
  const numberOwners = new Map<string, number>();
  let memberLines = 0;

  for (const line of dataLines(sheet, headerRow, header)) {
    const verdict = readLine(line, header, date1904);
    if (verdict.kind === 'skip') {
      if (verdict.why !== 'blank') skippedRows.push(line.row);
      continue;
    }
    memberLines += 1;
    if (memberLines > MAX_ROSTER_ROWS) {
      throw new AppError('INVALID_INPUT', `名册超过${MAX_ROSTER_ROWS}行，请分成几个文件导入`);
    }

    const phone = verdict.kind === 'member' ? verdict.row.phone : verdict.phone;
    const firstWithPhone = phone === null ? undefined : phoneOwners.get(phone);
    if (phone !== null && firstWithPhone !== undefined) {
      conflicts.push({ row: line.row, phone, sameAsRow: firstWithPhone });
      continue;
    }
    if (phone !== null) phoneOwners.set(phone, line.row);

    const memberNo = verdict.kind === 'member' ? verdict.row.memberNo : verdict.memberNo;
    const firstWithNumber = memberNo === null ? undefined : numberOwners.get(memberNo);
    if (memberNo !== null && firstWithNumber === undefined) numberOwners.set(memberNo, line.row);
    const errors = verdict.kind === 'invalid' ? [...verdict.errors] : [];
    if (firstWithNumber !== undefined) {
      const reason = `会员编号${memberNo}与第${firstWithNumber}行重复`;
      errors.push({ row: line.row, code: 'MEMBER_NO_TAKEN', reason });
    }

    if (errors.length > 0) rowErrors.push(...errors);
    else if (verdict.kind === 'member') rows.push(verdict.row);
  }

  const fields: RosterField[] = ROSTER_FIELDS.filter((field) => header[field] !== undefined);
  return { sheet: sheet.name, headerRow, fields, rows, rowErrors, conflicts, skippedRows };
}

async function loadWorkbook(bytes: Buffer): Promise<Workbook> {
  await assertWorkbookSize(bytes);
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelBuffer);
  } catch (error) {
    throw new AppError(
      'INVALID_INPUT',
      '无法读取该文件：请上传 Excel 的 .xlsx 文件（.xls 或 WPS 格式请先另存为 .xlsx）',
      { detail: { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' } },
    );
  }
  return workbook;
}

function locateHeader(
  workbook: Workbook,
): { sheet: Worksheet; headerRow: number; header: HeaderColumns } | null {
  for (const sheet of workbook.worksheets) {
    // A hidden sheet is a lookup table or an old copy, not the roster the secretariat sees.
    if (sheet.state === 'hidden' || sheet.state === 'veryHidden') continue;
    const last = Math.min(sheet.rowCount, HEADER_SCAN_ROWS);
    for (let rowNumber = 1; rowNumber <= last; rowNumber += 1) {
      const row = sheet.findRow(rowNumber);
      if (!row) continue;
      const texts = new Map<number, string>();
      row.eachCell((cell, col) => {
        const text = cellText(cellScalar(cell));
        if (text !== '') texts.set(col, text);
      });
      const header = matchHeader(texts);
      if (header) return { sheet, headerRow: rowNumber, header };
    }
  }
  return null;
}

function* dataLines(sheet: Worksheet, headerRow: number, header: HeaderColumns) {
  const columns = Object.entries(header) as [ColumnKey, { col: number }][];
  for (let rowNumber = headerRow + 1; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.findRow(rowNumber);
    if (!row) continue;
    const values = new Map<ColumnKey, CellScalar>();
    for (const [key, { col }] of columns) values.set(key, cellScalar(row.getCell(col)));
    const texts: string[] = [];
    row.eachCell((cell) => {
      const text = cellText(cellScalar(cell));
      if (text !== '') texts.push(text);
    });
    const line: SheetLine = { row: rowNumber, values, texts };
    yield line;
  }
}
