import { randomUUID } from 'node:crypto';
import type { ServiceApplication } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { StoreConflictError } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import { assertRateLimit } from '../auth/guards';
import {
  prepareAttachments,
  removeStoredFiles,
  type PreparedAttachment,
} from '../files/attachments';
import { loadOwnMember } from '../members/member-writes';
import { awardPoints, withdrawAward } from '../points/ledger';
import { readPointsRules } from '../society/settings';
import {
  INVALID_REASON,
  SERVICE_NOT_FOUND,
  toApplication,
  type ServiceApplicationDoc,
  type ServiceDoc,
} from './model';

/** Applications one member may submit per minute: a busy member makes a few, a script more. */
const APPLIES_PER_MINUTE = 10;

const ATTACHMENT_TYPES = '附件只能是 PDF、Word、Excel 或图片（JPG/PNG）文件';

export interface ApplyInput {
  serviceId: string;
  text: string;
  attachmentFileIds: string[];
  requestId: string;
}

async function findByRequest(ctx: ActionContext<MemberPrincipal>, requestKey: string) {
  const [found] = await ctx.deps.store.find<ServiceApplicationDoc>(
    COLLECTIONS.serviceApplications,
    { where: { requestKey } },
  );
  return found ?? null;
}

/**
 * 申请服务. A repeat of the same `requestId` answers the application the first one stored,
 * even when both arrive at once: the unique `requestKey` lets one insert win. The
 * attachments, the member's own uploads, move under the application in the batch that
 * stores it. 申请服务 is awarded after the batch, keyed on the application.
 */
export async function applyForService(
  ctx: ActionContext<MemberPrincipal>,
  input: ApplyInput,
): Promise<ServiceApplication> {
  const { deps, principal, now } = ctx;
  const requestKey = `${principal.memberId}:${input.requestId}`;
  const repeat = await findByRequest(ctx, requestKey);
  if (repeat) return settle(ctx, repeat);
  await assertRateLimit(
    deps,
    'serviceApply',
    principal.memberId,
    APPLIES_PER_MINUTE,
    now,
    '申请提交过于频繁，请一分钟后再试',
  );

  const service = await deps.store.get<ServiceDoc>(COLLECTIONS.services, input.serviceId);
  if (!service?.active) {
    throw new AppError('NOT_FOUND', SERVICE_NOT_FOUND, { field: 'serviceId' });
  }
  const member = await loadOwnMember(ctx);
  const rules = await readPointsRules(deps);
  const id = randomUUID();
  let prepared: PreparedAttachment[];
  try {
    prepared = await prepareAttachments(
      deps,
      principal,
      input.attachmentFileIds,
      { folder: 'services', memberId: principal.memberId, applicationId: id },
      ATTACHMENT_TYPES,
      'attachmentFileIds',
    );
  } catch (error) {
    // An attachment already kept may be kept by this very request, stored meanwhile.
    const winner = await findByRequest(ctx, requestKey);
    if (winner) return settle(ctx, winner);
    throw error;
  }

  const at = now.toISOString();
  const doc: ServiceApplicationDoc = {
    _id: id,
    requestKey,
    memberId: principal.memberId,
    memberName: member.name,
    memberNo: member.memberNo,
    serviceId: service._id,
    serviceName: service.name,
    text: input.text,
    attachments: prepared.map((p) => p.file),
    status: 'submitted',
    reply: null,
    invalid: false,
    points: Math.max(0, rules.serviceApply),
    createdAt: at,
    updatedAt: at,
    history: [{ status: 'submitted', reply: null, at }],
  };
  try {
    await deps.store.batch([
      { op: 'insert', collection: COLLECTIONS.serviceApplications, doc },
      ...prepared.map((p) => p.write),
      auditWrite(principal, now, 'services.apply', id, {
        fields: ['serviceApplication'],
        summary: { serviceId: service._id, attachments: prepared.length },
      }),
    ]);
  } catch (error) {
    await removeStoredFiles(
      deps,
      prepared.map((p) => p.copy),
    );
    if (!(error instanceof StoreConflictError)) throw error;
    // The same request won elsewhere, or an attachment went to another record meanwhile.
    const winner = await findByRequest(ctx, requestKey);
    if (winner) return settle(ctx, winner);
    if (error.collection === COLLECTIONS.files) {
      throw new AppError('CONFLICT', '附件已用于另一份申请，请重新上传', {
        field: 'attachmentFileIds',
      });
    }
    throw error;
  }
  await removeStoredFiles(
    deps,
    prepared.map((p) => p.original),
  );
  return settle(ctx, doc);
}

/**
 * Awards 申请服务 for a stored application, on every answer: the ledger's entry id makes a
 * repeat a no-op, and a retry makes the award a crash between the batch and the award lost.
 * Counted in the year of the application. An application rejected as invalid earns nothing;
 * one rejected so while this award was landing has it withdrawn here (the reviewer's
 * withdrawal may have run before the award existed).
 */
async function settle(
  ctx: ActionContext<MemberPrincipal>,
  doc: ServiceApplicationDoc,
): Promise<ServiceApplication> {
  if (doc.invalid || doc.points === 0) return toApplication(doc);
  const award = { memberId: doc.memberId, kind: 'serviceApply' as const, refId: doc._id };
  const made = await awardPoints(ctx.deps, {
    ...award,
    points: doc.points,
    at: new Date(doc.createdAt),
  });
  if (!made) return toApplication(doc);

  const latest = await ctx.deps.store.get<ServiceApplicationDoc>(
    COLLECTIONS.serviceApplications,
    doc._id,
  );
  if (latest?.invalid) {
    await withdrawAward(ctx.deps, { ...award, reason: INVALID_REASON, at: ctx.now });
    return toApplication(latest);
  }
  return toApplication(doc);
}
