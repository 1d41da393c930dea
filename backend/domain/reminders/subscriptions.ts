import type { ActionContext, BackendConfig, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import { StoreConflictError, type Write } from '../../ports/store';
import { auditWrite } from '../audit/audit';
import { MAX_CREDITS, type ReminderSubscriptionDoc } from './model';

/** Two taps racing each other: a few rounds settle it; more means something is wrong. */
const ATTEMPTS = 5;

/**
 * The configured template: NOT_CONFIGURED when reminders are off, INVALID_INPUT when the
 * mini-program asked for another template (an outdated build or config).
 */
function configuredTemplate(config: BackendConfig, templateId: string): string {
  const configured = config.reminderTemplateId;
  if (configured === null) {
    throw new AppError('NOT_CONFIGURED', '会费到期提醒尚未开通，请联系学会秘书处');
  }
  if (configured !== templateId) {
    throw new AppError('INVALID_INPUT', '提醒模板已更新，请更新小程序后重新订阅', {
      field: 'templateId',
    });
  }
  return configured;
}

/** Unspent acceptances for the configured template; those of an old template count 0. */
function creditsOf(doc: ReminderSubscriptionDoc | null, config: BackendConfig): number {
  if (!doc || doc.templateId !== config.reminderTemplateId) return 0;
  return doc.credits;
}

/**
 * The member accepted one 会费到期提醒 in the mini-program: one more message may be sent,
 * up to MAX_CREDITS. Only a call from WeChat carries the OPENID that sending needs.
 */
export async function acceptReminder(
  ctx: ActionContext<MemberPrincipal>,
  templateId: string,
): Promise<{ credits: number }> {
  const { deps, caller, principal, now } = ctx;
  const openid = caller.openid;
  if (!openid) throw new AppError('FORBIDDEN', '请在微信小程序中订阅会费到期提醒');
  const template = configuredTemplate(deps.config, templateId);
  const memberId = principal.memberId;

  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await deps.store.get<ReminderSubscriptionDoc>(
      COLLECTIONS.reminderSubscriptions,
      memberId,
    );
    const credits = Math.min(creditsOf(current, deps.config) + 1, MAX_CREDITS);
    const fields = { credits, templateId: template, openid, updatedAt: now.toISOString() };
    const audit = auditWrite(principal, now, 'dues.reminders.accept', memberId, {
      fields: ['credits'],
      summary: { credits },
    });

    // Guarded on what was read, so two taps at once count twice, not once.
    const write: Write = current
      ? {
          op: 'update',
          collection: COLLECTIONS.reminderSubscriptions,
          id: memberId,
          patch: { set: fields },
          expect: { credits: current.credits, templateId: current.templateId },
        }
      : {
          op: 'insert',
          collection: COLLECTIONS.reminderSubscriptions,
          doc: { _id: memberId, ...fields },
        };
    try {
      await deps.store.batch([write, audit]);
      return { credits };
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
    }
  }
  throw new AppError('CONFLICT', '订阅操作过于频繁，请稍后重试');
}

/** How many reminders may still be sent to the member, and the template the app asks for. */
export async function reminderStatus(
  ctx: ActionContext<MemberPrincipal>,
): Promise<{ credits: number; templateId: string | null }> {
  const { deps, principal } = ctx;
  const doc = await deps.store.get<ReminderSubscriptionDoc>(
    COLLECTIONS.reminderSubscriptions,
    principal.memberId,
  );
  return { credits: creditsOf(doc, deps.config), templateId: deps.config.reminderTemplateId };
}
