import type { ServiceApplication } from '../../../typings';
import type { ActionContext, MemberPrincipal } from '../../core/context';
import { AppError } from '../../core/errors';
import { COLLECTIONS } from '../../schema/collections';
import { openSubmit, storeSubmit, type SubmitKind } from '../content/member-submit';
import { loadOwnMember } from '../members/member-writes';
import { awardPoints, awardWrites, withdrawAward } from '../points/ledger';
import { readPointsRules } from '../society/settings';
import {
  APPLICATION_OPEN,
  INVALID_REASON,
  openKeyOf,
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

const SERVICE_APPLY: SubmitKind = {
  collection: COLLECTIONS.serviceApplications,
  rate: {
    scope: 'serviceApply',
    perMinute: APPLIES_PER_MINUTE,
    message: '申请提交过于频繁，请一分钟后再试',
  },
  audit: { action: 'services.apply', fields: ['serviceApplication'] },
  files: {
    types: ATTACHMENT_TYPES,
    field: 'attachmentFileIds',
    taken: '附件已用于另一份申请，请重新上传',
  },
  held: { message: APPLICATION_OPEN, field: 'serviceId' },
};

/**
 * 申请服务. A repeat of the same `requestId` answers the application the first one stored,
 * even when both arrive at once (content/member-submit.ts). The attachments, the member's
 * own uploads, and its 申请服务 point (keyed on the application) move in the batch that
 * stores it.
 */
export async function applyForService(
  ctx: ActionContext<MemberPrincipal>,
  input: ApplyInput,
): Promise<ServiceApplication> {
  const { deps, principal, now } = ctx;
  const { requestKey, repeat } = await openSubmit<ServiceApplicationDoc>(
    ctx,
    SERVICE_APPLY,
    input.requestId,
  );
  if (repeat) return settle(ctx, repeat);

  const service = await deps.store.get<ServiceDoc>(COLLECTIONS.services, input.serviceId);
  if (!service?.active) {
    throw new AppError('NOT_FOUND', SERVICE_NOT_FOUND, { field: 'serviceId' });
  }
  // Said before the uploads are moved; the unique openKey holds it when two arrive at once.
  const openKey = openKeyOf(principal.memberId, service._id);
  const [open] = await deps.store.find(COLLECTIONS.serviceApplications, { where: { openKey } });
  if (open) throw new AppError('CONFLICT', APPLICATION_OPEN, { field: 'serviceId' });
  const member = await loadOwnMember(ctx);
  const rules = await readPointsRules(deps);
  const points = Math.max(0, rules.serviceApply);
  return storeSubmit<ServiceApplicationDoc, ServiceApplication>(ctx, SERVICE_APPLY, {
    requestKey,
    fileIds: input.attachmentFileIds,
    target: (applicationId) => ({
      folder: 'services',
      memberId: principal.memberId,
      applicationId,
    }),
    // Its own application has its point; one another request stored may lack it.
    answer: (doc, own) => (own ? toApplication(doc) : settle(ctx, doc)),
    extraWrites: (applicationId) =>
      awardWrites(deps, {
        memberId: principal.memberId,
        kind: 'serviceApply',
        refId: applicationId,
        points,
        at: now,
      }),
    build: (id, attachments) => {
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
        attachments,
        status: 'submitted',
        openKey,
        reply: null,
        invalid: false,
        points,
        createdAt: at,
        updatedAt: at,
        history: [{ status: 'submitted', reply: null, at }],
      };
      return { doc, summary: { serviceId: service._id, attachments: attachments.length } };
    },
  });
}

/**
 * Answers an application another request stored, first giving it 申请服务 should it lack
 * it: applications stored before the award joined their batch may. The ledger's entry id
 * makes a repeat a no-op; counted in the year of the application. An application rejected
 * as invalid earns nothing; one rejected so while this award was landing has it withdrawn
 * here (the reviewer's withdrawal may have looked before the award existed).
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
