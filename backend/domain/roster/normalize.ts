import type { RosterRowErrorCode } from '../../../typings';
import { isCalendarDate } from '../../core/dates';
import { checkPhone } from '../members/phone';
import { cellText, type CellScalar } from './cells';

/** A cell's normalised value, or why it cannot be used. */
export type Normalised<T> =
  { ok: true; value: T } | { ok: false; code: RosterRowErrorCode; reason: string };

const fail = (code: RosterRowErrorCode, reason: string) => ({ ok: false as const, code, reason });
const ok = <T>(value: T) => ({ ok: true as const, value });

/**
 * A mainland mobile number as the 11-digit login account; number cells are read as their
 * digits. The rules are those of login (members/phone.ts).
 */
export function normalizePhone(raw: CellScalar): Normalised<string> {
  return checkPhone(typeof raw === 'number' ? raw.toFixed(0) : cellText(raw));
}

/** Excel's serial day 25569 is 1970-01-01 (the 1900 date system). */
const EXCEL_EPOCH_SERIAL = 25569;
/** The 1904 date system (old Mac workbooks) counts from four years and a day later. */
const DATE1904_OFFSET_DAYS = 1462;
/** Serials below 61 fall before Excel's phantom 1900-02-29; no roster date lives there. */
const MIN_SERIAL = 61;
const DAY_MS = 24 * 60 * 60 * 1000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

const TEXT_DATES: RegExp[] = [
  /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * A calendar date from a date cell, an Excel serial number, or text such as 2024/9/30,
 * 2026.9.30, 2027年9月30日, 2024-09-30 or 20240930. Empty is null. Date cells are read
 * by their UTC calendar date, never the server's local time.
 */
export function normalizeDate(raw: CellScalar, date1904 = false): Normalised<string | null> {
  if (raw instanceof Date) return checked(raw.toISOString().slice(0, 10));
  if (typeof raw === 'number') return fromNumber(raw, date1904);
  const text = cellText(raw).normalize('NFKC');
  if (text === '') return ok(null);
  for (const pattern of TEXT_DATES) {
    const match = pattern.exec(text);
    if (match) return checked(isoDate(match[1], match[2], match[3]));
  }
  return fail('DATE_INVALID', '');
}

function fromNumber(value: number, date1904: boolean): Normalised<string | null> {
  // A number typed as 20240930 is a date written without separators, not a serial.
  if (Number.isInteger(value) && value >= 19000101 && value <= 21991231) {
    const text = String(value);
    return checked(isoDate(text.slice(0, 4), text.slice(4, 6), text.slice(6, 8)));
  }
  if (!Number.isFinite(value) || value < MIN_SERIAL) return fail('DATE_INVALID', '');
  const serial = Math.floor(value) + (date1904 ? DATE1904_OFFSET_DAYS : 0);
  const at = new Date((serial - EXCEL_EPOCH_SERIAL) * DAY_MS);
  return checked(Number.isNaN(at.getTime()) ? '' : at.toISOString().slice(0, 10));
}

function isoDate(year = '', month = '', day = ''): string {
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function checked(date: string): Normalised<string | null> {
  const year = Number(date.slice(0, 4));
  if (!isCalendarDate(date) || year < MIN_YEAR || year > MAX_YEAR) {
    return fail('DATE_INVALID', '');
  }
  return ok(date);
}

const HAN_NAME = /^[\p{Script=Han}·・•\s]+$/u;

/**
 * A person's name: trimmed; Chinese names lose the spaces typed to line them up (周  倩),
 * other names keep single spaces between words.
 */
export function normalizeName(raw: CellScalar): string {
  const text = cellText(raw);
  return HAN_NAME.test(text) ? text.replace(/\s+/g, '') : text.replace(/\s+/g, ' ');
}

/** Free text: trimmed, inner line breaks kept as written. */
export function normalizeText(raw: CellScalar): string {
  return cellText(raw);
}

/** Identifiers (会员编号, email): full-width letters and digits folded, spaces trimmed. */
export function normalizeCode(raw: CellScalar): string {
  return cellText(raw).normalize('NFKC').trim();
}
