import type { ActionContext } from '../../core/context';
import { assertRateLimit } from '../auth/guards';

/**
 * Calls of one kind (submits, look-ups, upload grants) from one address per minute: enough
 * for a shared hospital or university office, too few to guess reference codes.
 */
const CALLS_PER_MINUTE_PER_ADDRESS = 30;

/** The applicant's actions are anonymous: the address is all a limit can hold on to. */
export function limitApplicantRate(ctx: ActionContext, scope: string): Promise<void> {
  return assertRateLimit(
    ctx.deps,
    scope,
    ctx.caller.clientIp,
    CALLS_PER_MINUTE_PER_ADDRESS,
    ctx.now,
    '操作过于频繁，请一分钟后再试',
  );
}
