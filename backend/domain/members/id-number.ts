import { isCalendarDate } from '../../core/dates';

/** GB 11643: weights of the first 17 digits, and the check character by the sum mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** An ID number as stored (upper-case X), or why the text is not a valid one. */
export type IdNumberCheck = { ok: true; value: string } | { ok: false; reason: string };

/**
 * Checks a resident ID number (居民身份证号码, GB 11643): 17 digits, a real birth date in
 * positions 7-14, and the check character. Full-width characters and a lower-case x are
 * accepted as people type them.
 */
export function checkIdNumber(input: string): IdNumberCheck {
  const value = input.normalize('NFKC').trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, reason: '身份证号应为18位，最后一位可以是X' };
  }
  if (!isCalendarDate(idBirthDate(value))) {
    return { ok: false, reason: '身份证号中的出生日期不正确' };
  }
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i += 1) sum += Number(value[i]) * (WEIGHTS[i] ?? 0);
  if (CHECK_CHARS[sum % 11] !== value[17]) {
    return { ok: false, reason: '身份证号校验位不正确，请核对' };
  }
  return { ok: true, value };
}

/** The birth date an ID number encodes, as `YYYY-MM-DD` (not checked to be real). */
export function idBirthDate(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** 510104199001011234 → 5101**********1234: the region and the check part only. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}
