import { ApiError } from '../api/client';
import { zhCN } from '../locales/zh-CN';
import { formatTime } from './dates';

/** The sentence to show for a failed call: a retry time when there is one, else the reason. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) return zhCN.errors.INTERNAL;
  if (error.code === 'NETWORK') return zhCN.network;

  if (error.retryAt && !Number.isNaN(error.retryAt.getTime())) {
    const time = formatTime(error.retryAt);
    if (error.code === 'LOCKED') return zhCN.lockedUntil(time);
    if (error.code === 'RATE_LIMITED') return zhCN.rateLimitedUntil(time);
  }

  // The backend's sentence is written for the member and is more precise than ours.
  return error.message || zhCN.errors[error.code];
}
