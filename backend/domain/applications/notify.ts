/**
 * The 入会审核结果 subscription message, and its record in the outbox (提醒记录). The template
 * chosen in 公众平台 (APPLICATION_RESULT_TEMPLATE_ID) must have exactly these fields:
 *
 * | key     | field    | value                                                   |
 * | ------- | -------- | ------------------------------------------------------- |
 * | thing1  | 申请人   | the applicant's name, at most 20 characters             |
 * | phrase2 | 审核结果 | 已通过 or 未通过                                         |
 * | thing3  | 备注     | approved: the member number and the next step; rejected: the reason, cut to 20 |
 *
 * A tap on the message opens the mini-program's status page.
 */
import type { ApplicationResultKind, Instant, ReminderOutboxItem } from '../../../typings';
import type { ActionContext, BackendDeps } from '../../core/context';
import type { Doc, Write } from '../../ports/store';
import { SubscriptionMessageError, type MiniProgramState } from '../../ports/wechat';
import { COLLECTIONS } from '../../schema/collections';
import type { OutboxDoc } from '../reminders/model';
import { thingValue } from '../reminders/message';
import type { ApplicationDoc } from './model';

export const RESULT_PAGE = 'package-apply/pages/apply-status/index';

/**
 * The applicant's acceptance of the result message. `_id` is the application's id; `openid`
 * is raw because sending needs it, and like the reminders' it is never logged or answered.
 */
export interface ApplicationNoticeDoc extends Doc {
  openid: string;
  templateId: string;
  /** Acceptances not yet spent: one per submit or resubmit that accepted. */
  credits: number;
  updatedAt: Instant;
}

const STATES: Record<BackendDeps['config']['miniProgramEnvVersion'], MiniProgramState> = {
  release: 'formal',
  trial: 'trial',
  develop: 'developer',
};

/**
 * The write that records an acceptance made with this submit, or null: only a call from
 * WeChat carries the OPENID, and only the configured template counts.
 */
export async function acceptanceWrite(
  ctx: ActionContext,
  applicationId: string,
  accepted: boolean | undefined,
): Promise<Write | null> {
  const templateId = ctx.deps.config.applicationResultTemplateId;
  const openid = ctx.caller.openid;
  if (!accepted || !openid || !templateId) return null;
  const current = await ctx.deps.store.get<ApplicationNoticeDoc>(
    COLLECTIONS.applicationNotices,
    applicationId,
  );
  const fields = { openid, templateId, updatedAt: ctx.now.toISOString() };
  if (!current) {
    return {
      op: 'insert',
      collection: COLLECTIONS.applicationNotices,
      doc: { _id: applicationId, ...fields, credits: 1 },
    };
  }
  const credits = current.templateId === templateId ? current.credits + 1 : 1;
  return {
    op: 'update',
    collection: COLLECTIONS.applicationNotices,
    id: applicationId,
    patch: { set: { ...fields, credits } },
  };
}

function resultData(doc: ApplicationDoc): Record<string, { value: string }> {
  const approved = doc.status === 'approved';
  const note = approved ? `编号${doc.memberNo ?? ''}，请登录缴费` : `原因：${doc.reason ?? ''}`;
  return {
    thing1: { value: thingValue(doc.name) },
    phrase2: { value: approved ? '已通过' : '未通过' },
    thing3: { value: thingValue(note) },
  };
}

/**
 * Tells the applicant the review's result, after the review committed: a message when they
 * accepted one and WeChat is at hand, and an outbox entry either way. A failure here is the
 * outbox's `failed`, never the review's: the decision stands.
 */
export async function notifyResult(deps: BackendDeps, doc: ApplicationDoc): Promise<void> {
  const kind: ApplicationResultKind =
    doc.status === 'approved' ? 'applicationApproved' : 'applicationRejected';
  const outcome = await deliver(deps, doc);
  const entry: OutboxDoc = {
    _id: `application:${doc._id}:${doc.reviewedAt ?? ''}`,
    memberId: doc.memberId,
    memberName: doc.name,
    kind,
    expiresOn: null,
    applicationId: doc._id,
    status: outcome.status,
    errorCode: outcome.errorCode,
    createdAt: doc.reviewedAt ?? deps.clock.now().toISOString(),
  };
  try {
    await deps.store.insert(COLLECTIONS.reminderOutbox, entry);
  } catch (error) {
    deps.logger.log('error', 'application_outbox_failed', { applicationId: doc._id, error });
  }
}

type Outcome = { status: ReminderOutboxItem['status']; errorCode: string | null };

async function deliver(deps: BackendDeps, doc: ApplicationDoc): Promise<Outcome> {
  const messages = deps.subscriptionMessages;
  if (!messages) return { status: 'local', errorCode: null };
  const templateId = deps.config.applicationResultTemplateId;
  if (!templateId) return { status: 'noSubscription', errorCode: null };

  // Spend one acceptance, guarded on the count read: a resubmit racing the review keeps its.
  const notice = await deps.store.get<ApplicationNoticeDoc>(
    COLLECTIONS.applicationNotices,
    doc._id,
  );
  if (!notice || notice.templateId !== templateId || notice.credits < 1) {
    return { status: 'noSubscription', errorCode: null };
  }
  const spent = await deps.store.update(
    COLLECTIONS.applicationNotices,
    doc._id,
    { inc: { credits: -1 } },
    { credits: notice.credits },
  );
  if (!spent) return { status: 'noSubscription', errorCode: null };

  try {
    await messages.send({
      touser: notice.openid,
      templateId,
      page: RESULT_PAGE,
      data: resultData(doc),
      miniprogramState: STATES[deps.config.miniProgramEnvVersion],
    });
    return { status: 'sent', errorCode: null };
  } catch (error) {
    if (error instanceof SubscriptionMessageError) {
      return { status: 'failed', errorCode: error.errCode };
    }
    deps.logger.log('error', 'application_result_send_error', { applicationId: doc._id, error });
    return { status: 'failed', errorCode: null };
  }
}
