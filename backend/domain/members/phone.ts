/**
 * Mainland mobile numbers as people type them: with spaces, dashes, dots or brackets, a +86 or
 * 0086 prefix, full-width digits. Answers the 11 digits, or null when it is not one number.
 */
export function normalizePhone(input: string): string | null {
  const halfWidth = input.replace(/[\uFF10-\uFF19]/g, (d) =>
    String.fromCharCode(d.charCodeAt(0) - 0xfee0),
  );
  const digits = halfWidth
    .trim()
    .replace(/^(\+|＋|00)?86(?=[\s\-.]*1\d)/, '')
    .replace(/[\s\u3000\-.()（）]/g, '');
  return /^1\d{10}$/.test(digits) ? digits : null;
}
