import type { RosterRowError } from '../../../typings';
import type { RosterField } from '../members/model';
import { cellText, type CellScalar } from './cells';
import { DEFAULT_LABELS, type ColumnKey, type HeaderColumns } from './headers';
import {
  normalizeCode,
  normalizeDate,
  normalizeName,
  normalizePhone,
  normalizeText,
} from './normalize';
import type { RosterRow } from './types';
import { charCount } from '../../core/text';

type TextField = Exclude<RosterField, DateField>;
type DateField = 'birthDate' | 'joinedOn' | 'expiresOn';

/**
 * Longest text each field may hold, in characters. A longer cell rejects the row: the
 * secretariat shortens it, nothing is cut off behind their back.
 */
export const FIELD_CAPS: Record<TextField, number> = {
  name: 50,
  memberNo: 32,
  memberType: 50,
  gender: 10,
  workUnit: 100,
  title: 50,
  position: 50,
  email: 100,
  notes: 500,
};

const READERS: Record<TextField, (raw: CellScalar) => string> = {
  name: normalizeName,
  memberNo: normalizeCode,
  email: normalizeCode,
  memberType: normalizeText,
  gender: normalizeText,
  workUnit: normalizeText,
  title: normalizeText,
  position: normalizeText,
  notes: normalizeText,
};

const DATE_FIELDS: readonly DateField[] = ['expiresOn', 'birthDate', 'joinedOn'];
const TOTALS = /^(合计|总计|小计)/;
/** How much of a bad cell a reason quotes, in characters. */
const QUOTE_CAP = 20;

/** What one line of the sheet is. */
export type LineVerdict =
  | { kind: 'skip'; why: 'blank' | 'totals' | 'note' | 'header' }
  | { kind: 'member'; row: RosterRow }
  | { kind: 'invalid'; phone: string | null; memberNo: string | null; errors: RosterRowError[] };

/** One data line: the cells of the recognised columns and the texts of every cell. */
export interface SheetLine {
  row: number;
  values: ReadonlyMap<ColumnKey, CellScalar>;
  texts: readonly string[];
}

/** Reads one line below the header into a member, row errors, or a line to pass over. */
export function readLine(line: SheetLine, header: HeaderColumns, date1904: boolean): LineVerdict {
  const raw = (key: ColumnKey): CellScalar => line.values.get(key) ?? null;
  const label = (key: ColumnKey): string => header[key]?.label ?? DEFAULT_LABELS[key];
  const phoneText = cellText(raw('phone'));
  const nameText = cellText(raw('name'));

  // 1. Lines that are not members: blank, totals, notes, a header repeated mid-sheet.
  if (line.texts.length === 0) return { kind: 'skip', why: 'blank' };
  if (phoneText === '' && line.texts.some((text) => TOTALS.test(text))) {
    return { kind: 'skip', why: 'totals' };
  }
  if (phoneText === '' && nameText === '') return { kind: 'skip', why: 'note' };
  if (nameText === label('name') && phoneText === label('phone')) {
    return { kind: 'skip', why: 'header' };
  }

  // 2. Every problem of the line, so that one round of corrections fixes them all.
  const errors: RosterRowError[] = [];
  const phone = normalizePhone(raw('phone'));
  if (!phone.ok) errors.push({ row: line.row, code: phone.code, reason: phone.reason });

  const texts = {} as Record<TextField, string | null>;
  for (const field of Object.keys(READERS) as TextField[]) {
    const text = header[field] ? READERS[field](raw(field)) : '';
    texts[field] = text === '' ? null : text;
  }
  if (texts.name === null) errors.push({ row: line.row, code: 'NAME_MISSING', reason: '缺少姓名' });

  const dates = {} as Record<DateField, string | null>;
  for (const field of DATE_FIELDS) {
    const date = normalizeDate(raw(field), date1904);
    dates[field] = date.ok ? date.value : null;
    if (date.ok) continue;
    const code = field === 'expiresOn' ? 'EXPIRY_INVALID' : 'DATE_INVALID';
    const reason = `${label(field)}不是有效日期：${quote(raw(field))}`;
    errors.push({ row: line.row, code, reason });
  }

  for (const field of Object.keys(FIELD_CAPS) as TextField[]) {
    const length = charCount(texts[field] ?? '');
    if (length <= FIELD_CAPS[field]) continue;
    const reason = `${label(field)}过长（最多${FIELD_CAPS[field]}个字，此处为${length}个字）`;
    errors.push({ row: line.row, code: 'FIELD_TOO_LONG', reason });
  }

  // 3. The verdict; an invalid line still claims its phone and number against later lines.
  if (!phone.ok || errors.length > 0 || texts.name === null) {
    return {
      kind: 'invalid',
      phone: phone.ok ? phone.value : null,
      memberNo: texts.memberNo,
      errors,
    };
  }
  return {
    kind: 'member',
    row: { row: line.row, phone: phone.value, ...texts, name: texts.name, ...dates },
  };
}

function quote(raw: CellScalar): string {
  const text = typeof raw === 'number' ? String(raw) : cellText(raw);
  const chars = Array.from(text.replace(/\s+/g, ' '));
  return chars.length > QUOTE_CAP ? `${chars.slice(0, QUOTE_CAP).join('')}…` : chars.join('');
}
