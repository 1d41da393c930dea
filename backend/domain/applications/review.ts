import { findPage } from '../../core/paging';
import { randomUUID } from 'node:crypto';
import type { AdminApplication, ApplicationStatus, Page } from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { calendarDate, calendarYear } from '../../core/dates';
import { AppError } from '../../core/errors';
import { StoreConflictError, type Filter, type Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import type { MemberDoc } from '../members/model';
import { maskName } from '../certificates/mask-name';
import { drawMemberNo } from './member-number';
import {
  closedKeyOf,
  normalizeReferenceCode,
  toAdminApplication,
  type ApplicationDoc,
} from './model';
import { notifyResult } from './notify';

/** Counter clashes retried before giving up; each clash means another approval committed. */
const APPROVE_ATTEMPTS = 8;
const NOT_UNDER_REVIEW = '该申请已审核，不能重复审核';

/**
 * The queue: one state or all; under review oldest first (the order of work). A query finds
 * a name containing it, a whole phone number or a reference code.
 */
export async function listApplications(
  deps: BackendDeps,
  input: { status?: ApplicationStatus; query?: string; page?: number; pageSize?: number },
): Promise<Page<AdminApplication>> {
  const filter: Filter = {
    ...(input.status ? { where: { status: input.status } } : {}),
    ...searchFilter(input.query ?? ''),
  };
  const direction = input.status === 'underReview' ? 'asc' : 'desc';
  const { docs, ...paging } = await findPage<ApplicationDoc>(
    deps.store,
    COLLECTIONS.applications,
    filter,
    [{ field: 'submittedAt', direction }],
    input,
  );
  return { items: docs.map(toAdminApplication), ...paging };
}

function searchFilter(query: string): Filter {
  if (!query) return {};
  const or: NonNullable<Filter['or']> = [
    { name: { contains: query } },
    { referenceCode: normalizeReferenceCode(query) },
  ];
  const digits = query.replace(/\D/g, '');
  if (digits.length === 11) or.push({ phone: digits });
  return { or };
}

/** One application, whole, for the review's detail. */
export async function getApplication(
  deps: BackendDeps,
  applicationId: string,
): Promise<AdminApplication> {
  const doc = await deps.store.get<ApplicationDoc>(COLLECTIONS.applications, applicationId);
  if (!doc) throw new AppError('NOT_FOUND', '未找到该入会申请');
  return toAdminApplication(doc);
}

async function loadUnderReview(ctx: ActionContext, id: string): Promise<ApplicationDoc> {
  const doc = await ctx.deps.store.get<ApplicationDoc>(COLLECTIONS.applications, id);
  if (!doc) throw new AppError('NOT_FOUND', '未找到该入会申请');
  if (doc.status !== 'underReview') throw new AppError('CONFLICT', NOT_UNDER_REVIEW);
  return doc;
}

/** The application's closing write, guarded: of two reviews at once, one commits. */
function closeWrite(doc: ApplicationDoc, set: Partial<ApplicationDoc>): Write {
  return {
    op: 'update',
    collection: COLLECTIONS.applications,
    id: doc._id,
    patch: { set: { ...set, openKey: closedKeyOf(doc._id) } },
    expect: { status: 'underReview' },
  };
}

/** 退回: the reason is what the applicant reads. */
export async function rejectApplication(
  ctx: ActionContext<AdminPrincipal>,
  applicationId: string,
  reason: string,
): Promise<AdminApplication> {
  const doc = await loadUnderReview(ctx, applicationId);
  const at = ctx.now.toISOString();
  const changes = {
    status: 'rejected' as const,
    reason,
    reviewedAt: at,
    reviewedBy: ctx.principal.adminId,
    updatedAt: at,
  };
  try {
    await ctx.deps.store.batch([
      closeWrite(doc, changes),
      auditWrite(ctx.principal, ctx.now, 'admin.applications.reject', doc._id, {
        fields: ['application.status'],
        summary: { referenceCode: doc.referenceCode },
      }),
    ]);
  } catch (error) {
    if (error instanceof StoreConflictError) throw new AppError('CONFLICT', NOT_UNDER_REVIEW);
    throw error;
  }
  const reviewed = { ...doc, ...changes, openKey: closedKeyOf(doc._id) };
  await notifyResult(ctx.deps, reviewed);
  return toAdminApplication(reviewed);
}

/**
 * 通过: the member (account = phone, initial password = phone: no account document), the
 * year's member number, the application's close and the audit entry, in one batch. No
 * expiry date: the dues period starts with the first confirmed payment.
 */
export async function approveApplication(
  ctx: ActionContext<AdminPrincipal>,
  applicationId: string,
): Promise<AdminApplication> {
  for (let attempt = 1; ; attempt += 1) {
    const doc = await loadUnderReview(ctx, applicationId);
    await assertIdNumberFree(ctx, doc);
    const { memberNo, write: counterWrite } = await drawMemberNo(ctx.deps, calendarYear(ctx.now));
    const member = newMember(ctx, doc, memberNo);
    const at = ctx.now.toISOString();
    const changes = {
      status: 'approved' as const,
      reviewedAt: at,
      reviewedBy: ctx.principal.adminId,
      updatedAt: at,
      memberId: member._id,
      memberNo,
    };
    try {
      await ctx.deps.store.batch([
        counterWrite,
        closeWrite(doc, changes),
        { op: 'insert', collection: COLLECTIONS.members, doc: member },
        auditWrite(ctx.principal, ctx.now, 'admin.applications.approve', doc._id, {
          fields: ['application.status', 'member'],
          summary: { referenceCode: doc.referenceCode, memberNo, memberId: member._id },
        }),
      ]);
      const reviewed = { ...doc, ...changes, openKey: closedKeyOf(doc._id) };
      await notifyResult(ctx.deps, reviewed);
      return toAdminApplication(reviewed);
    } catch (error) {
      if (!(error instanceof StoreConflictError)) throw error;
      // Which guard stopped it: another review, the phone became a member's, or the counter.
      if (error.collection === COLLECTIONS.members) {
        throw new AppError('CONFLICT', '该手机号已是会员，无需再通过入会申请');
      }
      if (error.collection !== COLLECTIONS.settings || attempt >= APPROVE_ATTEMPTS) {
        await loadUnderReview(ctx, applicationId);
        throw error;
      }
    }
  }
}

/**
 * One person, one membership: an ID number a member already holds (another phone of the
 * same person, or a typing error) is for the secretariat to sort out before approving.
 */
async function assertIdNumberFree(ctx: ActionContext, doc: ApplicationDoc): Promise<void> {
  if (!doc.idNumber) return;
  const [holder] = await ctx.deps.store.find<MemberDoc>(
    COLLECTIONS.members,
    { where: { idNumber: doc.idNumber } },
    { limit: 1 },
  );
  if (!holder) return;
  const who = holder.memberNo ? `会员编号 ${holder.memberNo}` : maskName(holder.name);
  throw new AppError(
    'CONFLICT',
    `该身份证号已属于会员（${who}），不能再通过一份入会申请；请与申请人核实后退回`,
    { reason: 'idNumberInUse' },
  );
}

function newMember(ctx: ActionContext, doc: ApplicationDoc, memberNo: string): MemberDoc {
  const at = ctx.now.toISOString();
  return {
    _id: randomUUID(),
    phone: doc.phone,
    name: doc.name,
    memberNo,
    memberType: doc.memberType,
    gender: doc.gender,
    birthDate: doc.birthDate,
    workUnit: doc.workUnit,
    title: doc.title,
    position: doc.position,
    email: doc.email,
    joinedOn: calendarDate(ctx.now),
    expiresOn: null,
    notes: null,
    applicationId: doc._id,
    createdAt: at,
    updatedAt: at,
    firstLoginAt: null,
    department: doc.department,
    education: doc.education,
    specialty: doc.specialty,
    address: doc.address,
    ...(doc.idNumber ? { idNumber: doc.idNumber, idNumberConsent: true } : {}),
  };
}
