import { randomUUID } from 'node:crypto';
import type { ActionRequest, ApplicationReceipt, ApplicationStatusAnswer } from '../../../typings';
import type { ActionContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { assertRateLimit } from '../auth/guards';
import { blankToNull } from '../members/input-fields';
import {
  APPLICATION_NOT_FOUND,
  newReferenceCode,
  normalizeReferenceCode,
  openKeyOf,
  toStatusAnswer,
  type ApplicationDoc,
} from './model';

type SubmitInput = ActionRequest<'application.submit'>;

export const ALREADY_MEMBER = '该手机号已是会员，请直接登录（初始密码为手机号）';
export const ALREADY_UNDER_REVIEW = '该手机号已有一份入会申请正在审核中，请耐心等待结果';
/** Submits and status look-ups from one address per minute: enough for a shared office. */
const CALLS_PER_MINUTE_PER_ADDRESS = 30;

async function limitRate(ctx: ActionContext, scope: string): Promise<void> {
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

async function findOne(ctx: ActionContext, where: Record<string, string>) {
  const [found] = await ctx.deps.store.find<ApplicationDoc>(COLLECTIONS.applications, { where });
  return found ?? null;
}

function receiptOf(doc: ApplicationDoc): ApplicationReceipt {
  return { applicationId: doc._id, referenceCode: doc.referenceCode, status: doc.status };
}

/**
 * 提交入会申请. A repeat of the same `requestId` from the same phone answers the first
 * receipt, even when both arrive at once: the unique `requestKey` lets one insert win.
 * The signed form's files are not taken yet: uploads need a session, and an applicant has
 * none (README, known limits).
 */
export async function submitApplication(
  ctx: ActionContext,
  input: SubmitInput,
): Promise<ApplicationReceipt> {
  await limitRate(ctx, 'applicationSubmit');
  const requestKey = `${input.phone}:${input.requestId}`;
  const repeat = await findOne(ctx, { requestKey });
  if (repeat) return receiptOf(repeat);

  // Refusals first: a member logs in, a pending applicant waits.
  const { store } = ctx.deps;
  if ((await store.count(COLLECTIONS.members, { where: { phone: input.phone } })) > 0) {
    throw new AppError('CONFLICT', ALREADY_MEMBER, { field: 'phone' });
  }
  const doc = draft(ctx, input, requestKey);
  try {
    await store.batch([
      { op: 'insert', collection: COLLECTIONS.applications, doc },
      auditWrite(ctx.principal, ctx.now, 'application.submit', doc._id, {
        fields: ['application'],
        summary: { referenceCode: doc.referenceCode },
      }),
    ]);
    return receiptOf(doc);
  } catch (error) {
    if (!(error instanceof StoreConflictError)) throw error;
    // The same request won elsewhere, or this phone has an application under review.
    const winner = await findOne(ctx, { requestKey });
    if (winner) return receiptOf(winner);
    if (await findOne(ctx, { openKey: openKeyOf(input.phone) })) {
      throw new AppError('CONFLICT', ALREADY_UNDER_REVIEW, { field: 'phone' });
    }
    throw error;
  }
}

function draft(ctx: ActionContext, input: SubmitInput, requestKey: string): ApplicationDoc {
  const at = ctx.now.toISOString();
  const idNumber = input.idNumberConsent === true ? blankToNull(input.idNumber) : null;
  return {
    _id: randomUUID(),
    requestKey,
    openKey: openKeyOf(input.phone),
    referenceCode: newReferenceCode(),
    status: 'underReview',
    reason: null,
    memberType: input.memberType,
    name: input.name,
    gender: input.gender,
    birthDate: input.birthDate,
    phone: input.phone,
    idNumber,
    idNumberConsent: idNumber !== null,
    workUnit: input.workUnit,
    department: blankToNull(input.department),
    title: blankToNull(input.title),
    position: blankToNull(input.position),
    education: blankToNull(input.education),
    specialty: blankToNull(input.specialty),
    address: blankToNull(input.address),
    email: blankToNull(input.email),
    createdAt: at,
    updatedAt: at,
    reviewedAt: null,
    reviewedBy: null,
    memberId: null,
    memberNo: null,
  };
}

/**
 * The phone's application with this reference code. A wrong code and an unknown phone get
 * the same NOT_FOUND, so the look-up tells nothing about who has applied.
 */
export async function applicationStatus(
  ctx: ActionContext,
  input: { phone: string; referenceCode: string },
): Promise<ApplicationStatusAnswer> {
  await limitRate(ctx, 'applicationStatus');
  const found = await findOne(ctx, {
    phone: input.phone,
    referenceCode: normalizeReferenceCode(input.referenceCode),
  });
  if (!found) throw new AppError('NOT_FOUND', APPLICATION_NOT_FOUND);
  return toStatusAnswer(found);
}
