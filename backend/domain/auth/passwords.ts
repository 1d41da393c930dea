import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../core/errors';
import { COMMON_PASSWORDS } from './common-passwords';

/**
 * scrypt with N = 2^15, r = 8, p = 1: 32 MiB and about 50 ms per hash on one core, the
 * memory-hard cost OWASP suggests. The parameters are stored with each hash so they can be
 * raised later without invalidating old hashes.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, params: typeof PARAMS): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  const { N, r, p } = PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check of a password against a stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Constant-time string comparison, for the initial password (the phone number). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A hash of nothing, spent on unknown accounts so that timing does not reveal which exist. */
let decoy: Promise<string> | null = null;
export async function spendDecoyHash(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(12).toString('hex'));
  await verifyPassword(password, await decoy);
}

export const MIN_PASSWORD_LENGTH = 8;

/**
 * The rules a new password must meet, with the reason in Chinese: at least 8 characters, not
 * the phone number (the public initial password) or the account name, not the current one,
 * not one of the most common passwords. `current` is null where none was given (忘记密码).
 */
export function checkNewPassword(
  next: string,
  context: { current: string | null; forbidden: string[] },
): void {
  const fail = (message: string) => {
    throw new AppError('INVALID_INPUT', message, { field: 'newPassword' });
  };
  if (next.length < MIN_PASSWORD_LENGTH) fail(`新密码至少需要${MIN_PASSWORD_LENGTH}个字符`);
  if (next.length > 128) fail('新密码不能超过128个字符');
  if (context.current !== null && next === context.current) fail('新密码不能与当前密码相同');
  const lowered = next.toLowerCase();
  if (context.forbidden.some((word) => word && lowered.includes(word.toLowerCase()))) {
    fail('新密码不能包含手机号或账号');
  }
  if (COMMON_PASSWORDS.has(lowered) || /^(.)\1+$/.test(next) || isDigitRun(next)) {
    fail('新密码过于常见，容易被猜到，请换一个');
  }
}

/** 12345678, 87654321 and the like. */
function isDigitRun(value: string): boolean {
  if (!/^\d+$/.test(value)) return false;
  const steps = new Set<number>();
  for (let i = 1; i < value.length; i += 1) {
    steps.add((Number(value[i]) - Number(value[i - 1]) + 10) % 10);
  }
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}
