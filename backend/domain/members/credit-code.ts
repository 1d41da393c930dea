/**
 * GB 32100 unified social credit code (统一社会信用代码): 18 characters from an alphabet that
 * leaves out I, O, Z, S and V; the last is a check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Checks a credit code as typed (full-width, lower case accepted), answering it upper-case. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const value = input.normalize('NFKC').trim().toUpperCase();
  if (value.length !== 18) return { ok: false, reason: '统一社会信用代码应为18位' };

  let sum = 0;
  for (let i = 0; i < 18; i += 1) {
    const index = ALPHABET.indexOf(value[i] ?? '');
    if (index < 0) return { ok: false, reason: '统一社会信用代码中含有无效字符' };
    if (i < 17) sum += index * (WEIGHTS[i] ?? 0);
  }
  // 31 - (sum mod 31), where 31 wraps to 0.
  const check = (31 - (sum % 31)) % 31;
  if (ALPHABET[check] !== value[17]) {
    return { ok: false, reason: '统一社会信用代码校验位不正确，请核对' };
  }
  return { ok: true, value };
}
