import type { RosterRowErrorCode } from '../../../typings';

/** A phone number as the 11-digit account, or why the text is not one. */
export type PhoneCheck =
  | { ok: true; value: string }
  | { ok: false; code: Extract<RosterRowErrorCode, `PHONE_${string}`>; reason: string };

/** Characters between two phones in one cell (after NFKC: ／ → /, ；→ ;, ，→ ,). */
const PHONE_SEPARATORS = /[/;,、|\n]|或/;
/** Characters people type inside one phone: 139 9737 3133, 139-9737-3133, (139)97373133. */
const PHONE_PUNCTUATION = /[\s\-.()（）]/g;
const MOBILE_LENGTH = 11;

/**
 * A mainland mobile number as the 11-digit login account, from text as people type it:
 * full-width digits, spaces, dashes, a +86 / 0086 / 86 prefix. Two numbers in one text are an
 * error, never a guess at which one is the account. Login and the roster import share it, so
 * a number that imports is a number that logs in.
 */
export function checkPhone(input: string): PhoneCheck {
  const text = input.normalize('NFKC').trim();
  if (text === '') return { ok: false, code: 'PHONE_MISSING', reason: '缺少手机号' };

  const parts = text.split(PHONE_SEPARATORS).filter((part) => /\d/.test(part));
  if (parts.length > 1) {
    const count = parts.length === 2 ? '两' : '多';
    return { ok: false, code: 'PHONE_MULTIPLE', reason: `一个单元格中填写了${count}个手机号` };
  }

  const digits = text.replace(PHONE_PUNCTUATION, '').replace(/^(\+86|0086)/, '');
  const invalid = (reason: string): PhoneCheck => ({ ok: false, code: 'PHONE_INVALID', reason });
  if (digits.startsWith('+')) return invalid('不是中国大陆手机号');
  if (!/^\d+$/.test(digits)) return invalid('手机号中含有数字以外的字符');
  const bare = digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
  if (bare.length === 2 * MOBILE_LENGTH && bare[0] === '1' && bare[MOBILE_LENGTH] === '1') {
    return { ok: false, code: 'PHONE_MULTIPLE', reason: '一个单元格中填写了两个手机号' };
  }
  if (bare.length !== MOBILE_LENGTH) return invalid(`手机号应为11位（此处为${bare.length}位）`);
  if (!bare.startsWith('1')) return invalid('手机号应以1开头');
  return { ok: true, value: bare };
}
