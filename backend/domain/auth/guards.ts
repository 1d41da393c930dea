import { createHash } from 'node:crypto';
import type { BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import { StoreConflictError, type Doc } from '../../ports/store';

/**
 * Failed logins of one account: a window that starts with the first failure and a lock that
 * starts with the threshold-th one. Kept by a hash of the account name, so unknown accounts
 * lock too (nobody learns which phone numbers are members) and no phone is stored here.
 */
interface LoginGuardDoc extends Doc {
  windowStart: string;
  failures: number;
  lockedUntil: string | null;
}

/** Fixed one-minute windows of attempts from one address. */
interface RateWindowDoc extends Doc {
  count: number;
  expiresAt: string;
}

const guardId = (scope: string, account: string) =>
  `${scope}:${createHash('sha256').update(account).digest('hex').slice(0, 32)}`;

/** Refuses the attempt while the account is locked, saying when to retry. */
export async function assertNotLocked(
  deps: BackendDeps,
  scope: string,
  account: string,
  now: Date,
): Promise<void> {
  const guard = await deps.store.get<LoginGuardDoc>(
    COLLECTIONS.loginGuards,
    guardId(scope, account),
  );
  if (guard?.lockedUntil && guard.lockedUntil > now.toISOString()) {
    const retryAt = new Date(guard.lockedUntil);
    throw new AppError(
      'LOCKED',
      `密码错误次数过多，账号已锁定，请于${formatClock(retryAt)}后再试`,
      {
        retryAt,
      },
    );
  }
}

/**
 * Counts a failure; the threshold-th failure within the window locks the account. The count
 * is an atomic increment, so parallel guesses cannot slip under the threshold.
 */
export async function recordFailure(
  deps: BackendDeps,
  scope: string,
  account: string,
  now: Date,
): Promise<{ locked: boolean; remaining: number }> {
  const { lockoutThreshold, lockoutWindowMinutes, lockoutMinutes } = deps.config;
  const id = guardId(scope, account);
  const windowFloor = new Date(now.getTime() - lockoutWindowMinutes * 60_000).toISOString();
  const fresh: LoginGuardDoc = {
    _id: id,
    windowStart: now.toISOString(),
    failures: 1,
    lockedUntil: null,
  };

  // A window older than the limit starts afresh; otherwise the failure is added to it.
  const existing = await deps.store.get<LoginGuardDoc>(COLLECTIONS.loginGuards, id);
  let failures = 1;
  if (!existing) {
    try {
      await deps.store.insert(COLLECTIONS.loginGuards, fresh);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      await deps.store.update(COLLECTIONS.loginGuards, id, { inc: { failures: 1 } });
    }
  } else if (existing.windowStart < windowFloor && !isLocked(existing, now)) {
    await deps.store.update(COLLECTIONS.loginGuards, id, {
      set: { windowStart: fresh.windowStart, failures: 1, lockedUntil: null },
    });
  } else {
    await deps.store.update(COLLECTIONS.loginGuards, id, { inc: { failures: 1 } });
  }
  const after = await deps.store.get<LoginGuardDoc>(COLLECTIONS.loginGuards, id);
  failures = after?.failures ?? failures;

  if (failures >= lockoutThreshold) {
    const lockedUntil = new Date(now.getTime() + lockoutMinutes * 60_000).toISOString();
    await deps.store.update(
      COLLECTIONS.loginGuards,
      id,
      { set: { lockedUntil, failures: 0, windowStart: now.toISOString() } },
      { lockedUntil: null },
    );
    return { locked: true, remaining: 0 };
  }
  return { locked: false, remaining: lockoutThreshold - failures };
}

function isLocked(guard: LoginGuardDoc, now: Date): boolean {
  return guard.lockedUntil !== null && guard.lockedUntil > now.toISOString();
}

/** A successful login forgets the failures. */
export async function clearFailures(deps: BackendDeps, scope: string, account: string) {
  await deps.store.remove(COLLECTIONS.loginGuards, guardId(scope, account));
}

/**
 * At most `limit` attempts per minute from one address. Addresses are hashed; the window
 * document expires with its minute (the nightly job removes old ones). `message` is what
 * the refused caller reads; logins' by default.
 */
export async function assertRateLimit(
  deps: BackendDeps,
  scope: string,
  address: string | null,
  limit: number,
  now: Date,
  message = '登录尝试过于频繁，请一分钟后再试',
): Promise<void> {
  if (!address) return;
  const minute = Math.floor(now.getTime() / 60_000);
  const id = `${guardId(scope, address)}:${minute}`;
  const expiresAt = new Date((minute + 1) * 60_000).toISOString();
  const bumped = await deps.store.update(COLLECTIONS.rateWindows, id, { inc: { count: 1 } });
  if (!bumped) {
    try {
      await deps.store.insert(COLLECTIONS.rateWindows, { _id: id, count: 1, expiresAt });
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      await deps.store.update(COLLECTIONS.rateWindows, id, { inc: { count: 1 } });
    }
  }
  const window = await deps.store.get<RateWindowDoc>(COLLECTIONS.rateWindows, id);
  if (window && window.count > limit) {
    throw new AppError('RATE_LIMITED', message, { retryAt: new Date(expiresAt) });
  }
}

/**
 * The per-address limit every way of logging in shares (password, 微信一键登录, 忘记密码):
 * one budget, so switching ways gains a guesser nothing.
 */
export function assertLoginRate(
  deps: BackendDeps,
  caller: { clientIp: string | null },
  now: Date,
): Promise<void> {
  return assertRateLimit(
    deps,
    'login',
    caller.clientIp,
    deps.config.loginAttemptsPerMinutePerAddress,
    now,
  );
}

/** 14:05 in China time, for messages. */
function formatClock(at: Date): string {
  return at.toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}
