import { randomInt } from 'node:crypto';

/**
 * Crockford's base32 alphabet: no I, L, O or U, so a code read off paper cannot be mistyped
 * as another one.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters of 5 bits: 60 random bits, far beyond what 60 guesses a minute can reach. */
export const VERIFY_CODE_LENGTH = 12;

export const VERIFY_CODE_PATTERN = new RegExp(`^[${CROCKFORD}]{${VERIFY_CODE_LENGTH}}$`);

/** A fresh verification code from the crypto generator. */
export function newVerifyCode(): string {
  let code = '';
  for (let i = 0; i < VERIFY_CODE_LENGTH; i += 1) code += CROCKFORD[randomInt(CROCKFORD.length)];
  return code;
}

/**
 * A code as typed: upper case, and the letters Crockford reads as digits (O → 0, I and L → 1)
 * made digits, so a hand-typed code from a printed certificate still matches.
 */
export function normalizeVerifyCode(typed: string): string {
  return typed.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * A certificate number: the year of issue and six random digits (2026004817). Random rather
 * than a running count, so the number neither tells how many members there are nor needs a
 * counter document every first request contends on; the unique index catches the rare clash.
 */
export function newCertificateNo(year: number): string {
  return `${year}${String(randomInt(1_000_000)).padStart(6, '0')}`;
}
