import { findPage } from '../../core/paging';
import { z } from 'zod';
import type {
  AdminPointsMember,
  Page,
  PointsEntry,
  PointsRules,
  PointsSummary,
} from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import { calendarYear } from '../../core/dates';
import { AppError } from '../../core/errors';
import { maskPhone } from '../../core/mask';
import { defineAction } from '../../core/registry';
import { fields, requestIdInput } from '../../core/validation';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import type { MemberDoc } from '../members/model';
import {
  adjustPoints,
  ledgerPage,
  yearTotal,
  type LedgerEntryDoc,
  type PointsTotalDoc,
} from './ledger';
import {
  AWARD_KINDS,
  POINTS_LABELS,
  readPointsRulesView,
  readPointsSettings,
  rulesForMembers,
  updatePointsSettings,
} from './rules';
import { exportYearly, yearly } from './yearly';
import { findByIds } from '../../core/find-by-ids';

// 积分: members read their own total and history; the secretariat and the super-admin see
// everyone's, adjust with a reason, and (the super-admin) set the rules.

const POINTS_ADMINS = ['superAdmin', 'secretariat'] as const;
/** Years one may look back to: the ledger keeps every entry, the pages need a bound. */
const EARLIEST_YEAR = 2000;
const MAX_ADJUSTMENT = 100;

const year = z
  .number({ error: '年份不正确' })
  .int('年份不正确')
  .min(EARLIEST_YEAR, '年份不正确')
  .max(9999, '年份不正确')
  .optional();
/** 年度名单 name their year; a year not begun yet is refused in yearly.ts. */
const requiredYear = z
  .number({ error: '请选择年份' })
  .int('年份不正确')
  .min(EARLIEST_YEAR, '年份不正确')
  .max(9999, '年份不正确');
const page = fields.page;
const pageSize = fields.pageSize;

function toEntry(doc: LedgerEntryDoc): PointsEntry {
  return {
    id: doc._id,
    kind: doc.kind,
    label: POINTS_LABELS[doc.kind],
    points: doc.points,
    at: doc.at,
    reason: doc.reason,
  };
}

async function history(
  deps: BackendDeps,
  memberId: string,
  input: { year?: number; page?: number; pageSize?: number },
  now: Date,
): Promise<Page<PointsEntry>> {
  const p = input.page ?? 1;
  const size = input.pageSize ?? 20;
  const { items, total } = await ledgerPage(
    deps,
    memberId,
    input.year ?? calendarYear(now),
    p,
    size,
  );
  return { items: items.map(toEntry), total, page: p, pageSize: size };
}

async function summary(ctx: ActionContext & { principal: { memberId: string } }) {
  const { deps, principal, now } = ctx;
  const thisYear = calendarYear(now);
  const [rules, total] = await Promise.all([
    readPointsSettings(deps),
    yearTotal(deps, principal.memberId, thisYear),
  ]);
  const answer: PointsSummary = {
    year: thisYear,
    total,
    threshold: rules.threshold,
    remaining: Math.max(rules.threshold - total, 0),
    reached: total >= rules.threshold,
    reward: rules.reward,
    rules: rulesForMembers(rules),
  };
  return answer;
}

/** The year's totals, highest first (year_total index), with their members. */
async function pointsMembers(
  deps: BackendDeps,
  input: { year?: number; reached?: boolean; page?: number; pageSize?: number },
  now: Date,
): Promise<Page<AdminPointsMember> & { year: number; threshold: number }> {
  const y = input.year ?? calendarYear(now);
  const { threshold } = await readPointsSettings(deps);
  const filter = { where: { year: y, total: input.reached ? { gte: threshold } : { gt: 0 } } };
  const { docs: totals, ...paging } = await findPage<PointsTotalDoc>(
    deps.store,
    COLLECTIONS.pointsTotals,
    filter,
    [
      { field: 'total', direction: 'desc' },
      { field: '_id', direction: 'asc' },
    ],
    input,
  );
  const byId = await findByIds<MemberDoc>(
    deps.store,
    COLLECTIONS.members,
    totals.map((t) => t.memberId),
  );
  const items = totals.flatMap((t): AdminPointsMember[] => {
    const member = byId.get(t.memberId);
    if (!member) return [];
    return [
      {
        memberId: member._id,
        name: member.name,
        memberNo: member.memberNo,
        memberType: member.memberType,
        phoneMasked: maskPhone(member.phone),
        birthDate: member.birthDate,
        total: t.total,
        reached: t.total >= threshold,
      },
    ];
  });
  return { items, ...paging, year: y, threshold };
}

async function adjust(
  ctx: ActionContext<AdminPrincipal>,
  input: { memberId: string; points: number; reason: string; requestId: string },
): Promise<{ total: number; entry: PointsEntry }> {
  const { deps, now, principal } = ctx;
  const member = await deps.store.get<MemberDoc>(COLLECTIONS.members, input.memberId);
  if (!member) throw new AppError('NOT_FOUND', '会员不存在', { field: 'memberId' });
  const { entry } = await adjustPoints(deps, {
    ...input,
    // Scoped to the admin: two admins' request ids can never answer each other's entry.
    requestId: `${principal.adminId}:${input.requestId}`,
    at: now,
    audit: auditWrite(principal, now, 'admin.points.adjust', member._id, {
      fields: ['points'],
      summary: { points: input.points, requestId: input.requestId },
    }),
  });
  return { total: await yearTotal(deps, member._id, entry.year), entry: toEntry(entry) };
}

const rulesInput = z.strictObject({
  values: z.strictObject(
    Object.fromEntries(
      AWARD_KINDS.map((kind) => [
        kind,
        z
          .number({ error: `请填写“${POINTS_LABELS[kind]}”的分值` })
          .int(`“${POINTS_LABELS[kind]}”的分值应为整数`)
          .min(0, `“${POINTS_LABELS[kind]}”的分值应为 0-100`)
          .max(100, `“${POINTS_LABELS[kind]}”的分值应为 0-100`),
      ]),
    ) as Record<(typeof AWARD_KINDS)[number], z.ZodNumber>,
  ),
  threshold: z
    .number({ error: '请填写达标分数' })
    .int('达标分数应为整数')
    .min(1, '达标分数应为 1-1000')
    .max(1000, '达标分数应为 1-1000'),
  reward: z
    .string({ error: '请填写达标奖励' })
    .trim()
    .min(2, '达标奖励应为 2-100 个字')
    .max(100, '达标奖励应为 2-100 个字'),
}) as unknown as z.ZodType<PointsRules>;

export const pointsActions = [
  defineAction({
    name: 'points.summary',
    access: 'member',
    input: z.strictObject({}),
    handler: (_input, ctx) => summary(ctx),
  }),
  defineAction({
    name: 'points.history',
    access: 'member',
    input: z.strictObject({ year, page, pageSize }),
    handler: (input, ctx) => history(ctx.deps, ctx.principal.memberId, input, ctx.now),
  }),
  defineAction({
    name: 'admin.points.rules.get',
    access: 'admin',
    roles: POINTS_ADMINS,
    input: z.strictObject({}),
    handler: (_input, ctx) => readPointsRulesView(ctx.deps),
  }),
  // The rules speak for the society, like its fees: the super-admin's.
  defineAction({
    name: 'admin.points.rules.update',
    access: 'admin',
    roles: ['superAdmin'],
    input: rulesInput,
    handler: (input, ctx) => updatePointsSettings(ctx, input),
  }),
  defineAction({
    name: 'admin.points.members',
    access: 'admin',
    roles: POINTS_ADMINS,
    input: z.strictObject({ year, reached: z.boolean().optional(), page, pageSize }),
    handler: (input, ctx) => pointsMembers(ctx.deps, input, ctx.now),
  }),
  defineAction({
    name: 'admin.points.yearly',
    access: 'admin',
    roles: POINTS_ADMINS,
    input: z.strictObject({ year: requiredYear }),
    handler: (input, ctx) => yearly(ctx, input.year),
  }),
  defineAction({
    name: 'admin.points.yearlyExport',
    access: 'admin',
    roles: POINTS_ADMINS,
    input: z.strictObject({ year: requiredYear }),
    handler: (input, ctx) => exportYearly(ctx, input.year),
  }),
  defineAction({
    name: 'admin.points.history',
    access: 'admin',
    roles: POINTS_ADMINS,
    input: z.strictObject({
      memberId: z.string({ error: '会员不存在' }).min(1).max(64),
      year,
      page,
      pageSize,
    }),
    handler: (input, ctx) => history(ctx.deps, input.memberId, input, ctx.now),
  }),
  defineAction({
    name: 'admin.points.adjust',
    access: 'admin',
    roles: POINTS_ADMINS,
    input: z.strictObject({
      memberId: z.string({ error: '会员不存在' }).min(1).max(64),
      points: z
        .number({ error: '请填写调整的分数' })
        .int('调整的分数应为整数')
        .min(-MAX_ADJUSTMENT, `一次最多调整 ${MAX_ADJUSTMENT} 分`)
        .max(MAX_ADJUSTMENT, `一次最多调整 ${MAX_ADJUSTMENT} 分`)
        .refine((n) => n !== 0, '调整的分数不能为 0'),
      reason: z
        .string({ error: '请填写调整原因' })
        .trim()
        .min(2, '请填写调整原因（2-200个字）')
        .max(200, '调整原因不能超过200个字'),
      requestId: requestIdInput,
    }),
    handler: (input, ctx) => adjust(ctx, input),
  }),
];
