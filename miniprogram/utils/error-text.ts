import { zhCN } from '../locales/zh-CN';
import { isApiError } from '../services/api-error';

/**
 * The sentence to show for a failed call: the backend's own (LOCKED and RATE_LIMITED already
 * say when to try again, in Beijing time), or a general one for anything that is not an
 * ApiError (a bug of ours, not the member's).
 */
export function errorText(error: unknown): string {
  if (isApiError(error)) return error.message;
  console.error('unexpected failure', error);
  return zhCN.common.badResponse;
}
