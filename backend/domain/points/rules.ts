import type {
  PointEventKind,
  PointsAwardKind,
  PointsRules,
  PointsRulesView,
} from '../../../typings';
import type { ActionContext, AdminPrincipal, BackendDeps } from '../../core/context';
import type { Doc, Write } from '../../ports/store';
import { COLLECTIONS } from '../../schema/collections';
import { auditWrite } from '../audit/audit';
import {
  DEFAULT_POINTS_RULES,
  DEFAULT_POINTS_THRESHOLD,
  readPointsRules,
  SETTING_IDS,
} from '../society/settings';

/** The awards in the order of PRODUCT.md's table, which is how members read them. */
export const AWARD_KINDS: readonly PointsAwardKind[] = [
  'firstLogin',
  'noticeView',
  'noticeFeedback',
  'newsView',
  'serviceApply',
  'renewal',
  'eventCheckin',
  'eventRegister',
];

/** The names of the guide and PRODUCT.md, for every kind of entry. */
export const POINTS_LABELS: Record<PointEventKind, string> = {
  firstLogin: '新会员登录',
  noticeView: '查看通知',
  noticeFeedback: '反馈通知',
  newsView: '查看机构动态',
  serviceApply: '申请服务',
  renewal: '会员续费',
  eventCheckin: '会内活动签到',
  eventRegister: '报名参加会内活动',
  adminAdjust: '管理员调整',
};

/** How often each award is given, as the rules list says it. */
const AWARD_NOTES: Record<PointsAwardKind, string> = {
  firstLogin: '首次登录，仅一次',
  noticeView: '每条通知一次',
  noticeFeedback: '每条通知一次',
  newsView: '每条动态一次',
  serviceApply: '每次申请',
  renewal: '每次续费经财务确认后',
  eventCheckin: '每场活动一次',
  eventRegister: '每场活动一次',
};

export const DEFAULT_POINTS_REWARD = '生日礼物，并获得年度优秀会员评选资格';

/** The threshold and its reward, kept beside the values (settings `pointsReward`). */
interface RewardDoc extends Doc {
  value: { threshold: number; reward: string };
  updatedAt: string;
}

const REWARD_ID = 'pointsReward';

export async function readPointsSettings(deps: BackendDeps): Promise<PointsRules> {
  const [values, reward] = await Promise.all([
    readPointsRules(deps),
    deps.store.get<RewardDoc>(COLLECTIONS.settings, REWARD_ID),
  ]);
  return {
    values: Object.fromEntries(AWARD_KINDS.map((k) => [k, values[k]])) as PointsRules['values'],
    threshold: reward?.value.threshold ?? DEFAULT_POINTS_THRESHOLD,
    reward: reward?.value.reward ?? DEFAULT_POINTS_REWARD,
  };
}

/** The rules with each award's name, for the console. */
export async function readPointsRulesView(deps: BackendDeps): Promise<PointsRulesView> {
  const rules = await readPointsSettings(deps);
  const labels = Object.fromEntries(AWARD_KINDS.map((k) => [k, POINTS_LABELS[k]]));
  return { ...rules, labels: labels as PointsRulesView['labels'] };
}

/** The rules as members read them: the awards worth something, in the table's order. */
export function rulesForMembers(rules: PointsRules): PointsSummaryRule[] {
  return AWARD_KINDS.filter((kind) => rules.values[kind] > 0).map((kind) => ({
    kind,
    label: POINTS_LABELS[kind],
    points: rules.values[kind],
    note: AWARD_NOTES[kind],
  }));
}

type PointsSummaryRule = { kind: PointsAwardKind; label: string; points: number; note: string };

/** An insert the first time, else an update of the value: settings documents of one shape. */
async function settingWrite(
  deps: BackendDeps,
  id: string,
  value: object,
  now: Date,
): Promise<Write> {
  const updatedAt = now.toISOString();
  if (await deps.store.get(COLLECTIONS.settings, id)) {
    return {
      op: 'update',
      collection: COLLECTIONS.settings,
      id,
      patch: { set: { value, updatedAt } },
    };
  }
  return { op: 'insert', collection: COLLECTIONS.settings, doc: { _id: id, value, updatedAt } };
}

/**
 * Saves the rules (super-admin). They apply to awards from now on: entries already in the
 * ledger keep the points they were given.
 */
export async function updatePointsSettings(
  ctx: ActionContext<AdminPrincipal>,
  rules: PointsRules,
): Promise<PointsRulesView> {
  const before = await readPointsSettings(ctx.deps);
  const values = { ...DEFAULT_POINTS_RULES, ...rules.values };
  const reward = { threshold: rules.threshold, reward: rules.reward };
  await ctx.deps.store.batch([
    await settingWrite(ctx.deps, SETTING_IDS.pointsRules, values, ctx.now),
    await settingWrite(ctx.deps, REWARD_ID, reward, ctx.now),
    auditWrite(ctx.principal, ctx.now, 'admin.points.rules.update', SETTING_IDS.pointsRules, {
      fields: ['values', 'threshold', 'reward'],
      summary: { before: JSON.stringify(before), after: JSON.stringify(rules) },
    }),
  ]);
  return readPointsRulesView(ctx.deps);
}
