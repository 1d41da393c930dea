/**
 * The daily 会费到期提醒: members whose dues end in 30 days, in 7 days, or ended yesterday
 * (Asia/Shanghai calendar dates) get one subscription message each, if they accepted one.
 * Every reminder, sent or not, is recorded in the outbox first; its `_id` makes a second run
 * on the same day skip what the first one did.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { CalendarDate, ReminderKind, ReminderOutboxItem } from '../../../typings';
import type { BackendDeps, BackendConfig } from '../../core/context';
import { calendarDate } from '../../core/dates';
import { openKeyOf } from '../dues/model';
import { COLLECTIONS } from '../../schema/collections';
import { StoreConflictError } from '../../ports/store';
import { SubscriptionMessageError, type MiniProgramState } from '../../ports/wechat';
import type { MemberDoc } from '../members/model';
import { outboxId, type OutboxDoc, type ReminderSubscriptionDoc } from './model';
import { reminderData, REMINDER_PAGE } from './message';

dayjs.extend(utc);

/** Which expiry date each reminder is for, as days from today. */
const OFFSETS: Record<ReminderKind, number> = { in30Days: 30, in7Days: 7, expiredYesterday: -1 };

/** The cloud database's cap for one query. */
const PAGE = 1000;

/** WeChat: the member has no acceptance left for the template. */
const NO_ACCEPTANCE_LEFT = '43101';

/**
 * What an interrupted send leaves in the outbox: recorded as failed, since nobody knows it
 * was delivered, and the day's `_id` keeps a later run from sending it twice.
 */
const UNFINISHED = 'unfinished';

/** Rounds of the guarded decrement before giving up on a member (a race with a tap). */
const ATTEMPTS = 5;

/**
 * Per kind, the members whose dues end on that kind's day; per status, the reminders this
 * run recorded; `paid`, members skipped because their renewal awaits finance's review.
 */
export type ReminderCounts = Record<ReminderKind | ReminderOutboxItem['status'] | 'paid', number>;

/** A member who has paid and uploaded the voucher is not told to pay again. */
async function awaitsReview(deps: BackendDeps, memberId: string): Promise<boolean> {
  const open = await deps.store.count(COLLECTIONS.duesOrders, {
    where: { openKey: openKeyOf(memberId), status: 'awaitingReview' },
  });
  return open > 0;
}

const STATES: Record<BackendConfig['miniProgramEnvVersion'], MiniProgramState> = {
  release: 'formal',
  trial: 'trial',
  develop: 'developer',
};

function addDays(date: CalendarDate, days: number): CalendarDate {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Every member whose `expiresOn` is `date`, a page at a time by `_id` (expires_on index). */
async function* membersExpiringOn(deps: BackendDeps, date: CalendarDate) {
  let after = '';
  for (;;) {
    const page = await deps.store.find<MemberDoc>(
      COLLECTIONS.members,
      { where: { expiresOn: date, ...(after ? { _id: { gt: after } } : {}) } },
      { orderBy: [{ field: '_id', direction: 'asc' }], limit: PAGE },
    );
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!._id;
  }
}

/** Runs the day's reminders and counts them: members found per kind, outcomes per status. */
export async function runReminders(deps: BackendDeps, now: Date): Promise<ReminderCounts> {
  const counts: ReminderCounts = {
    in30Days: 0,
    in7Days: 0,
    expiredYesterday: 0,
    sent: 0,
    noSubscription: 0,
    failed: 0,
    local: 0,
    paid: 0,
  };
  const today = calendarDate(now);

  for (const kind of Object.keys(OFFSETS) as ReminderKind[]) {
    const expiresOn = addDays(today, OFFSETS[kind]);
    for await (const member of membersExpiringOn(deps, expiresOn)) {
      counts[kind] += 1;
      if (await awaitsReview(deps, member._id)) {
        counts.paid += 1;
        continue;
      }
      const status = await remind(deps, now, member, kind, expiresOn);
      if (status) counts[status] += 1;
    }
  }
  return counts;
}

/** One member's reminder; null when an earlier run already recorded it. */
async function remind(
  deps: BackendDeps,
  now: Date,
  member: MemberDoc,
  kind: ReminderKind,
  expiresOn: CalendarDate,
): Promise<ReminderOutboxItem['status'] | null> {
  const id = outboxId(member._id, kind, expiresOn);

  // Claim the reminder first: a collision means it is done, and nothing else happens.
  const claim: OutboxDoc = {
    _id: id,
    memberId: member._id,
    memberName: member.name,
    kind,
    expiresOn,
    applicationId: null,
    status: 'failed',
    errorCode: UNFINISHED,
    createdAt: now.toISOString(),
  };
  try {
    await deps.store.insert(COLLECTIONS.reminderOutbox, claim);
  } catch (error) {
    if (error instanceof StoreConflictError) return null;
    throw error;
  }

  const outcome = await deliver(deps, member, kind, expiresOn);
  await deps.store.update(COLLECTIONS.reminderOutbox, id, {
    set: { status: outcome.status, errorCode: outcome.errorCode },
  });
  if (outcome.status === 'failed') {
    deps.logger.log('warn', 'reminder_failed', {
      memberId: member._id,
      kind,
      errorCode: outcome.errorCode,
    });
  }
  return outcome.status;
}

type Outcome = { status: ReminderOutboxItem['status']; errorCode: string | null };

async function deliver(
  deps: BackendDeps,
  member: MemberDoc,
  kind: ReminderKind,
  expiresOn: CalendarDate,
): Promise<Outcome> {
  const messages = deps.subscriptionMessages;
  if (!messages) return { status: 'local', errorCode: null };
  const templateId = deps.config.reminderTemplateId;
  if (templateId === null) return { status: 'noSubscription', errorCode: null };

  const subscription = await spendCredit(deps, member._id, templateId);
  if (!subscription) return { status: 'noSubscription', errorCode: null };

  try {
    await messages.send({
      touser: subscription.openid,
      templateId,
      page: REMINDER_PAGE,
      data: reminderData(kind, member.name, expiresOn),
      miniprogramState: STATES[deps.config.miniProgramEnvVersion],
    });
    return { status: 'sent', errorCode: null };
  } catch (error) {
    // A failed send keeps the credit spent: WeChat may have counted the acceptance, and
    // counting low only risks a refused send, never one the member did not accept.
    if (!(error instanceof SubscriptionMessageError)) {
      deps.logger.log('error', 'reminder_send_error', { memberId: member._id, error });
      return { status: 'failed', errorCode: null };
    }
    if (error.errCode === NO_ACCEPTANCE_LEFT) {
      await deps.store.update(COLLECTIONS.reminderSubscriptions, member._id, {
        set: { credits: 0 },
      });
    }
    return { status: 'failed', errorCode: error.errCode };
  }
}

/**
 * Takes one acceptance, guarded on the count read, so a tap racing the job neither loses
 * an acceptance nor spends one twice. Null when there is none to spend.
 */
async function spendCredit(
  deps: BackendDeps,
  memberId: string,
  templateId: string,
): Promise<ReminderSubscriptionDoc | null> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const doc = await deps.store.get<ReminderSubscriptionDoc>(
      COLLECTIONS.reminderSubscriptions,
      memberId,
    );
    if (!doc || doc.templateId !== templateId || doc.credits <= 0) return null;
    const spent = await deps.store.update(
      COLLECTIONS.reminderSubscriptions,
      memberId,
      { inc: { credits: -1 } },
      { credits: doc.credits, templateId },
    );
    if (spent) return doc;
  }
  return null;
}
