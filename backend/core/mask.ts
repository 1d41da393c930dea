/** Masking of personal data for lists and logs. */

/** 13997373133 → 139****3133; anything shorter than 7 characters is fully starred. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

const SECRET_KEYS = /pass(word)?|token|secret|credential|authorization|cookie/i;
const PHONE_KEYS = /phone|mobile|tel/i;
const ID_KEYS = /idNumber|idCard/i;
const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/**
 * A copy of a log payload that is safe to print: secrets are dropped, phone and ID numbers
 * masked, and phone numbers inside free text masked as well.
 */
export function redact(value: unknown, key = ''): unknown {
  if (SECRET_KEYS.test(key)) return '[redacted]';
  if (typeof value === 'string') {
    if (PHONE_KEYS.test(key)) return maskPhone(value);
    if (ID_KEYS.test(key))
      return value.length > 4 ? `${'*'.repeat(value.length - 4)}${value.slice(-4)}` : '****';
    return value.replace(PHONE_IN_TEXT, '$1****$2');
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, key));
  if (value && typeof value === 'object') {
    if (value instanceof Error) return { name: value.name, message: redact(value.message) };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, k);
    return out;
  }
  return value;
}
