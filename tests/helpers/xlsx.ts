import { Workbook, type CellValue } from 'exceljs';

/** One sheet of a test workbook: its rows from row 1, and optional merges. */
export interface SheetSpec {
  name?: string;
  rows: CellValue[][];
  /** Ranges such as 'A1:E1'. */
  merges?: string[];
  state?: 'visible' | 'hidden';
}

/** The .xlsx bytes of a workbook with these sheets, as an upload would carry them. */
export async function xlsxBuffer(
  sheets: SheetSpec[],
  options: { date1904?: boolean } = {},
): Promise<Buffer> {
  const workbook = new Workbook();
  if (options.date1904) workbook.properties.date1904 = true;
  sheets.forEach((spec, index) => {
    const sheet = workbook.addWorksheet(spec.name ?? `Sheet${index + 1}`, {
      state: spec.state ?? 'visible',
    });
    spec.rows.forEach((values, rowIndex) => {
      values.forEach((value, colIndex) => {
        if (value !== null && value !== undefined) {
          sheet.getCell(rowIndex + 1, colIndex + 1).value = value;
        }
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A date cell as Excel stores it and exceljs hands it over: UTC midnight of that day. */
export function utcDate(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00.000Z`);
}

/** The smallest roster header the importer accepts, plus a number and an expiry. */
export const SHORT_HEADER = ['序号', '会员编号', '姓名', '手机号码', '会费到期日'];

export interface RosterSpec {
  header?: string[];
  /** Title lines above the header, each merged across the header's width. */
  titles?: string[];
  /** Lines after the members, as written (totals, notes). */
  tail?: CellValue[][];
  sheetName?: string;
}

/**
 * A one-sheet roster: titles, the header, then one line per member keyed by header label
 * (a label a member leaves out is a blank cell; `null` entries are blank lines).
 */
export async function rosterXlsx(
  members: (Record<string, CellValue> | null)[],
  spec: RosterSpec = {},
): Promise<Buffer> {
  const header = spec.header ?? SHORT_HEADER;
  const titles = spec.titles ?? [];
  const lastColumn = String.fromCharCode('A'.charCodeAt(0) + header.length - 1);
  const rows: CellValue[][] = [
    ...titles.map((title) => [title]),
    header,
    ...members.map((member) => (member ? header.map((label) => member[label] ?? null) : [])),
    ...(spec.tail ?? []),
  ];
  const merges = titles.map((_, index) => `A${index + 1}:${lastColumn}${index + 1}`);
  return xlsxBuffer([{ name: spec.sheetName ?? '会员名册', rows, merges }]);
}

/** The Excel row number of the n-th member line (0-based) of a roster built above. */
export function memberRow(index: number, spec: RosterSpec = {}): number {
  return (spec.titles?.length ?? 0) + 2 + index;
}
