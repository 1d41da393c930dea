import type { ActionContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { assertRateLimit } from '../auth/guards';

/**
 * Calls of one kind (submits, look-ups, upload grants) from one address per minute: enough
 * for a shared hospital or university office, too few to guess reference codes.
 */
const CALLS_PER_MINUTE_PER_ADDRESS = 30;

/** The applicant's actions are anonymous: the address is all a limit can hold on to. */
export async function limitApplicantRate(ctx: ActionContext, scope: string): Promise<void> {
  try {
    await assertRateLimit(
      ctx.deps,
      scope,
      ctx.caller.clientIp,
      CALLS_PER_MINUTE_PER_ADDRESS,
      ctx.now,
    );
  } catch (error) {
    // The limiter's own message speaks of logins; keep its code and retry time.
    if (error instanceof AppError && error.code === 'RATE_LIMITED') {
      throw new AppError('RATE_LIMITED', '操作过于频繁，请一分钟后再试', error.options);
    }
    throw error;
  }
}
