import type ExcelJS from 'exceljs';

/** A workbook as the console downloads it (admin.*.export). */
export interface WorkbookFile {
  fileName: string;
  contentBase64: string;
}

/** 姓名, 会员编号, 手机号: how the console's workbooks begin a list of members. */
export const PERSON_COLUMNS = [
  { header: '姓名', key: 'name', width: 12 },
  { header: '会员编号', key: 'memberNo', width: 14 },
  { header: '手机号', key: 'phone', width: 14 },
];

/** A member's cells under PERSON_COLUMNS' keys: no number leaves the cell empty. */
export function personCells(row: { name: string; memberNo: string | null; phoneMasked: string }) {
  return { name: row.name, memberNo: row.memberNo ?? '', phone: row.phoneMasked };
}

/** A title in a file name: no path, reserved or control characters, at most 40 characters. */
export function titleForFile(title: string, fallback: string): string {
  return (
    Array.from(title.replace(/[\\/:*?"<>|\s\p{Cc}]+/gu, '_'))
      .slice(0, 40)
      .join('') || fallback
  );
}

/** The workbook's bytes, each sheet's first row (its header) in bold. */
export async function workbookFile(
  workbook: ExcelJS.Workbook,
  fileName: string,
): Promise<WorkbookFile> {
  workbook.eachSheet((sheet) => {
    sheet.getRow(1).font = { bold: true };
  });
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return { fileName, contentBase64: bytes.toString('base64') };
}
