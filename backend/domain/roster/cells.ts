import { ValueType, type Cell, type CellValue } from 'exceljs';

/** A cell reduced to what the importer reads: text, a number, a date, a flag, or nothing. */
export type CellScalar = string | number | boolean | Date | null;

/**
 * The value a cell contributes to its own column. A merge across columns (a title or a
 * 合计 spanning A:E) belongs to its first column only; a merge down the rows (one 工作单位
 * for several members) gives every row the value.
 */
export function cellScalar(cell: Cell): CellScalar {
  if (cell.type === ValueType.Merge && cell.master.fullAddress.col !== cell.fullAddress.col) {
    return null;
  }
  return scalarOf(cell.value);
}

function scalarOf(value: CellValue): CellScalar {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return scalarOf(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return scalarOf(value.result ?? null);
  if ('error' in value) return String(value.error);
  return null;
}

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * The text of a cell as a person reads it, trimmed (full-width spaces too) and without
 * zero-width characters. Dates read as their UTC calendar date: exceljs hands date cells
 * over as UTC midnight, whatever the server's zone.
 */
export function cellText(value: CellScalar): string {
  if (value === null) return '';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  return String(value).replace(INVISIBLE, '').trim();
}
