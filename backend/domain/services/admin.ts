import type {
  AdminServiceApplication,
  Page,
  ServiceApplicationStatus,
  ServiceApplicationStep,
} from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { findPage, NEWEST_FIRST } from '../../core/paging';
import { StoreConflictError, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import type { MemberDoc } from '../members/model';
import { withdrawalWrites, withdrawAward, type Withdrawal } from '../points/ledger';
import { serviceNames } from './member';
import {
  APPLICATION_NOT_FOUND,
  closedKeyOf,
  INVALID_REASON,
  NEXT_STATUSES,
  nextStamp,
  type ServiceApplicationDoc,
  STATUS_LABELS,
  toAdminApplication,
} from './model';
import { findByIds } from '../../core/find-by-ids';

export interface ProcessInput {
  applicationId: string;
  status: 'accepted' | 'completed' | 'rejected';
  reply?: string;
  invalid?: boolean;
}

async function load(deps: BackendDeps, applicationId: string) {
  const doc = await deps.store.get<ServiceApplicationDoc>(
    COLLECTIONS.serviceApplications,
    applicationId,
  );
  if (!doc) throw new AppError('NOT_FOUND', APPLICATION_NOT_FOUND, { field: 'applicationId' });
  return doc;
}

/** The console's rows: each with its member as they are now and its service's name. */
async function adminRows(
  deps: BackendDeps,
  docs: ServiceApplicationDoc[],
): Promise<AdminServiceApplication[]> {
  const [byId, names] = await Promise.all([
    findByIds<MemberDoc>(
      deps.store,
      COLLECTIONS.members,
      docs.map((d) => d.memberId),
    ),
    serviceNames(deps, docs),
  ]);
  return docs.map((d) =>
    toAdminApplication(d, byId.get(d.memberId) ?? null, names.get(d.serviceId)),
  );
}

/** Every member's applications, newest first; of one status or one service when asked. */
export async function listAdminApplications(
  deps: BackendDeps,
  input: {
    status?: ServiceApplicationStatus;
    serviceId?: string;
    page?: number;
    pageSize?: number;
  },
): Promise<Page<AdminServiceApplication>> {
  const where = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.serviceId ? { serviceId: input.serviceId } : {}),
  };
  const { docs, ...paging } = await findPage<ServiceApplicationDoc>(
    deps.store,
    COLLECTIONS.serviceApplications,
    { where },
    NEWEST_FIRST,
    input,
  );
  return { items: await adminRows(deps, docs), ...paging };
}

/**
 * 处理: submitted → accepted | rejected, accepted → completed | rejected; nothing else. Each
 * step joins the history in one write guarded on the status read, so of two reviewers at
 * once one moves it and the other is told to look again. A rejection as invalid withdraws
 * the application's 申请服务 point in the same batch. The audit keeps no member text.
 */
export async function processApplication(
  ctx: ActionContext<AdminPrincipal>,
  input: ProcessInput,
): Promise<AdminServiceApplication> {
  const { deps, principal, now } = ctx;
  const doc = await load(deps, input.applicationId);
  if (!NEXT_STATUSES[doc.status].includes(input.status)) {
    // Rejections stored before the withdrawal joined their batch may have kept the point;
    // an application rejected as invalid stays so, so taking it back needs no guard.
    if (doc.invalid) await withdrawAward(deps, pointWithdrawal(ctx, doc));
    throw new AppError(
      'CONFLICT',
      `该申请当前为「${STATUS_LABELS[doc.status]}」，不能改为「${STATUS_LABELS[input.status]}」`,
    );
  }

  const invalid = input.status === 'rejected' && input.invalid === true;
  const step: ServiceApplicationStep = {
    status: input.status,
    reply: input.reply ?? null,
    at: now.toISOString(),
  };
  const changes = {
    status: input.status,
    reply: input.reply ?? doc.reply,
    invalid,
    points: invalid ? 0 : doc.points,
    updatedAt: nextStamp(doc.updatedAt, now),
    history: [...doc.history, step],
    // Done with (已办结, 已驳回): the member may apply for the service again.
    ...(input.status === 'accepted' ? {} : { openKey: closedKeyOf(doc._id) }),
  };
  const writes = async () => [
    {
      op: 'update' as const,
      collection: COLLECTIONS.serviceApplications,
      id: doc._id,
      patch: { set: changes },
      expect: { status: doc.status },
    },
    auditWrite(principal, now, 'admin.services.process', doc._id, {
      fields: input.reply === undefined ? ['status'] : ['status', 'reply'],
      summary: {
        memberId: doc.memberId,
        serviceId: doc.serviceId,
        from: doc.status,
        to: input.status,
        invalid,
      },
    }),
    ...(invalid ? await withdrawalWrites(deps, pointWithdrawal(ctx, doc)) : []),
  ];
  await storeStep(ctx, doc, writes);

  const processed = { ...doc, ...changes };
  const [row] = await adminRows(deps, [processed]);
  return row!;
}

/** Rounds of one step when only the points moved meanwhile (an adjustment of the total). */
const STEP_ATTEMPTS = 3;

/**
 * Stores one step. Its batch fails when another reviewer moved the application, or, for a
 * rejection as invalid, when an adjustment changed the total the withdrawal read: that
 * one alone is tried again, with the withdrawal read anew.
 */
async function storeStep(
  ctx: ActionContext<AdminPrincipal>,
  doc: ServiceApplicationDoc,
  writes: () => Promise<Write[]>,
): Promise<void> {
  for (let attempt = 0; attempt < STEP_ATTEMPTS; attempt += 1) {
    try {
      await ctx.deps.store.batch(await writes());
      return;
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      const latest = await load(ctx.deps, doc._id);
      if (latest.status !== doc.status) break;
    }
  }
  throw new AppError('CONFLICT', '该申请刚被其他管理员处理，请刷新后查看');
}

/** Takes back the application's 申请服务 point, once (the ledger keys the withdrawal). */
const pointWithdrawal = (
  ctx: ActionContext<AdminPrincipal>,
  doc: ServiceApplicationDoc,
): Withdrawal => ({
  memberId: doc.memberId,
  kind: 'serviceApply',
  refId: doc._id,
  reason: INVALID_REASON,
  at: ctx.now,
});
